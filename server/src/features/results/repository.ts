import { and, asc, desc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { resultVersions, users } from '../../db/schema'

/** Published result versions (append-only: the table's triggers refuse updates and deletes). */
export function resultsRepository(db: Db) {
  return {
    /** The year's newest version with its figures, or undefined before the first publication. */
    async latest(year: number) {
      return (await db
        .select({ version: resultVersions.version, figures: resultVersions.figures })
        .from(resultVersions)
        .where(eq(resultVersions.year, year))
        .orderBy(desc(resultVersions.version))
        .limit(1))[0]
    },

    async insert(row: typeof resultVersions.$inferInsert): Promise<void> {
      await db.insert(resultVersions).values(row)
    },

    /** The year's versions, oldest first, with the publisher's name. */
    async list(year: number) {
      return await db
        .select({
          version: resultVersions.version,
          title: resultVersions.title,
          publishedAt: resultVersions.publishedAt,
          publishedBy: users.displayName,
          changes: resultVersions.changes,
        })
        .from(resultVersions)
        .leftJoin(users, eq(users.id, resultVersions.publishedBy))
        .where(eq(resultVersions.year, year))
        .orderBy(asc(resultVersions.version))
    },

    /** A version's frozen figures as stored (JSON text). */
    async figures(year: number, version: number): Promise<string | undefined> {
      return ((await db
        .select({ figures: resultVersions.figures })
        .from(resultVersions)
        .where(and(eq(resultVersions.year, year), eq(resultVersions.version, version))).limit(1))[0])?.figures
    },
  }
}
export type ResultsRepository = ReturnType<typeof resultsRepository>
