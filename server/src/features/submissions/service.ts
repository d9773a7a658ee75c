import {
  APPROVED_PUBLICATION_MESSAGE,
  type Bureau,
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
  type SubmissionDetail,
  type SubmissionEventAction,
  type SubmissionListRow,
  type SubmissionSaveBody,
  type SubmissionStatus,
  transitionRefusal,
  unexplainedFlagsProblem,
  valueProblem,
} from '@fazhi/shared'
import { badRequest, conflict, notFound } from '../../errors'
import { assertBureauAccess, bureauFilter, resolveBureauId, seesBureau } from '../../plugins/access'
import { type BureausService, bureausOn } from '../bureaus/service'
import { type CatalogRepository, catalogRepository } from '../catalog/repository'
import type { CycleRow } from '../cycles/repository'
import { type FilesRepository, filesRepository } from '../files/repository'
import { type CyclesService, cyclesOn } from '../cycles/service'
import { type LedgersRepository, ledgersRepository } from '../ledgers/repository'
import type { Db } from '../../db/client'
import { type Audit, type AuditedTransaction, auditedTransaction } from '../../db/transaction'
import type { Actor } from '../../lib/actor'
import { type SubmissionEventWrite, type SubmissionRow, type SubmissionsRepository, submissionsRepository, type ValueRow, type ValueWrite } from './repository'
import { submissionPlausibility } from './plausibility'

type YearIndicator = ReturnType<CatalogRepository['indicatorsForYear']>[number]

export interface SubmissionsDeps {
  repo: SubmissionsRepository
  catalog: Pick<CatalogRepository, 'indicatorsForYear' | 'settingsForYear'>
  cycles: Pick<CyclesService, 'requireCycle' | 'requireOpenCycle'>
  bureaus: Pick<BureausService, 'requireBureau'>
  ledgers: Pick<LedgersRepository, 'entries'>
  /** Which values have evidence files (佐证材料): submitting refuses while a required one has none. */
  evidence: Pick<FilesRepository, 'indicatorsWithFiles'>
  transaction: AuditedTransaction
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
  const { repo, catalog, cycles, bureaus, ledgers, evidence, transaction, clock } = deps
  const now = () => clock().toISOString()
  const plausibility = submissionPlausibility({ repo, catalog })

  function load(actor: Actor, id: number): SubmissionRow {
    const s = repo.find(id)
    if (!s) throw notFound('填报不存在')
    assertBureauAccess(actor.user, s.bureauId)
    return s
  }

  /** Refuses any change to a submission of a locked year, or one that is submitted or approved. */
  function assertEditable(s: SubmissionRow, cycle: CycleRow) {
    if (cycle.locked) throw conflict(LOCKED_CYCLE_MESSAGE)
    const reason = readOnlyReason(s.status)
    if (reason) throw conflict(reason)
  }

  /** Roll-up of the bureau-year's ledgers, for the ledger-fed indicators that apply to the bureau. */
  function ledgerRollup(bureau: Bureau, year: number, indicators: readonly YearIndicator[]): Map<string, number> {
    const applicable = new Set(indicators.filter((i) => !i.enforcementOnly || bureau.hasEnforcement).map((i) => i.code))
    const rolled = rollupLedgers(ledgers.entries(bureau.id, year))
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

  function detail(s: SubmissionRow): SubmissionDetail {
    const cycle = cycles.requireCycle(s.year)
    const bureau = bureaus.requireBureau(s.bureauId)
    const indicators = catalog.indicatorsForYear(s.year)
    const kindOf = new Map(indicators.map((i) => [i.code, i.kind]))
    const rows = repo.values(s.id)
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
      approvedBy: repo.userName(s.approvedBy),
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
      ledgerValues: Object.fromEntries(ledgerRollup(bureau, s.year, indicators)),
      missing: [...missing, ...notApplicableWithoutNote].map((i) => i.code),
      history: repo.history(s.id).map((e) => ({
        action: e.action,
        at: e.at,
        by: e.by,
        ...(e.reason === null ? {} : { reason: e.reason }),
        ...(e.resubmitDeadline === null ? {} : { resubmitDeadline: e.resubmitDeadline }),
      })),
      ...plausibility.of(s, rows),
    }
  }

  /** Validates a form save against the catalog and the ledgers; returns only the values that change. */
  function planSave(
    inputs: SubmissionSaveBody['values'],
    ctx: { indicators: readonly YearIndicator[]; bureau: Bureau; stored: ReadonlyMap<string, ValueRow>; rollup: ReadonlyMap<string, number> },
  ): ValueWrite[] {
    const byCode = new Map(ctx.indicators.map((i) => [i.code, i]))
    const problems: string[] = []
    const seen = new Set<string>()
    const writes: ValueWrite[] = []
    for (const input of inputs) {
      const ind = byCode.get(input.indicator)
      if (!ind) {
        problems.push(`未知指标代码：${input.indicator}`)
        continue
      }
      const name = `「${ind.name}」`
      if (seen.has(ind.code)) {
        problems.push(`${name}重复提交`)
        continue
      }
      seen.add(ind.code)
      const raw = input.value ?? null
      const notApplicable = input.notApplicable ?? false
      const problem = inputProblem(ind, raw, notApplicable, ctx.bureau.hasEnforcement)
      if (problem) {
        problems.push(problem)
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
        problems.push(`${name}手工修改台账汇总值须说明原因（台账汇总为 ${rolled}）`)
        continue
      }
      writes.push({ indicatorCode: ind.code, value, notApplicable, note, source: matchesLedger ? 'ledger' : (input.source ?? 'manual') })
    }
    if (problems.length) throw badRequest(problems.join('；'))
    return writes
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
  function transitionPlan(s: SubmissionRow, action: SubmissionAction, actor: Actor, at: string, input?: ReturnBody) {
    const step = (eventAction: SubmissionEventAction, extra: Partial<SubmissionEventWrite> = {}): SubmissionEventWrite => ({ action: eventAction, at, userId: actor.user.id, ...extra })
    switch (action) {
      case 'submit': {
        const lateAnswer = s.resubmitDeadline !== null && isAnswerLate(at, s.resubmitDeadline, cycles.requireCycle(s.year).dueDate)
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
        return { patch: { returnReason: input!.reason, resubmitDeadline }, event: step('return', { reason: input!.reason, resubmitDeadline }) }
      }
      case 'approve':
        return { patch: { approvedAt: at, approvedBy: actor.user.id }, event: step('approve') }
      case 'reopen':
        return { patch: { approvedAt: null, approvedBy: null }, event: step('reopen') }
    }
  }

  return {
    list(actor: Actor, filter: { year?: number; bureauId?: number; status?: SubmissionStatus }): SubmissionListRow[] {
      const scoped = { ...filter, bureauId: bureauFilter(actor.user, filter.bureauId) }
      const flagCounts = plausibility.counts(scoped)
      return repo.list(scoped).map((row) => ({ ...row, flagCount: flagCounts.get(row.id) ?? 0 }))
    },

    get(actor: Actor, id: number): SubmissionDetail {
      return detail(load(actor, id))
    },

    /** Opens the bureau-year's draft, pre-filled from its ledgers; an existing submission is returned as it is. */
    create(actor: Actor, input: { year: number; bureauId?: number }): { created: boolean; submission: SubmissionDetail } {
      const bureauId = resolveBureauId(actor.user, input.bureauId)
      return transaction(actor, (audit) => {
        // An existing submission is returned even in a locked year; only creating one needs an open cycle.
        const existing = repo.findByBureauYear(bureauId, input.year)
        if (existing) return { created: false, submission: detail(existing) }
        cycles.requireOpenCycle(input.year)
        const bureau = bureaus.requireBureau(bureauId)
        if (!existsIn(bureau, input.year)) throw conflict(`${bureau.name}在 ${input.year} 年度不存在（已撤销、合并或尚未设立），不能新建填报`)
        const at = now()
        const row = repo.insert({ bureauId, year: input.year, at })
        const writes = ledgerWrites(new Map(), ledgerRollup(bureau, input.year, catalog.indicatorsForYear(input.year)))
        repo.writeValues(row.id, writes, { userId: actor.user.id, at })
        audit({ action: 'submission.create', objectType: 'submission', objectId: row.id, after: { ...row, values: diffAudit(new Map(), writes).after } })
        return { created: true, submission: detail(row) }
      })
    },

    save(actor: Actor, id: number, body: SubmissionSaveBody): SubmissionDetail {
      return transaction(actor, (audit) => {
        const s = load(actor, id)
        assertEditable(s, cycles.requireCycle(s.year))
        const bureau = bureaus.requireBureau(s.bureauId)
        const indicators = catalog.indicatorsForYear(s.year)
        const stored = new Map(repo.values(s.id).map((v) => [v.code, v]))
        const writes = planSave(body.values, { indicators, bureau, stored, rollup: ledgerRollup(bureau, s.year, indicators) })
        const at = now()
        if (!repo.bumpVersionIf(s.id, body.version, at)) {
          const who = repo.lastEditor(s.id)
          throw conflict(`该填报已被${who ? ` ${who} ` : '他人'}于 ${chinaDateTime(s.updatedAt)} 修改，请刷新后再保存`)
        }
        repo.writeValues(s.id, writes, { userId: actor.user.id, at })
        const diff = diffAudit(stored, writes)
        audit({
          action: 'submission.save',
          objectType: 'submission',
          objectId: s.id,
          before: { version: s.version, values: diff.before },
          after: { version: s.version + 1, values: diff.after },
        })
        return detail(repo.find(s.id)!)
      })
    },

    /** Moves the submission through the workflow and records the step in its review history, in one transaction. */
    transition(actor: Actor, id: number, action: SubmissionAction, input?: ReturnBody): SubmissionDetail {
      return transaction(actor, (audit) => {
        const s = load(actor, id)
        if (cycles.requireCycle(s.year).locked) throw conflict(LOCKED_CYCLE_MESSAGE)
        const { from, to } = SUBMISSION_TRANSITIONS[action]
        if (!from.includes(s.status)) throw conflict(transitionRefusal(s.status, action))
        if (action === 'submit') {
          const bureau = bureaus.requireBureau(s.bureauId)
          const stored = new Map(repo.values(s.id).map((v) => [v.code, v]))
          const indicators = catalog.indicatorsForYear(s.year)
          const { missing, notApplicableWithoutNote } = fillProblems(indicators, stored, bureau)
          const problems = [
            missing.length ? `以下指标尚未填写：${missing.map((i) => i.name).join('、')}` : '',
            notApplicableWithoutNote.length ? `以下指标标记为不适用但未说明原因：${notApplicableWithoutNote.map((i) => i.name).join('、')}` : '',
            unexplainedFlagsProblem(plausibility.of(s, [...stored.values()]).flags),
            missingEvidenceProblem(missingEvidence(indicators, stored, bureau, evidence.indicatorsWithFiles(s.id))),
          ].filter(Boolean)
          if (problems.length) throw badRequest(`不能上报。${problems.join('；')}`)
        }
        const at = now()
        const { patch, event } = transitionPlan(s, action, actor, at, input)
        const after = repo.update(s.id, { status: to, ...patch }, at)
        repo.addEvent(s.id, event)
        audit({ action: `submission.${event.action}`, objectType: 'submission', objectId: s.id, before: s, after })
        return detail(after)
      })
    },

    /**
     * Records where and when the annual report was made public (feeds lead.report_published, so the
     * score). An approved report is fixed: the office reopens it before its publication changes.
     */
    publish(actor: Actor, id: number, input: { publishedUrl: string; publishedAt: string }): SubmissionDetail {
      return transaction(actor, (audit) => {
        const s = load(actor, id)
        if (cycles.requireCycle(s.year).locked) throw conflict(LOCKED_CYCLE_MESSAGE)
        if (s.status === 'approved') throw conflict(APPROVED_PUBLICATION_MESSAGE)
        const problem = publicationDateProblem(s.year, input.publishedAt, clock())
        if (problem) throw badRequest(problem)
        const after = repo.update(s.id, input, now())
        audit({
          action: 'submission.publish',
          objectType: 'submission',
          objectId: s.id,
          before: { publishedUrl: s.publishedUrl, publishedAt: s.publishedAt, version: s.version },
          after: { publishedUrl: after.publishedUrl, publishedAt: after.publishedAt, version: after.version },
        })
        return detail(after)
      })
    },

    /**
     * For the files feature: the submission a value's evidence file (佐证材料) belongs to. Another
     * bureau's is 404, as if it did not exist; `write` also needs it editable (draft or returned, the
     * year not locked) and, with `indicator`, that indicator in the year's scheme.
     */
    evidenceTarget(actor: Actor, id: number, opts: { write: boolean; indicator?: string }): SubmissionRow {
      const s = repo.find(id)
      if (!s || !seesBureau(actor.user, s.bureauId)) throw notFound('填报不存在')
      if (opts.write) assertEditable(s, cycles.requireCycle(s.year))
      if (opts.indicator !== undefined && !catalog.indicatorsForYear(s.year).some((i) => i.code === opts.indicator))
        throw badRequest(`未知指标代码：${opts.indicator}`)
      return s
    },

    /**
     * For the ledger feature, inside its transaction: refuses a ledger change the bureau-year's
     * submission could not take (locked year, submitted or approved). Returns the roll-up before
     * the change, for `applyLedgerChange`.
     */
    assertLedgerWritable(bureauId: number, year: number): ReadonlyMap<string, number> {
      const cycle = cycles.requireOpenCycle(year)
      const bureau = bureaus.requireBureau(bureauId)
      const s = repo.findByBureauYear(bureauId, year)
      if (s) assertEditable(s, cycle)
      return ledgerRollup(bureau, year, catalog.indicatorsForYear(year))
    },

    /**
     * For the ledger feature, inside its transaction: rolls the bureau-year's ledgers into its
     * submission. A change bumps the version, so a form opened before it cannot save over it.
     * Refuses (400, the transaction rolls back) a change that raises a total over the maximum a
     * typed value may take; one that lowers a total always passes.
     */
    applyLedgerChange(actor: Actor, audit: Audit, bureauId: number, year: number, before: ReadonlyMap<string, number>): void {
      const indicators = catalog.indicatorsForYear(year)
      const rollup = ledgerRollup(bureaus.requireBureau(bureauId), year, indicators)
      assertRollupWithinMaximum(indicators, rollup, before)
      const s = repo.findByBureauYear(bureauId, year)
      if (!s) return
      const stored = new Map(repo.values(s.id).map((v) => [v.code, v]))
      const writes = ledgerWrites(stored, rollup)
      if (!writes.length) return
      const at = now()
      const after = repo.update(s.id, {}, at)
      repo.writeValues(s.id, writes, { userId: actor.user.id, at })
      const diff = diffAudit(stored, writes)
      audit({
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

/** The submissions service over one database, as its routes and the features that check against it use it. */
export const submissionsOn = (db: Db, clock: () => Date) =>
  submissionsService({
    repo: submissionsRepository(db),
    catalog: catalogRepository(db),
    cycles: cyclesOn(db, clock),
    bureaus: bureausOn(db),
    ledgers: ledgersRepository(db),
    evidence: filesRepository(db),
    transaction: auditedTransaction(db),
    clock,
  })
