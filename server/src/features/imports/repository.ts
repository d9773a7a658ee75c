import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { rectificationItems, reportImports, submissions, submissionValues } from '../../db/schema'
import type { Extraction } from './extract'

export type ImportRow = typeof reportImports.$inferSelect & { extraction: Extraction }

export function importsRepository(db: Db) {
  return {
    async insert(row: typeof reportImports.$inferInsert): Promise<ImportRow> {
      return (await db.insert(reportImports).values(row).returning())[0] as ImportRow
    },
    async find(id: number): Promise<ImportRow | undefined> {
      return (await db.select().from(reportImports).where(eq(reportImports.id, id)).limit(1))[0] as ImportRow | undefined
    },
    async latest(bureauId: number, year: number): Promise<ImportRow | undefined> {
      return (await db
        .select()
        .from(reportImports)
        .where(and(eq(reportImports.bureauId, bureauId), eq(reportImports.year, year)))
        .orderBy(desc(reportImports.id))
        .limit(1))[0] as ImportRow | undefined
    },
    /** Problems the bureau raised for `year`: its rectification items sourced from that year's report. */
    async rectificationProblems(bureauId: number, year: number): Promise<string[]> {
      return (await db
        .select({ problem: rectificationItems.problem })
        .from(rectificationItems)
        .where(and(eq(rectificationItems.bureauId, bureauId), eq(rectificationItems.sourceYear, year))))
        .map((r) => r.problem)
    },
    async currentValues(bureauId: number, year: number) {
      return await db
        .select({ code: submissionValues.indicatorCode, value: submissionValues.value, source: submissionValues.source })
        .from(submissionValues)
        .innerJoin(submissions, eq(submissions.id, submissionValues.submissionId))
        .where(and(eq(submissions.bureauId, bureauId), eq(submissions.year, year)))
    },
  }
}
export type ImportsRepository = ReturnType<typeof importsRepository>
