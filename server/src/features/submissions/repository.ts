import type { SubmissionStatus, ValueSource } from '@fazhi/shared'
import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { bureaus, indicators, submissions, submissionValues, users } from '../../db/schema'
import { lastEditorOf } from '../../db/versions'

export type SubmissionRow = typeof submissions.$inferSelect
export type ValueRow = ReturnType<ReturnType<typeof submissionsRepository>['values']>[number]
export interface ValueWrite {
  indicatorCode: string
  value: number | null
  notApplicable: boolean
  note: string | null
  source: ValueSource
}

type SubmissionPatch = Partial<
  Pick<SubmissionRow, 'status' | 'submittedAt' | 'firstSubmittedAt' | 'approvedAt' | 'approvedBy' | 'returnReason' | 'publishedUrl' | 'publishedAt'>
>

export function submissionsRepository(db: Db) {
  return {
    find(id: number): SubmissionRow | undefined {
      return db.select().from(submissions).where(eq(submissions.id, id)).get()
    },
    findByBureauYear(bureauId: number, year: number): SubmissionRow | undefined {
      return db
        .select()
        .from(submissions)
        .where(and(eq(submissions.bureauId, bureauId), eq(submissions.year, year)))
        .get()
    },
    list(filter: { year?: number; bureauId?: number; status?: SubmissionStatus }) {
      return db
        .select({
          id: submissions.id,
          bureauId: submissions.bureauId,
          bureauCode: bureaus.code,
          bureauName: bureaus.name,
          year: submissions.year,
          status: submissions.status,
          version: submissions.version,
          submittedAt: submissions.submittedAt,
          approvedAt: submissions.approvedAt,
          returnReason: submissions.returnReason,
          publishedUrl: submissions.publishedUrl,
          publishedAt: submissions.publishedAt,
          updatedAt: submissions.updatedAt,
        })
        .from(submissions)
        .innerJoin(bureaus, eq(bureaus.id, submissions.bureauId))
        .where(
          and(
            filter.year === undefined ? undefined : eq(submissions.year, filter.year),
            filter.bureauId === undefined ? undefined : eq(submissions.bureauId, filter.bureauId),
            filter.status === undefined ? undefined : eq(submissions.status, filter.status),
          ),
        )
        .orderBy(desc(submissions.year), asc(bureaus.id))
        .all()
    },
    insert(row: { bureauId: number; year: number; at: string }): SubmissionRow {
      return db
        .insert(submissions)
        .values({ bureauId: row.bureauId, year: row.year, status: 'draft', version: 1, createdAt: row.at, updatedAt: row.at })
        .returning()
        .get()
    },
    /**
     * The optimistic-concurrency check: bumps the version only if it is still `expected`.
     * Returns false when someone else saved first.
     */
    bumpVersionIf(id: number, expected: number, at: string): boolean {
      return (
        db
          .update(submissions)
          .set({ version: sql`${submissions.version} + 1`, updatedAt: at })
          .where(and(eq(submissions.id, id), eq(submissions.version, expected)))
          .run().changes === 1
      )
    },
    /** Any change to the submission row bumps its version, so a form open elsewhere cannot overwrite it. */
    update(id: number, patch: SubmissionPatch, at: string): SubmissionRow {
      return db
        .update(submissions)
        .set({ ...patch, version: sql`${submissions.version} + 1`, updatedAt: at })
        .where(eq(submissions.id, id))
        .returning()
        .get()!
    },
    values(submissionId: number) {
      return db
        .select({
          code: submissionValues.indicatorCode,
          value: submissionValues.value,
          notApplicable: submissionValues.notApplicable,
          note: submissionValues.note,
          source: submissionValues.source,
          updatedAt: submissionValues.updatedAt,
          updatedBy: users.displayName,
        })
        .from(submissionValues)
        .innerJoin(indicators, eq(indicators.code, submissionValues.indicatorCode))
        .leftJoin(users, eq(users.id, submissionValues.updatedBy))
        .where(eq(submissionValues.submissionId, submissionId))
        .orderBy(asc(indicators.sortOrder))
        .all()
    },
    writeValues(submissionId: number, writes: readonly ValueWrite[], by: { userId: number; at: string }) {
      for (const w of writes) {
        const row = { ...w, updatedBy: by.userId, updatedAt: by.at }
        db.insert(submissionValues)
          .values({ submissionId, ...row })
          .onConflictDoUpdate({ target: [submissionValues.submissionId, submissionValues.indicatorCode], set: row })
          .run()
      }
    },
    userName(id: number | null): string | null {
      if (id === null) return null
      return db.select({ name: users.displayName }).from(users).where(eq(users.id, id)).get()?.name ?? null
    },
    /** Display name of whoever changed the submission last, from its audit trail. */
    lastEditor(submissionId: number): string | null {
      return lastEditorOf(db, 'submission', submissionId)?.name ?? null
    },
  }
}
export type SubmissionsRepository = ReturnType<typeof submissionsRepository>
