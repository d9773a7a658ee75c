import {
  type AuditAction,
  APPROVED_PUBLICATION_MESSAGE,
  type BatchReviewResult,
  type Bureau,
  can,
  chinaDateTime,
  defaultResubmitDeadline,
  existsIn,
  fillProblems,
  isAnswerLate,
  LEDGER_INDICATORS,
  LOCKED_CYCLE_MESSAGE,
  missingEvidence,
  missingEvidenceProblem,
  publicationDateProblem,
  MAX_COUNT,
  readOnlyReason,
  resubmitDeadlineProblem,
  type ReturnBody,
  rollupLedgers,
  SUBMISSION_TRANSITIONS,
  type SubmissionAction,
  type SubmissionChanges,
  type SubmissionDetail,
  type SubmissionEventAction,
  type SubmissionListRow,
  type SubmissionSaveBody,
  type SubmissionStatus,
  transitionRefusal,
  type ValueSource,
  unexplainedFlagsProblem,
  valueProblem,
} from '@fazhi/shared'
import { AppError, badRequest, conflict, forbidden, notFound } from '../../errors'
import { assertActsOnBureau, assertBureauAccess, listedBureaus, resolveBureauId, seesBureau } from '../../plugins/access'
import { bureausOn, type BureausService } from '../bureaus/service'
import { catalogRepository, type CatalogRepository } from '../catalog/repository'
import type { CycleRow } from '../cycles/repository'
import { cyclesOn, type CyclesService } from '../cycles/service'
import { commentsRepository, type CommentsRepository } from '../comments/repository'
import { ledgersRepository, type LedgersRepository } from '../ledgers/repository'
import type { Db } from '../../db/client'
import { type Audit, type AuditedTransaction, auditedTransaction } from '../../db/transaction'
import { staleEdit, type VersionGuard, versionGuard } from '../../db/versions'
import type { Actor } from '../../lib/actor'
import { type SubmissionEventWrite, type SubmissionRow, submissionsRepository, type SubmissionsRepository, type ValueRow, type ValueWrite } from './repository'
import { type FilesRepository, filesRepository } from '../files/repository'
import { type NotificationEvents, notificationEventsOn } from '../notifications/events'
import { submissionPlausibility } from './plausibility'
import { returnChanges, returnSnapshotOf } from './changes'

type YearIndicator = Awaited<ReturnType<CatalogRepository['indicatorsForYear']>>[number]

/** Why one input of a batch of values is refused, by its index in the batch. */
export interface ValueProblem {
  index: number
  message: string
}

/** A fill-in planned against the stored values (`planFillIn`). */
export interface FillInPlan {
  submission: SubmissionRow
  indicators: YearIndicator[]
  bureau: Bureau
  stored: ReadonlyMap<string, ValueRow>
  writes: ValueWrite[]
  problems: ValueProblem[]
}

export interface SubmissionsDeps {
  repo: SubmissionsRepository
  catalog: Pick<CatalogRepository, 'indicatorsForYear' | 'settingsForYear'>
  cycles: Pick<CyclesService, 'requireCycle' | 'requireOpenCycle'>
  bureaus: Pick<BureausService, 'requireBureau'>
  ledgers: Pick<LedgersRepository, 'entries'>
  comments: Pick<CommentsRepository, 'attachUnsent' | 'threadCounts'>
  /** Which values have evidence files (佐证材料): submitting refuses while a required one has none. */
  evidence: Pick<FilesRepository, 'indicatorsWithFiles' | 'changedSince'>
  /** The bureau hears of a return or an approval (and the comments sent with it) in the transition's transaction. */
  notices: Pick<NotificationEvents, 'reviewed'>
  transaction: AuditedTransaction
  checkVersion: VersionGuard
  clock: () => Date
}

const hasText = (s: string | null | undefined) => !!s?.trim()
const snapshot = (v: Pick<ValueRow, 'value' | 'notApplicable' | 'note' | 'source'> | undefined) =>
  v ? { value: v.value, notApplicable: v.notApplicable, note: v.note, source: v.source } : null

/** Why one posted value cannot be saved, or null. */
function inputProblem(ind: YearIndicator, raw: number | boolean | null, notApplicable: boolean, hasEnforcement: boolean): string | null {
  const problem = valueProblem(ind, raw)
  if (problem) return problem
  if (ind.enforcementOnly && !hasEnforcement && (raw !== null || notApplicable)) return `本单位无行政执法职能，不填报「${ind.name}」`
  if (notApplicable && raw !== null) return `「${ind.name}」标记为不适用时不能填写数值`
  return null
}

/** Ledger roll-ups obey the per-value maximum (`valueProblem`) that refuses a typed value. */
function assertRollupWithinMaximum(indicators: readonly YearIndicator[], rollup: ReadonlyMap<string, number>, before: ReadonlyMap<string, number>) {
  const byCode = new Map(indicators.map((i) => [i.code, i]))
  const problems = [...rollup]
    .filter(([code, total]) => total > (before.get(code) ?? 0) && valueProblem(byCode.get(code)!, total) !== null)
    .map(([code, total]) => `「${byCode.get(code)!.name}」将汇总为 ${total}，超过单项数值上限 ${MAX_COUNT - 1}`)
  if (problems.length) throw badRequest(`台账汇总超出上限，本次修改未保存：${problems.join('；')}`)
}

export function submissionsService(deps: SubmissionsDeps) {
  const { repo, catalog, cycles, bureaus, ledgers, comments, evidence, notices, transaction, checkVersion, clock } = deps
  const now = () => clock().toISOString()
  const plausibility = submissionPlausibility({ repo, catalog })
  const changesOf = returnChanges({ repo, catalog, evidence })

  async function load(actor: Actor, id: number): Promise<SubmissionRow> {
    const s = await repo.find(id)
    if (!s) throw notFound('填报不存在')
    assertBureauAccess(actor.user, s.bureauId)
    return s
  }

  /** `load` for a change: the report must also be one the user acts on (a city office reads a county's report, it does not change it). */
  async function loadToChange(actor: Actor, id: number): Promise<SubmissionRow> {
    const s = await load(actor, id)
    assertActsOnBureau(actor.user, s.bureauId)
    return s
  }

  /** Refuses any change to a submission of a locked year, or one that is submitted or approved. */
  function assertEditable(s: SubmissionRow, cycle: CycleRow) {
    if (cycle.locked) throw conflict(LOCKED_CYCLE_MESSAGE)
    const reason = readOnlyReason(s.status)
    if (reason) throw conflict(reason)
  }

  /** Roll-up of the bureau-year's ledgers, for the ledger-fed indicators that apply to the bureau. */
  async function ledgerRollup(bureau: Bureau, year: number, indicators: readonly YearIndicator[]): Promise<Map<string, number>> {
    const applicable = new Set(indicators.filter((i) => !i.enforcementOnly || bureau.hasEnforcement).map((i) => i.code))
    const rolled = rollupLedgers(await ledgers.entries(bureau.id, year))
    return new Map(LEDGER_INDICATORS.filter((c) => applicable.has(c)).map((c) => [c, rolled[c]]))
  }

  /**
   * The values the ledgers should write: ledger-sourced values follow the roll-up; a value someone
   * typed in with a note (or marked 不适用 with one) is a deliberate override and stays.
   */
  function ledgerWrites(stored: ReadonlyMap<string, ValueRow>, rollup: ReadonlyMap<string, number>): ValueWrite[] {
    const writes: ValueWrite[] = []
    for (const [code, rolled] of rollup) {
      const row = stored.get(code)
      if (!row) {
        if (rolled > 0) writes.push({ indicatorCode: code, value: rolled, notApplicable: false, note: null, source: 'ledger' })
        continue
      }
      const differs = row.notApplicable || row.value !== rolled
      const override = row.source !== 'ledger' && differs && hasText(row.note)
      if (override || (row.source === 'ledger' && !differs)) continue
      writes.push({ indicatorCode: code, value: rolled, notApplicable: false, note: row.note, source: 'ledger' })
    }
    return writes
  }

  async function detail(s: SubmissionRow): Promise<SubmissionDetail> {
    const cycle = await cycles.requireCycle(s.year)
    const bureau = await bureaus.requireBureau(s.bureauId)
    const indicators = await catalog.indicatorsForYear(s.year)
    const kindOf = new Map(indicators.map((i) => [i.code, i.kind]))
    const rows = await repo.values(s.id)
    const { missing, notApplicableWithoutNote } = fillProblems(indicators, new Map(rows.map((r) => [r.code, r])), bureau)
    return {
      id: s.id,
      bureauId: s.bureauId,
      bureauName: bureau.name,
      hasEnforcement: bureau.hasEnforcement,
      bureauCategory: bureau.category,
      year: s.year,
      status: s.status,
      version: s.version,
      submittedAt: s.submittedAt,
      firstSubmittedAt: s.firstSubmittedAt,
      lateResubmissions: s.lateResubmissions,
      resubmitDeadline: s.resubmitDeadline,
      approvedAt: s.approvedAt,
      approvedBy: await repo.userName(s.approvedBy),
      returnReason: s.returnReason,
      publishedUrl: s.publishedUrl,
      publishedAt: s.publishedAt,
      updatedAt: s.updatedAt,
      locked: cycle.locked,
      editable: !cycle.locked && readOnlyReason(s.status) === null,
      values: rows.map((r) => ({
        indicator: r.code,
        value: r.value !== null && kindOf.get(r.code) === 'boolean' ? r.value >= 1 : r.value,
        note: r.note,
        source: r.source,
        notApplicable: r.notApplicable,
        updatedAt: r.updatedAt,
        updatedBy: r.updatedBy,
      })),
      ledgerValues: Object.fromEntries(await ledgerRollup(bureau, s.year, indicators)),
      missing: [...missing, ...notApplicableWithoutNote].map((i) => i.code),
      history: (await repo.history(s.id)).map((e) => ({
        id: e.id,
        action: e.action,
        at: e.at,
        by: e.by,
        ...(e.reason === null ? {} : { reason: e.reason }),
        ...(e.resubmitDeadline === null ? {} : { resubmitDeadline: e.resubmitDeadline }),
      })),
      ...await plausibility.of(s, rows),
    }
  }

  /**
   * Validates values (a form save, a fill-in template) against the catalog and the ledgers: the
   * writes of the values that change, and each refused input's problem by its index in `inputs`.
   * `source` overrides the inputs' own (a template's values are 'excel').
   */
  function planValues(
    inputs: SubmissionSaveBody['values'],
    ctx: { indicators: readonly YearIndicator[]; bureau: Bureau; stored: ReadonlyMap<string, ValueRow>; rollup: ReadonlyMap<string, number> },
    source?: ValueSource,
  ): { writes: ValueWrite[]; problems: ValueProblem[] } {
    const byCode = new Map(ctx.indicators.map((i) => [i.code, i]))
    const problems: ValueProblem[] = []
    const seen = new Set<string>()
    const writes: ValueWrite[] = []
    for (const [index, input] of inputs.entries()) {
      const refuse = (message: string) => problems.push({ index, message })
      const ind = byCode.get(input.indicator)
      if (!ind) {
        refuse(`未知指标代码：${input.indicator}`)
        continue
      }
      const name = `「${ind.name}」`
      if (seen.has(ind.code)) {
        refuse(`${name}重复提交`)
        continue
      }
      seen.add(ind.code)
      const raw = input.value ?? null
      const notApplicable = input.notApplicable ?? false
      const problem = inputProblem(ind, raw, notApplicable, ctx.bureau.hasEnforcement)
      if (problem) {
        refuse(problem)
        continue
      }
      // An enforcement indicator left empty by a bureau without enforcement powers: nothing to store.
      if (ind.enforcementOnly && !ctx.bureau.hasEnforcement) continue
      const stored = ctx.stored.get(ind.code)
      const value = typeof raw === 'boolean' ? Number(raw) : raw
      const note = input.note === undefined ? (stored?.note ?? null) : input.note || null
      const unchanged = stored
        ? stored.value === value && stored.notApplicable === notApplicable && stored.note === note
        : value === null && !notApplicable && note === null
      if (unchanged) continue
      const rolled = ctx.rollup.get(ind.code)
      const matchesLedger = rolled !== undefined && !notApplicable && value === rolled
      if (rolled !== undefined && !notApplicable && value !== null && !matchesLedger && !hasText(note)) {
        refuse(`${name}手工修改台账汇总值须说明原因（台账汇总为 ${rolled}）`)
        continue
      }
      writes.push({ indicatorCode: ind.code, value, notApplicable, note, source: matchesLedger ? 'ledger' : (source ?? input.source ?? 'manual') })
    }
    return { writes, problems }
  }

  /** What `planValues` needs of a submission: its year's scheme, its bureau, its stored values and ledger roll-up. */
  async function planContext(s: SubmissionRow) {
    const bureau = await bureaus.requireBureau(s.bureauId)
    const indicators = await catalog.indicatorsForYear(s.year)
    const stored = new Map((await repo.values(s.id)).map((v) => [v.code, v]))
    return { indicators, bureau, stored, rollup: await ledgerRollup(bureau, s.year, indicators) }
  }

  /** The 409 of a save that read an older version, naming who changed it since. */
  async function versionConflict(s: SubmissionRow) {
    const last = await repo.lastEditor(s.id)
    return staleEdit(`该填报已被${last?.name ? ` ${last.name} ` : '他人'}于 ${chinaDateTime(s.updatedAt)} 修改，请刷新后再保存`, last)
  }

  /** Writes planned values and bumps the version if it is still `version` (else `versionConflict`); audited as `action`. */
  async function writePlanned(actor: Actor, audit: Audit, s: SubmissionRow, version: number, stored: ReadonlyMap<string, ValueRow>, writes: readonly ValueWrite[], action: AuditAction) {
    const at = now()
    if (!await repo.bumpVersionIf(s.id, version, at)) throw await versionConflict(s)
    await repo.writeValues(s.id, writes, { userId: actor.user.id, at })
    const diff = diffAudit(stored, writes)
    await audit({
      action,
      objectType: 'submission',
      objectId: s.id,
      before: { version: s.version, values: diff.before },
      after: { version: s.version + 1, values: diff.after },
    })
  }

  function diffAudit(stored: ReadonlyMap<string, ValueRow>, writes: readonly ValueWrite[]) {
    return {
      before: Object.fromEntries(writes.map((w) => [w.indicatorCode, snapshot(stored.get(w.indicatorCode))])),
      after: Object.fromEntries(writes.map((w) => [w.indicatorCode, snapshot(w)])),
    }
  }

  /**
   * What a transition writes: the row's patch and its step in the review history. A submission after
   * the first is a resubmission; one that answers a return after its deadline makes the report late.
   */
  async function transitionPlan(s: SubmissionRow, action: SubmissionAction, actor: Actor, at: string, input?: ReturnBody) {
    const step = (eventAction: SubmissionEventAction, extra: Partial<SubmissionEventWrite> = {}): SubmissionEventWrite => ({ action: eventAction, at, userId: actor.user.id, ...extra })
    switch (action) {
      case 'submit': {
        const lateAnswer = s.resubmitDeadline !== null && isAnswerLate(at, s.resubmitDeadline, (await cycles.requireCycle(s.year)).dueDate)
        return {
          patch: {
            submittedAt: at,
            firstSubmittedAt: s.firstSubmittedAt ?? at,
            returnReason: null,
            resubmitDeadline: null,
            lateResubmissions: s.lateResubmissions + (lateAnswer ? 1 : 0),
          },
          event: step(s.firstSubmittedAt === null ? 'submit' : 'resubmit'),
        }
      }
      case 'return': {
        const resubmitDeadline = input!.resubmitDeadline ?? defaultResubmitDeadline(at)
        const problem = resubmitDeadlineProblem(resubmitDeadline, new Date(at))
        if (problem) throw badRequest(problem)
        // The return keeps the values as returned: the resubmission is compared with them (`changes`).
        const snapshot = returnSnapshotOf(await repo.values(s.id))
        return { patch: { returnReason: input!.reason, resubmitDeadline }, event: step('return', { reason: input!.reason, resubmitDeadline, snapshot }) }
      }
      case 'approve':
        return { patch: { approvedAt: at, approvedBy: actor.user.id }, event: step('approve') }
      case 'reopen':
        return { patch: { approvedAt: null, approvedBy: null }, event: step('reopen') }
    }
  }

  /**
   * A batch of values from a fill-in template, planned against the stored ones under the form's
   * rules (access, editability, validation, ledgers), nothing written: the writes of the values
   * that change, each refused input's problem, and what is stored now.
   */
  async function planFillIn(actor: Actor, id: number, inputs: SubmissionSaveBody['values']): Promise<FillInPlan> {
    const s = await loadToChange(actor, id)
    assertEditable(s, await cycles.requireCycle(s.year))
    const ctx = await planContext(s)
    return { submission: s, indicators: ctx.indicators, bureau: ctx.bureau, stored: ctx.stored, ...planValues(inputs, ctx, 'excel') }
  }

  /**
   * One report's step through the workflow, inside the caller's transaction: the rules, the row, its
   * review history step and its audit row. Used by `transition` and by the batch review.
   */
  async function step(actor: Actor, audit: Audit, s: SubmissionRow, action: SubmissionAction, input?: ReturnBody): Promise<SubmissionRow> {
    if ((await cycles.requireCycle(s.year)).locked) throw conflict(LOCKED_CYCLE_MESSAGE)
    const { from, to } = SUBMISSION_TRANSITIONS[action]
    if (!from.includes(s.status)) throw conflict(transitionRefusal(s.status, action))
    if (action === 'submit') {
      const bureau = await bureaus.requireBureau(s.bureauId)
      const stored = new Map((await repo.values(s.id)).map((v) => [v.code, v]))
      const indicators = await catalog.indicatorsForYear(s.year)
      const { missing, notApplicableWithoutNote } = fillProblems(indicators, stored, bureau)
      const problems = [
        missing.length ? `以下指标尚未填写：${missing.map((i) => i.name).join('、')}` : '',
        notApplicableWithoutNote.length ? `以下指标标记为不适用但未说明原因：${notApplicableWithoutNote.map((i) => i.name).join('、')}` : '',
        unexplainedFlagsProblem((await plausibility.of(s, [...stored.values()])).flags),
        missingEvidenceProblem(missingEvidence(indicators, stored, bureau, await evidence.indicatorsWithFiles(s.id))),
      ].filter(Boolean)
      if (problems.length) throw badRequest(`不能上报。${problems.join('；')}`)
    }
    const at = now()
    const { patch, event } = await transitionPlan(s, action, actor, at, input)
    const after = await repo.update(s.id, { status: to, ...patch }, at)
    const eventId = await repo.addEvent(s.id, event)
    // The office's comments (批注) go to the bureau with the return, in this transaction.
    const sentComments = action === 'return' ? await comments.attachUnsent(s.id, eventId) : 0
    await audit({ action: `submission.${event.action}`, objectType: 'submission', objectId: s.id, before: s, after: sentComments ? { ...after, sentComments } : after })
    await notices.reviewed(after, event, sentComments)
    return after
  }

  return {
    /**
     * What a value proposed for a bureau-year from elsewhere (an imported report) is checked against:
     * the year's indicators, the bureau's ledger roll-up and last year's values (校验规则).
     */
    async valueReference(bureauId: number, year: number) {
      const indicators = await catalog.indicatorsForYear(year)
      return {
        indicators,
        ledgerValues: await ledgerRollup(await bureaus.requireBureau(bureauId), year, indicators),
        previousValues: await plausibility.previousValues(bureauId, year),
      }
    },

    /**
     * The reports of a bureau the user sees, when asked for one; unfiltered, the review queue: the
     * reports of the bureaus the user acts on (`listedBureaus`).
     */
    async list(actor: Actor, { bureauId, ...filter }: { year?: number; bureauId?: number; status?: SubmissionStatus }): Promise<SubmissionListRow[]> {
      const scoped = { ...filter, bureauIds: listedBureaus(actor.user, bureauId) }
      const flagCounts = await plausibility.counts(scoped)
      const rows = await repo.list(scoped)
      // A bureau learns of the office's comments only once a return sends them.
      const commentCounts = await comments.threadCounts(rows.map((r) => r.id), !can(actor.user, 'allBureaus'))
      return rows.map((row) => ({ ...row, flagCount: flagCounts.get(row.id) ?? 0, commentCount: commentCounts.get(row.id) ?? 0 }))
    },

    async get(actor: Actor, id: number): Promise<SubmissionDetail> {
      return await detail(await load(actor, id))
    },

    /** The submission row, for another feature reading it: 404 when missing, 403 for a bureau the user does not see. */
    requireSubmission: load,

    /** The submission row, for another feature changing it: `requireSubmission`, and 403 for a bureau the user does not act on. */
    requireSubmissionToChange: loadToChange,

    /** The review history's steps (`actions`) of a year since `since`, newest first, of the bureaus the user acts on (`listedBureaus`). */
    async stepsSince(actor: Actor, filter: { since: string; year: number; actions: readonly SubmissionEventAction[] }) {
      return await repo.stepsSince({ ...filter, bureauIds: listedBureaus(actor.user, undefined) })
    },

    /** The submission's latest return (review history step), or null. */
    lastReturnId: async (id: number): Promise<number | null> => repo.lastReturnId(id),

    /** Opens the bureau-year's draft, pre-filled from its ledgers; an existing submission is returned as it is. */
    async create(actor: Actor, input: { year: number; bureauId?: number }): Promise<{ created: boolean; submission: SubmissionDetail }> {
      const bureauId = resolveBureauId(actor.user, input.bureauId)
      return await transaction(actor, async (audit) => {
        // An existing submission is returned even in a locked year; only creating one needs an open cycle.
        const existing = await repo.findByBureauYear(bureauId, input.year)
        if (existing) return { created: false, submission: await detail(existing) }
        await cycles.requireOpenCycle(input.year)
        const bureau = await bureaus.requireBureau(bureauId)
        if (!existsIn(bureau, input.year)) throw conflict(`${bureau.name}在 ${input.year} 年度不存在（已撤销、合并或尚未设立），不能新建填报`)
        const at = now()
        const row = await repo.insert({ bureauId, year: input.year, at })
        const writes = ledgerWrites(new Map(), await ledgerRollup(bureau, input.year, await catalog.indicatorsForYear(input.year)))
        await repo.writeValues(row.id, writes, { userId: actor.user.id, at })
        await audit({ action: 'submission.create', objectType: 'submission', objectId: row.id, after: { ...row, values: diffAudit(new Map(), writes).after } })
        return { created: true, submission: await detail(row) }
      })
    },

    async save(actor: Actor, id: number, body: SubmissionSaveBody): Promise<SubmissionDetail> {
      return await transaction(actor, async (audit) => {
        const s = await loadToChange(actor, id)
        assertEditable(s, await cycles.requireCycle(s.year))
        const ctx = await planContext(s)
        const { writes, problems } = planValues(body.values, ctx)
        if (problems.length) throw badRequest(problems.map((p) => p.message).join('；'))
        await writePlanned(actor, audit, s, body.version, ctx.stored, writes, 'submission.save')
        return await detail((await repo.find(s.id))!)
      })
    },

    planFillIn,

    /**
     * Inside the transaction `plan` was made in (`planFillIn`): writes it when no input is refused
     * (else 400, the transaction rolls back). A plan without changes writes nothing: no version bump,
     * no audit row. `version`, when given, must still be the submission's.
     */
    async applyFillIn(actor: Actor, audit: Audit, plan: FillInPlan, version?: number): Promise<void> {
      const { submission: s, stored, writes, problems } = plan
      if (problems.length) throw badRequest(problems.map((p) => p.message).join('；'))
      if (version !== undefined && version !== s.version) throw await versionConflict(s)
      if (writes.length) await writePlanned(actor, audit, s, s.version, stored, writes, 'submission.excel')
    },

    /** Moves the submission through the workflow and records the step in its review history, in one transaction. */
    async transition(actor: Actor, id: number, action: SubmissionAction, input?: ReturnBody): Promise<SubmissionDetail> {
      return await transaction(actor, async (audit) => detail(await step(actor, audit, await loadToChange(actor, id), action, input)))
    },

    /**
     * 批量审核: approves or returns several reports in one transaction, each under the single step's
     * rules and with the version the reviewer saw, each audited on its own. All or nothing: any refusal
     * answers every refused report by its bureau's name and why (403 when a report is outside the
     * bureaus the reviewer acts on, else 409, or 400 when only input is at fault), and nothing changes.
     * A report of a bureau the reviewer does not see is named by its id only.
     */
    async batch(actor: Actor, action: 'approve' | 'return', items: readonly ({ id: number; version: number } & Partial<ReturnBody>)[]): Promise<BatchReviewResult> {
      return await transaction(actor, async (audit) => {
        const refusals: AppError[] = []
        const done: BatchReviewResult['items'] = []
        for (const { id, version, ...input } of items) {
          const s = await repo.find(id)
          const name = s && seesBureau(actor.user, s.bureauId) ? (await bureaus.requireBureau(s.bureauId)).name : `填报 #${id}`
          try {
            if (!s) throw notFound('填报不存在')
            assertBureauAccess(actor.user, s.bureauId)
            assertActsOnBureau(actor.user, s.bureauId)
            await checkVersion({ version: s.version, objectType: 'submission', objectId: s.id, noun: '填报' }, version)
            const after = await step(actor, audit, s, action, action === 'return' ? (input as ReturnBody) : undefined)
            done.push({ id, bureauName: name, status: after.status, version: after.version })
          } catch (e) {
            if (!(e instanceof AppError) || e.statusCode >= 500) throw e
            refusals.push(new AppError(e.statusCode, e.error, `${name}：${e.message}`))
          }
        }
        if (refusals.length) {
          const message = `批量${SUBMISSION_TRANSITIONS[action].label}未执行，所选填报均未改变。不能${SUBMISSION_TRANSITIONS[action].label}的有：${refusals.map((e) => e.message).join('；')}`
          if (refusals.some((e) => e.statusCode === 403)) throw forbidden(message)
          throw refusals.every((e) => e.statusCode === 400) ? badRequest(message) : conflict(message)
        }
        return { items: done }
      })
    },

    /** 自退回以来的修改 of a report; another bureau's is 404, as if it did not exist. */
    async changes(actor: Actor, id: number): Promise<SubmissionChanges> {
      const s = await repo.find(id)
      if (!s || !seesBureau(actor.user, s.bureauId)) throw notFound('填报不存在')
      return await changesOf(s)
    },

    /**
     * Records where and when the annual report was made public (feeds lead.report_published, so the
     * score). An approved report is fixed: the office reopens it before its publication changes.
     */
    async publish(actor: Actor, id: number, input: { publishedUrl: string; publishedAt: string }): Promise<SubmissionDetail> {
      return await transaction(actor, async (audit) => {
        const s = await loadToChange(actor, id)
        if ((await cycles.requireCycle(s.year)).locked) throw conflict(LOCKED_CYCLE_MESSAGE)
        if (s.status === 'approved') throw conflict(APPROVED_PUBLICATION_MESSAGE)
        const problem = publicationDateProblem(s.year, input.publishedAt, clock())
        if (problem) throw badRequest(problem)
        const after = await repo.update(s.id, input, now())
        await audit({
          action: 'submission.publish',
          objectType: 'submission',
          objectId: s.id,
          before: { publishedUrl: s.publishedUrl, publishedAt: s.publishedAt, version: s.version },
          after: { publishedUrl: after.publishedUrl, publishedAt: after.publishedAt, version: after.version },
        })
        return await detail(after)
      })
    },

    /**
     * For the files feature: the submission a value's evidence file (佐证材料) belongs to. Another
     * bureau's is 404, as if it did not exist; `write` also needs a bureau the user acts on (403) and
     * the report editable (draft or returned, the year not locked) and, with `indicator`, that
     * indicator in the year's scheme.
     */
    async evidenceTarget(actor: Actor, id: number, opts: { write: boolean; indicator?: string }): Promise<SubmissionRow> {
      const s = await repo.find(id)
      if (!s || !seesBureau(actor.user, s.bureauId)) throw notFound('填报不存在')
      if (opts.write) {
        assertActsOnBureau(actor.user, s.bureauId)
        assertEditable(s, await cycles.requireCycle(s.year))
      }
      if (opts.indicator !== undefined && !(await catalog.indicatorsForYear(s.year)).some((i) => i.code === opts.indicator))
        throw badRequest(`未知指标代码：${opts.indicator}`)
      return s
    },

    /**
     * For the ledger feature, inside its transaction: refuses a ledger change the bureau-year's
     * submission could not take (locked year, submitted or approved). Returns the roll-up before
     * the change, for `applyLedgerChange`.
     */
    async assertLedgerWritable(bureauId: number, year: number): Promise<ReadonlyMap<string, number>> {
      const cycle = await cycles.requireOpenCycle(year)
      const bureau = await bureaus.requireBureau(bureauId)
      const s = await repo.findByBureauYear(bureauId, year)
      if (s) assertEditable(s, cycle)
      return await ledgerRollup(bureau, year, await catalog.indicatorsForYear(year))
    },

    /**
     * For the ledger feature, inside its transaction: rolls the bureau-year's ledgers into its
     * submission. A change bumps the version, so a form opened before it cannot save over it.
     * Refuses (400, the transaction rolls back) a change that raises a total over the maximum a
     * typed value may take; one that lowers a total always passes.
     */
    async applyLedgerChange(actor: Actor, audit: Audit, bureauId: number, year: number, before: ReadonlyMap<string, number>): Promise<void> {
      const indicators = await catalog.indicatorsForYear(year)
      const rollup = await ledgerRollup(await bureaus.requireBureau(bureauId), year, indicators)
      assertRollupWithinMaximum(indicators, rollup, before)
      const s = await repo.findByBureauYear(bureauId, year)
      if (!s) return
      const stored = new Map((await repo.values(s.id)).map((v) => [v.code, v]))
      const writes = ledgerWrites(stored, rollup)
      if (!writes.length) return
      const at = now()
      const after = await repo.update(s.id, {}, at)
      await repo.writeValues(s.id, writes, { userId: actor.user.id, at })
      const diff = diffAudit(stored, writes)
      await audit({
        action: 'submission.rollup',
        objectType: 'submission',
        objectId: s.id,
        before: { version: s.version, values: diff.before },
        after: { version: after.version, values: diff.after },
      })
    },
  }
}
export type SubmissionsService = ReturnType<typeof submissionsService>

/** The submissions service over the database, with its repositories. */
export const submissionsOn = (db: Db, clock: () => Date): SubmissionsService =>
  submissionsService({
    repo: submissionsRepository(db),
    catalog: catalogRepository(db),
    cycles: cyclesOn(db, clock),
    bureaus: bureausOn(db),
    ledgers: ledgersRepository(db),
    comments: commentsRepository(db),
    evidence: filesRepository(db),
    notices: notificationEventsOn(db, clock),
    transaction: auditedTransaction(db),
    checkVersion: versionGuard(db),
    clock,
  })
