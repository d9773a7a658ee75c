import { type CarryOver, defaultRectificationDeadline, findRepeated, isOverdue, type RectificationFields, type RectificationItem } from '@fazhi/shared'
import { notFound } from '../../errors'
import { assertBureauAccess, bureauFilter, resolveBureauId } from '../../plugins/access'
import type { BureausService } from '../bureaus/service'
import type { CyclesService } from '../cycles/service'
import type { Audit, AuditedTransaction } from '../../db/transaction'
import type { Actor } from '../../lib/actor'
import type { RectificationRow, RectificationsRepository } from './repository'

type ListedRow = ReturnType<RectificationsRepository['list']>[number]
type StatusFilter = RectificationItem['status'] | 'overdue'

export interface RectificationsDeps {
  repo: RectificationsRepository
  cycles: Pick<CyclesService, 'requireOpenCycle'>
  bureaus: Pick<BureausService, 'requireBureau'>
  transaction: AuditedTransaction
  clock: () => Date
}

const editable = (f: RectificationFields, at: string) => ({
  problem: f.problem,
  measure: f.measure,
  owner: f.owner,
  deadline: f.deadline,
  status: f.status,
  completedAt: f.completedAt ?? null,
  evidence: f.evidence ?? null,
  sourceYear: f.sourceYear ?? null,
  updatedAt: at,
})

export function rectificationsService(deps: RectificationsDeps) {
  const { repo, cycles, bureaus, transaction, clock } = deps

  /**
   * Items as the API shows them. `repeated` ("连续两年提出"): the bureau tracked the same problem,
   * worded alike or not, the year before (the importer's similarity measure).
   */
  function toItems(rows: readonly ListedRow[], now: Date): RectificationItem[] {
    const earlier = new Map<string, string[]>()
    const earlierOf = (bureauId: number, year: number) => {
      const key = `${bureauId}:${year}`
      if (!earlier.has(key)) earlier.set(key, repo.problems(bureauId, year - 1))
      return earlier.get(key)!
    }
    return rows.map(({ item, bureauName }) => ({
      ...item,
      bureauName,
      overdue: isOverdue(item.status, item.deadline, now),
      repeated: findRepeated(item.problem, earlierOf(item.bureauId, item.year)) !== null,
    }))
  }
  const view = (id: number) => toItems(repo.list({ id }), clock())[0]

  function load(actor: Actor, id: number): RectificationRow {
    const row = repo.find(id)
    if (!row) throw notFound('整改事项不存在')
    assertBureauAccess(actor.user, row.bureauId)
    return row
  }

  /** Inserts confirmed items for one bureau-year; the caller holds the transaction. */
  function insertAll(audit: Audit, bureauId: number, year: number, items: readonly RectificationFields[]) {
    cycles.requireOpenCycle(year)
    bureaus.requireBureau(bureauId)
    const at = clock().toISOString()
    return items.map((fields) => {
      const after = repo.insert({ ...editable(fields, at), bureauId, year, createdAt: at })
      audit({ action: 'rectification.create', objectType: 'rectification_item', objectId: after.id, after })
      return view(after.id)
    })
  }

  return {
    /** `overdue` is derived (not done, past its deadline by the app clock); other statuses filter the stored one. */
    list(actor: Actor, filter: { year?: number; bureauId?: number; status?: StatusFilter }): RectificationItem[] {
      return toItems(repo.list({ year: filter.year, bureauId: bureauFilter(actor.user, filter.bureauId) }), clock()).filter((i) => filter.status === undefined || (filter.status === 'overdue' ? i.overdue : i.status === filter.status))
    },

    create(actor: Actor, input: RectificationFields & { year: number; bureauId?: number }): RectificationItem {
      const { year, bureauId, ...fields } = input
      const scoped = resolveBureauId(actor.user, bureauId)
      return transaction(actor, (audit) => insertAll(audit, scoped, year, [fields])[0])
    },

    update(actor: Actor, id: number, fields: RectificationFields): RectificationItem {
      return transaction(actor, (audit) => {
        const before = load(actor, id)
        cycles.requireOpenCycle(before.year)
        const after = repo.update(id, editable(fields, clock().toISOString()))
        audit({ action: 'rectification.update', objectType: 'rectification_item', objectId: id, before, after })
        return view(id)
      })
    },

    delete(actor: Actor, id: number): void {
      transaction(actor, (audit) => {
        const before = load(actor, id)
        cycles.requireOpenCycle(before.year)
        repo.delete(id)
        audit({ action: 'rectification.delete', objectType: 'rectification_item', objectId: id, before })
      })
    },

    /**
     * 从上年度报告导入问题: the previous year's unfinished items of the bureau that are not tracked in
     * `year` yet, proposed (not inserted) so the user can pick and edit them before `batch`.
     */
    carryOver(actor: Actor, input: { year: number; bureauId?: number }): CarryOver {
      const bureauId = resolveBureauId(actor.user, input.bureauId)
      cycles.requireOpenCycle(input.year)
      bureaus.requireBureau(bureauId)
      const tracked = new Set(repo.problems(bureauId, input.year).map((p) => p.trim()))
      const candidates = repo
        .unfinished(bureauId, input.year - 1)
        .filter((item) => !tracked.has(item.problem.trim()))
        .map((item) => ({
          fromItemId: item.id,
          problem: item.problem,
          measure: item.measure,
          owner: item.owner,
          deadline: defaultRectificationDeadline(input.year),
          status: item.status,
          sourceYear: item.sourceYear,
        }))
      return { year: input.year, bureauId, candidates }
    },

    /** Inserts the confirmed items in one transaction; a problem the bureau already tracks that year is skipped. */
    batch(actor: Actor, input: { year: number; bureauId?: number; items: RectificationFields[] }): RectificationItem[] {
      const bureauId = resolveBureauId(actor.user, input.bureauId)
      return transaction(actor, (audit) => {
        const tracked = new Set(repo.problems(bureauId, input.year).map((p) => p.trim()))
        const fresh = input.items.filter((item) => {
          const key = item.problem.trim()
          if (tracked.has(key)) return false
          tracked.add(key)
          return true
        })
        return insertAll(audit, bureauId, input.year, fresh)
      })
    },
  }
}
