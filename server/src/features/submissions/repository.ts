import { REPORTED_STATUSES, type SubmissionEventAction, type SubmissionStatus, type ValueSource } from '@fazhi/shared'
import { and, asc, desc, eq, gt, inArray, isNotNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client'
import { bureaus, indicators, submissionEvents, submissions, submissionValues, users } from '../../db/schema'
import { lastEditorOf } from '../../db/versions'

export type SubmissionRow = typeof submissions.$inferSelect
export type ValueRow = Awaited<ReturnType<ReturnType<typeof submissionsRepository>['values']>>[number]
export interface ValueWrite {
  indicatorCode: string
  value: number | null
  notApplicable: boolean
  note: string | null
  source: ValueSource
}

type SubmissionPatch = Partial<
  Pick<
    SubmissionRow,
    'status' | 'submittedAt' | 'firstSubmittedAt' | 'resubmitDeadline' | 'lateResubmissions' | 'approvedAt' | 'approvedBy' | 'returnReason' | 'publishedUrl' | 'publishedAt'
  >
>

export interface SubmissionEventWrite {
  action: SubmissionEventAction
  at: string
  userId: number
  reason?: string
  resubmitDeadline?: string
  /** A return's copy of the report's values as returned, by indicator code. */
  snapshot?: ReturnSnapshot
}
/** The values of a report as a return kept them (`submission_events.snapshot`). */
export type ReturnSnapshot = Record<string, { value: number | null; notApplicable: boolean; note: string | null }>
/** `bureauIds`: the bureaus listed (`listedBureaus`); null: every bureau. */
type ListFilter = { year?: number; bureauIds: readonly number[] | null; status?: SubmissionStatus }

/** The condition of a list held to some bureaus (null: every bureau). */
const ofBureaus = (bureauIds: readonly number[] | null) => (bureauIds === null ? undefined : inArray(submissions.bureauId, [...bureauIds]))

export function submissionsRepository(db: Db) {
  const listFilter = (filter: ListFilter) =>
    and(
      filter.year === undefined ? undefined : eq(submissions.year, filter.year),
      ofBureaus(filter.bureauIds),
      filter.status === undefined ? undefined : eq(submissions.status, filter.status),
    )

  return {
    async find(id: number): Promise<SubmissionRow | undefined> {
      return (await db.select().from(submissions).where(eq(submissions.id, id)).limit(1))[0]
    },
    async findByBureauYear(bureauId: number, year: number): Promise<SubmissionRow | undefined> {
      return (await db
        .select()
        .from(submissions)
        .where(and(eq(submissions.bureauId, bureauId), eq(submissions.year, year))).limit(1))[0]
    },
    /** The first and last year the bureau has a submission (any status) for; null: none. */
    async yearSpan(bureauId: number): Promise<{ first: number; last: number } | null> {
      const row = (await db
        .select({ first: sql<number | null>`min(${submissions.year})`, last: sql<number | null>`max(${submissions.year})` })
        .from(submissions)
        .where(eq(submissions.bureauId, bureauId)).limit(1))[0]
      return row?.first != null && row.last != null ? { first: row.first, last: row.last } : null
    },
    async list(filter: ListFilter) {
      return await db
        .select({
          id: submissions.id,
          bureauId: submissions.bureauId,
          bureauCode: bureaus.code,
          bureauName: bureaus.name,
          year: submissions.year,
          status: submissions.status,
          version: submissions.version,
          submittedAt: submissions.submittedAt,
          firstSubmittedAt: submissions.firstSubmittedAt,
          approvedAt: submissions.approvedAt,
          returnReason: submissions.returnReason,
          returnCount: sql<number>`(select count(*) from ${submissionEvents} e where e.submission_id = ${submissions.id} and e.action = 'return')`.mapWith(Number),
          publishedUrl: submissions.publishedUrl,
          publishedAt: submissions.publishedAt,
          updatedAt: submissions.updatedAt,
        })
        .from(submissions)
        .innerJoin(bureaus, eq(bureaus.id, submissions.bureauId))
        .where(listFilter(filter))
        .orderBy(desc(submissions.year), asc(bureaus.id))
    },
    /** The numeric values of the bureau's reported (submitted or approved) report of `year`, by code. */
    async reportedValues(bureauId: number, year: number): Promise<Record<string, number>> {
      const rows = await db
        .select({ code: submissionValues.indicatorCode, value: submissionValues.value })
        .from(submissionValues)
        .innerJoin(submissions, eq(submissions.id, submissionValues.submissionId))
        .where(
          and(
            eq(submissions.bureauId, bureauId),
            eq(submissions.year, year),
            inArray(submissions.status, [...REPORTED_STATUSES]),
            isNotNull(submissionValues.value),
          ),
        )
      return Object.fromEntries(rows.map((r) => [r.code, r.value!]))
    },
    /** The values of the listed submissions, each with the same indicator's value in the bureau's reported report of the year before. */
    async valuesWithPrevious(filter: ListFilter) {
      const previous = alias(submissions, 'previous')
      const previousValue = alias(submissionValues, 'previous_value')
      return await db
        .select({
          submissionId: submissions.id,
          bureauId: submissions.bureauId,
          year: submissions.year,
          code: submissionValues.indicatorCode,
          value: submissionValues.value,
          note: submissionValues.note,
          previous: previousValue.value,
        })
        .from(submissions)
        .innerJoin(submissionValues, eq(submissionValues.submissionId, submissions.id))
        .leftJoin(
          previous,
          and(eq(previous.bureauId, submissions.bureauId), eq(previous.year, sql`${submissions.year} - 1`), inArray(previous.status, [...REPORTED_STATUSES])),
        )
        .leftJoin(previousValue, and(eq(previousValue.submissionId, previous.id), eq(previousValue.indicatorCode, submissionValues.indicatorCode)))
        .where(and(listFilter(filter), isNotNull(submissionValues.value)))
    },
    async insert(row: { bureauId: number; year: number; at: string }): Promise<SubmissionRow> {
      return (await db
        .insert(submissions)
        .values({ bureauId: row.bureauId, year: row.year, status: 'draft', version: 1, createdAt: row.at, updatedAt: row.at })
        .returning())[0]
    },
    /**
     * The optimistic-concurrency check: bumps the version only if it is still `expected`.
     * Returns false when someone else saved first.
     */
    async bumpVersionIf(id: number, expected: number, at: string): Promise<boolean> {
      return (
        (await db
          .update(submissions)
          .set({ version: sql`${submissions.version} + 1`, updatedAt: at })
          .where(and(eq(submissions.id, id), eq(submissions.version, expected)))
          .returning({ id: submissions.id })).length === 1
      )
    },
    /** Any change to the submission row bumps its version, so a form open elsewhere cannot overwrite it. */
    async update(id: number, patch: SubmissionPatch, at: string): Promise<SubmissionRow> {
      return ((await db
        .update(submissions)
        .set({ ...patch, version: sql`${submissions.version} + 1`, updatedAt: at })
        .where(eq(submissions.id, id))
        .returning())[0])!
    },
    /** Appends one step to the submission's review history (the table is append-only). */
    async addEvent(submissionId: number, event: SubmissionEventWrite): Promise<number> {
      return ((await db
        .insert(submissionEvents)
        .values({
          submissionId,
          action: event.action,
          at: event.at,
          userId: event.userId,
          reason: event.reason ?? null,
          resubmitDeadline: event.resubmitDeadline ?? null,
          snapshot: event.snapshot ?? null,
        })
        .returning({ id: submissionEvents.id }))[0]).id
    },
    /** The submission's latest return (review history step), or null. */
    async lastReturnId(submissionId: number): Promise<number | null> {
      return (
        ((await db
          .select({ id: submissionEvents.id })
          .from(submissionEvents)
          .where(and(eq(submissionEvents.submissionId, submissionId), eq(submissionEvents.action, 'return')))
          .orderBy(desc(submissionEvents.id)).limit(1))[0])?.id ?? null
      )
    },
    /** The submission's latest return with the values it kept (null for a return made before returns kept them), or undefined. */
    async lastReturn(submissionId: number): Promise<{ at: string; snapshot: ReturnSnapshot | null } | undefined> {
      const row = (await db
        .select({ at: submissionEvents.at, snapshot: submissionEvents.snapshot })
        .from(submissionEvents)
        .where(and(eq(submissionEvents.submissionId, submissionId), eq(submissionEvents.action, 'return')))
        .orderBy(desc(submissionEvents.id)).limit(1))[0]
      return row && { at: row.at, snapshot: (row.snapshot as ReturnSnapshot | null) ?? null }
    },
    /** The review history's steps taken since `since` (newest first), of a year, of the listed bureaus (null: every bureau). */
    async stepsSince(filter: { since: string; year: number; bureauIds: readonly number[] | null; actions: readonly SubmissionEventAction[] }) {
      return await db
        .select({ submissionId: submissions.id, bureauName: bureaus.name, year: submissions.year, action: submissionEvents.action, at: submissionEvents.at })
        .from(submissionEvents)
        .innerJoin(submissions, eq(submissions.id, submissionEvents.submissionId))
        .innerJoin(bureaus, eq(bureaus.id, submissions.bureauId))
        .where(
          and(
            gt(submissionEvents.at, filter.since),
            eq(submissions.year, filter.year),
            ofBureaus(filter.bureauIds),
            inArray(submissionEvents.action, [...filter.actions]),
          ),
        )
        .orderBy(desc(submissionEvents.at), desc(submissionEvents.id))
    },
    /** The review history, oldest first, with the display name of whoever took each step. */
    async history(submissionId: number) {
      return await db
        .select({ id: submissionEvents.id, action: submissionEvents.action, at: submissionEvents.at, by: users.displayName, reason: submissionEvents.reason, resubmitDeadline: submissionEvents.resubmitDeadline })
        .from(submissionEvents)
        .leftJoin(users, eq(users.id, submissionEvents.userId))
        .where(eq(submissionEvents.submissionId, submissionId))
        .orderBy(asc(submissionEvents.id))
    },
    async values(submissionId: number) {
      return await db
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
    },
    async writeValues(submissionId: number, writes: readonly ValueWrite[], by: { userId: number; at: string }) {
      for (const w of writes) {
        const row = { ...w, updatedBy: by.userId, updatedAt: by.at }
        await db.insert(submissionValues)
          .values({ submissionId, ...row })
          .onConflictDoUpdate({ target: [submissionValues.submissionId, submissionValues.indicatorCode], set: row })
      }
    },
    async userName(id: number | null): Promise<string | null> {
      if (id === null) return null
      return ((await db.select({ name: users.displayName }).from(users).where(eq(users.id, id)).limit(1))[0])?.name ?? null
    },
    /** Whoever changed the submission last, from its audit trail. */
    async lastEditor(submissionId: number) {
      return await lastEditorOf(db, 'submission', submissionId)
    },
  }
}
export type SubmissionsRepository = ReturnType<typeof submissionsRepository>
