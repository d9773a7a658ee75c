import {
  BUREAU_ANSWER_REFUSAL,
  BUREAU_ANSWER_STATUSES,
  can,
  type CommentCreateBody,
  type CommentSide,
  LOCKED_CYCLE_MESSAGE,
  OFFICE_COMMENT_REFUSAL,
  OFFICE_COMMENT_STATUSES,
  type ReviewComment,
  threadsOf,
} from '@fazhi/shared'
import type { Db } from '../../db/client'
import { LEDGER_TABLES } from '../../db/schema'
import { type AuditedTransaction, auditedTransaction } from '../../db/transaction'
import { badRequest, conflict, forbidden, notFound } from '../../errors'
import type { Actor } from '../../lib/actor'
import { listedBureaus } from '../../plugins/access'
import { catalogRepository, type CatalogRepository } from '../catalog/repository'
import { cyclesOn, type CyclesService } from '../cycles/service'
import { filesRepository, type FilesRepository } from '../files/repository'
import { ledgersRepository, type LedgersRepository } from '../ledgers/repository'
import { type NotificationEvents, notificationEventsOn } from '../notifications/events'
import type { SubmissionRow } from '../submissions/repository'
import { submissionsOn, type SubmissionsService } from '../submissions/service'
import { type CommentRow, commentsRepository, type CommentsRepository } from './repository'

export interface CommentsDeps {
  repo: CommentsRepository
  submissions: Pick<SubmissionsService, 'requireSubmission' | 'requireSubmissionToChange' | 'lastReturnId'>
  catalog: Pick<CatalogRepository, 'indicatorsForYear'>
  cycles: Pick<CyclesService, 'requireCycle'>
  ledgers: Pick<LedgersRepository, 'of'>
  files: Pick<FilesRepository, 'ownerOf'>
  /** A comment that reaches the other side tells them, in its transaction. */
  notices: Pick<NotificationEvents, 'commented'>
  transaction: AuditedTransaction
  clock: () => Date
}

function shape(row: CommentRow): ReviewComment {
  const office = row.authorSide === 'office'
  return {
    id: row.id,
    submissionId: row.submissionId,
    indicator: row.indicatorCode,
    ledgerType: row.ledgerType,
    ledgerId: row.ledgerId,
    fileId: row.fileId,
    replyTo: row.replyTo,
    text: row.text,
    author: row.author,
    authorSide: row.authorSide,
    at: row.at,
    sent: !office || row.eventId !== null,
    eventId: row.eventId,
  }
}

/**
 * Reviewers' comments (批注). Office comments stay unsent until a return sends them (the submissions
 * service attaches them to the return's history step); on a returned report they join that return at
 * once. The bureau sees only sent comments and answers them; nothing is edited or deleted.
 */
export function commentsService(deps: CommentsDeps) {
  const { repo, submissions, catalog, cycles, ledgers, files, notices, transaction, clock } = deps

  /** Refuses a target outside the submission's bureau-year (400): the office comments on what it reviews. */
  async function assertTarget(s: SubmissionRow, body: CommentCreateBody) {
    if (body.indicator !== undefined && !(await catalog.indicatorsForYear(s.year)).some((i) => i.code === body.indicator))
      throw badRequest(`指标「${body.indicator}」不在 ${s.year} 年度考核方案中`)
    if (body.ledgerType !== undefined && body.ledgerId !== undefined) {
      const row = await ledgers.of(LEDGER_TABLES[body.ledgerType]).find(body.ledgerId)
      if (!row || row.bureauId !== s.bureauId || row.year !== s.year) throw badRequest('该台账记录不属于本填报的单位和年度')
    }
    if (body.fileId !== undefined) {
      const owner = await files.ownerOf(body.fileId)
      if (!owner || owner.bureauId !== s.bureauId || owner.year !== s.year) throw badRequest('该佐证材料不属于本填报的单位和年度')
    }
  }

  /** The thread a reply joins; the bureau answers only what the office has sent it. */
  async function threadRoot(s: SubmissionRow, replyTo: number, office: boolean): Promise<CommentRow> {
    const root = await repo.find(replyTo)
    const visible = root && root.submissionId === s.id && (office || root.authorSide !== 'office' || root.eventId !== null)
    if (!visible) throw notFound('要回复的批注不存在')
    if (root.replyTo !== null) throw badRequest('请回复批注本身，而不是其中的回复')
    if (!office && root.authorSide !== 'office') throw badRequest('只能回复依法治县办的批注')
    return root
  }

  return {
    async list(actor: Actor, submissionId: number): Promise<ReviewComment[]> {
      const s = await submissions.requireSubmission(actor, submissionId)
      const all = (await repo.list(s.id)).map(shape)
      return can(actor.user, 'allBureaus') ? all : all.filter((c) => c.sent)
    },

    /** The office's sent comments (threads) on the report the bureau has not answered yet. */
    async unanswered(actor: Actor, submissionId: number): Promise<number> {
      const sent = (await repo.list((await submissions.requireSubmission(actor, submissionId)).id)).map(shape).filter((c) => c.sent)
      return threadsOf(sent).filter((t) => t.root.authorSide === 'office' && !t.replies.some((r) => r.authorSide === 'bureau')).length
    },

    /** One side's comments on a year's reports since `since`, newest first, on the reports of the bureaus the user acts on (`listedBureaus`). */
    async since(actor: Actor, filter: { since: string; year: number; side: CommentSide }) {
      return await repo.since({ ...filter, bureauIds: listedBureaus(actor.user, undefined) })
    },

    async create(actor: Actor, body: CommentCreateBody): Promise<ReviewComment> {
      return await transaction(actor, async (audit) => {
        // Commenting and answering follow who acts on the report: a city office or 市科技局 reads a county's, it does not comment on it.
        const s = await submissions.requireSubmissionToChange(actor, body.submissionId)
        if ((await cycles.requireCycle(s.year)).locked) throw conflict(LOCKED_CYCLE_MESSAGE)
        const office = can(actor.user, 'review')
        if (office && !OFFICE_COMMENT_STATUSES.includes(s.status)) throw conflict(OFFICE_COMMENT_REFUSAL)
        if (!office && body.replyTo === undefined) throw forbidden('单位不能发起批注，只能回复依法治县办的批注')
        if (!office && !BUREAU_ANSWER_STATUSES.includes(s.status)) throw conflict(BUREAU_ANSWER_REFUSAL)
        const root = body.replyTo === undefined ? null : await threadRoot(s, body.replyTo, office)
        if (!root) await assertTarget(s, body)
        const id = await repo.insert({
          submissionId: s.id,
          indicatorCode: root ? root.indicatorCode : (body.indicator ?? null),
          ledgerType: root ? root.ledgerType : (body.ledgerType ?? null),
          ledgerId: root ? root.ledgerId : (body.ledgerId ?? null),
          fileId: root ? root.fileId : (body.fileId ?? null),
          replyTo: root?.id ?? null,
          text: body.text,
          authorId: actor.user.id,
          authorSide: office ? 'office' : 'bureau',
          at: clock().toISOString(),
          // On a returned report the bureau is answering now: the office's comment joins that return.
          eventId: office && s.status === 'returned' ? await submissions.lastReturnId(s.id) : null,
        })
        const comment = shape((await repo.find(id))!)
        await audit({ action: 'comment.create', objectType: 'comment', objectId: id, after: comment })
        await notices.commented(s, comment)
        return comment
      })
    },
  }
}
export type CommentsService = ReturnType<typeof commentsService>

/** The comments service over the database, with its repositories. */
export const commentsOn = (db: Db, clock: () => Date): CommentsService =>
  commentsService({
    repo: commentsRepository(db),
    submissions: submissionsOn(db, clock),
    catalog: catalogRepository(db),
    cycles: cyclesOn(db, clock),
    ledgers: ledgersRepository(db),
    files: filesRepository(db),
    notices: notificationEventsOn(db, clock),
    transaction: auditedTransaction(db),
    clock,
  })
