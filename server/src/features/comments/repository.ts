import type { CommentSide, LedgerType } from '@fazhi/shared'
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { bureaus, reviewComments, submissions, users } from '../../db/schema'

export type CommentRow = Awaited<ReturnType<ReturnType<typeof commentsRepository>['list']>>[number]
export interface CommentWrite {
  submissionId: number
  indicatorCode: string | null
  ledgerType: LedgerType | null
  ledgerId: number | null
  fileId: number | null
  replyTo: number | null
  text: string
  authorId: number
  authorSide: CommentSide
  at: string
  eventId: number | null
}

export function commentsRepository(db: Db) {
  const columns = {
    id: reviewComments.id,
    submissionId: reviewComments.submissionId,
    indicatorCode: reviewComments.indicatorCode,
    ledgerType: sql<LedgerType | null>`${reviewComments.ledgerType}`,
    ledgerId: reviewComments.ledgerId,
    fileId: reviewComments.fileId,
    replyTo: reviewComments.replyTo,
    text: reviewComments.text,
    author: users.displayName,
    authorSide: reviewComments.authorSide,
    at: reviewComments.at,
    eventId: reviewComments.eventId,
  }
  return {
    /** A submission's comments, oldest first, with their authors. */
    async list(submissionId: number) {
      return await db
        .select(columns)
        .from(reviewComments)
        .leftJoin(users, eq(users.id, reviewComments.authorId))
        .where(eq(reviewComments.submissionId, submissionId))
        .orderBy(asc(reviewComments.id))
    },
    async find(id: number) {
      return (await db.select(columns).from(reviewComments).leftJoin(users, eq(users.id, reviewComments.authorId)).where(eq(reviewComments.id, id)).limit(1))[0]
    },
    async insert(row: CommentWrite): Promise<number> {
      return ((await db.insert(reviewComments).values(row).returning({ id: reviewComments.id }))[0]).id
    },
    /** Sends the office's unsent comments on the submission with the return `eventId`; returns how many. */
    async attachUnsent(submissionId: number, eventId: number): Promise<number> {
      return (await db
        .update(reviewComments)
        .set({ eventId })
        .where(and(eq(reviewComments.submissionId, submissionId), isNull(reviewComments.eventId), eq(reviewComments.authorSide, 'office')))
        .returning({ id: reviewComments.id })).length
    },
    /** Threads the office started, by submission; `sentOnly`: only those already sent to the bureau. */
    async threadCounts(submissionIds: readonly number[], sentOnly: boolean): Promise<Map<number, number>> {
      if (!submissionIds.length) return new Map()
      const rows = await db
        .select({ submissionId: reviewComments.submissionId, count: sql<number>`count(*)`.mapWith(Number) })
        .from(reviewComments)
        .where(and(inArray(reviewComments.submissionId, [...submissionIds]), isNull(reviewComments.replyTo), sentOnly ? isNotNull(reviewComments.eventId) : undefined))
        .groupBy(reviewComments.submissionId)
      return new Map(rows.map((r) => [r.submissionId, r.count]))
    },
    /**
     * The comments of one side on a year's reports since `since` (newest first), of the listed
     * bureaus (null: every bureau); an office comment counts once a return has sent it.
     */
    async since(filter: { since: string; year: number; side: CommentSide; bureauIds: readonly number[] | null }) {
      return await db
        .select({ submissionId: submissions.id, bureauName: bureaus.name, year: submissions.year, at: reviewComments.at, author: users.displayName })
        .from(reviewComments)
        .innerJoin(submissions, eq(submissions.id, reviewComments.submissionId))
        .innerJoin(bureaus, eq(bureaus.id, submissions.bureauId))
        .leftJoin(users, eq(users.id, reviewComments.authorId))
        .where(
          and(
            gt(reviewComments.at, filter.since),
            eq(submissions.year, filter.year),
            eq(reviewComments.authorSide, filter.side),
            filter.side === 'office' ? isNotNull(reviewComments.eventId) : undefined,
            filter.bureauIds === null ? undefined : inArray(submissions.bureauId, [...filter.bureauIds]),
          ),
        )
        .orderBy(desc(reviewComments.at), desc(reviewComments.id))
    },
    /** The evidence files the comments on a year's submissions name (publishing keeps them, deleted or not). */
    async commentedFileIds(year: number): Promise<number[]> {
      return (await db
        .selectDistinct({ id: reviewComments.fileId })
        .from(reviewComments)
        .innerJoin(submissions, eq(submissions.id, reviewComments.submissionId))
        .where(and(eq(submissions.year, year), isNotNull(reviewComments.fileId))))
        .map((r) => r.id!)
    },
  }
}
export type CommentsRepository = ReturnType<typeof commentsRepository>
