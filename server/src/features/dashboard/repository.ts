import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { legalityReviews, publicityEvents, rectificationItems, studySessions, submissions, submissionValues } from '../../db/schema'

export type SubmissionRow = typeof submissions.$inferSelect

export function dashboardRepository(db: Db) {
  const countFor = (table: typeof studySessions | typeof legalityReviews | typeof publicityEvents, bureauId: number, year: number) =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(table)
      .where(and(eq(table.bureauId, bureauId), eq(table.year, year)))
      .get()!.n

  return {
    submissionsForYear(year: number): SubmissionRow[] {
      return db.select().from(submissions).where(eq(submissions.year, year)).all()
    },
    valuesForYear(year: number) {
      return db
        .select({
          submissionId: submissionValues.submissionId,
          code: submissionValues.indicatorCode,
          value: submissionValues.value,
          notApplicable: submissionValues.notApplicable,
        })
        .from(submissionValues)
        .innerJoin(submissions, eq(submissions.id, submissionValues.submissionId))
        .where(eq(submissions.year, year))
        .all()
    },
    rectificationForYear(year: number) {
      return db
        .select({ bureauId: rectificationItems.bureauId, status: rectificationItems.status, deadline: rectificationItems.deadline })
        .from(rectificationItems)
        .where(eq(rectificationItems.year, year))
        .all()
    },
    ledgerCounts(bureauId: number, year: number) {
      return {
        studySessions: countFor(studySessions, bureauId, year),
        legalityReviews: countFor(legalityReviews, bureauId, year),
        publicityEvents: countFor(publicityEvents, bureauId, year),
      }
    },
  }
}
export type DashboardRepository = ReturnType<typeof dashboardRepository>
