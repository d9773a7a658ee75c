import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { bureaus, rectificationItems, regions, submissions } from '../../db/schema'

/** The few reads the exports need beyond what the dashboard service already returns. */
export function exportsRepository(db: Db) {
  return {
    /** Every rectification item of the year (optionally one bureau's), with the bureau's name. */
    async rectificationItems(year: number, bureauId?: number) {
      return await db
        .select({
          id: rectificationItems.id,
          bureauId: rectificationItems.bureauId,
          bureauName: bureaus.name,
          problem: rectificationItems.problem,
          measure: rectificationItems.measure,
          owner: rectificationItems.owner,
          deadline: rectificationItems.deadline,
          status: rectificationItems.status,
          completedAt: rectificationItems.completedAt,
          verifiedAt: rectificationItems.verifiedAt,
          returnReason: rectificationItems.returnReason,
        })
        .from(rectificationItems)
        .innerJoin(bureaus, eq(bureaus.id, rectificationItems.bureauId))
        .where(and(eq(rectificationItems.year, year), bureauId === undefined ? undefined : eq(rectificationItems.bureauId, bureauId)))
        .orderBy(asc(rectificationItems.bureauId), asc(rectificationItems.deadline), asc(rectificationItems.id))
    },

    /** Where and when each bureau made its annual report public. */
    async publications(year: number) {
      return await db
        .select({ bureauId: submissions.bureauId, publishedUrl: submissions.publishedUrl, publishedAt: submissions.publishedAt })
        .from(submissions)
        .where(eq(submissions.year, year))
    },

    /** The name of the top-level region (the office running the system), for titles. */
    async rootRegionName(): Promise<string | null> {
      return ((await db.select({ name: regions.name }).from(regions).where(isNull(regions.parentId)).orderBy(asc(regions.id)).limit(1))[0])?.name ?? null
    },
  }
}
export type ExportsRepository = ReturnType<typeof exportsRepository>
