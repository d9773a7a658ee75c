import {
  type CarryOver,
  defaultRectificationDeadline,
  findRepeated,
  isOverdue,
  type RectificationFields,
  type RectificationItem,
  rectificationStage,
  type RectificationUpdateBody,
  type RectificationVerifyBody,
} from '@fazhi/shared'
import { badRequest, conflict, notFound } from '../../errors'
import { assertActsOnBureau, assertBureauAccess, bureauFilter, resolveBureauId, seesBureau } from '../../plugins/access'
import { type BureausService, bureausOn } from '../bureaus/service'
import { type CyclesService, cyclesOn } from '../cycles/service'
import { type RecordFiles, recordFilesOn } from '../files/records'
import { importsOn, type ImportsService } from '../imports/service'
import { type NotificationEvents, notificationEventsOn } from '../notifications/events'
import type { Db } from '../../db/client'
import { type Audit, type AuditedTransaction, auditedTransaction } from '../../db/transaction'
import { type VersionGuard, versionGuard } from '../../db/versions'
import type { Actor } from '../../lib/actor'
import { type RectificationRow, type RectificationsRepository, rectificationsRepository } from './repository'
import { mapInOrder } from '../../lib/in-order'

type ListedRow = Awaited<ReturnType<RectificationsRepository['list']>>[number]
type StatusFilter = RectificationItem['status'] | 'overdue' | 'pending' | 'verified'
/** The imported report a batch of problems comes from. */
type Source = { id: number; year: number } | null

export interface RectificationsDeps {
  repo: RectificationsRepository
  cycles: Pick<CyclesService, 'requireOpenCycle' | 'findCycle'>
  bureaus: Pick<BureausService, 'requireBureau'>
  imports: Pick<ImportsService, 'reportSource'>
  transaction: AuditedTransaction
  checkVersion: VersionGuard
  clock: () => Date
  /** Deleting an item deletes its evidence files (the files feature), in the same transaction. */
  files: Pick<RecordFiles, 'deleteWith'>
  /** The bureau hears of a 销号 result in its transaction. */
  notices: Pick<NotificationEvents, 'rectificationChecked'>
}

const VERIFIED_MESSAGE = '该整改事项已销号，不能修改或删除；如需修改，请依法治县办先退回重改'
const record = (row: RectificationRow) => ({ version: row.version, objectType: 'rectification_item', objectId: row.id, noun: '整改事项' })

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
  const { repo, cycles, bureaus, imports, files, notices, transaction, checkVersion, clock } = deps

  /**
   * Items as the API shows them. `repeated` ("连续两年提出"): the bureau tracked the same problem,
   * worded alike or not, the year before (the importer's similarity measure).
   */
  async function toItems(rows: readonly ListedRow[], now: Date): Promise<RectificationItem[]> {
    const earlier = new Map<string, string[]>()
    const earlierOf = async (bureauId: number, year: number) => {
      const key = `${bureauId}:${year}`
      if (!earlier.has(key)) earlier.set(key, await repo.problems(bureauId, year - 1))
      return earlier.get(key)!
    }
    return await mapInOrder(rows, async ({ item, bureauName, verifierName }) => ({
      ...item,
      bureauName,
      verifiedBy: verifierName,
      overdue: isOverdue(item.status, item.deadline, now),
      repeated: findRepeated(item.problem, await earlierOf(item.bureauId, item.year)) !== null,
    }))
  }
  const view = async (id: number) => (await toItems(await repo.list({ id }), clock()))[0]

  /** The item a change or 销号 acts on: another bureau's is 403, one the user only reads (a county's, for the city office) too. */
  async function load(actor: Actor, id: number): Promise<RectificationRow> {
    const row = await repo.find(id)
    if (!row) throw notFound('整改事项不存在')
    assertBureauAccess(actor.user, row.bureauId)
    assertActsOnBureau(actor.user, row.bureauId)
    return row
  }

  /** A verified item (已销号) is final until the office sends it back. */
  async function loadEditable(actor: Actor, id: number, version: number): Promise<RectificationRow> {
    const row = await load(actor, id)
    await checkVersion(record(row), version)
    await cycles.requireOpenCycle(row.year)
    if (row.verifiedAt !== null) throw conflict(VERIFIED_MESSAGE)
    return row
  }

  /** Inserts confirmed items for one bureau-year; the caller holds the transaction. */
  async function insertAll(audit: Audit, bureauId: number, year: number, items: readonly RectificationFields[], source: Source = null) {
    await cycles.requireOpenCycle(year)
    await bureaus.requireBureau(bureauId)
    const at = clock().toISOString()
    return await mapInOrder(items, async (fields) => {
      const sourced = source && { sourceYear: source.year, sourceImportId: source.id }
      const after = await repo.insert({ ...editable(fields, at), ...sourced, bureauId, year, createdAt: at })
      await audit({ action: 'rectification.create', objectType: 'rectification_item', objectId: after.id, after })
      return await view(after.id)
    })
  }

  return {
    /**
     * `overdue` (not done, past its deadline by the app clock), `pending` (待销号) and `verified` (已销号)
     * filter by stage; the stored statuses filter the stored one.
     */
    async list(actor: Actor, filter: { year?: number; bureauId?: number; status?: StatusFilter }): Promise<RectificationItem[]> {
      const { status } = filter
      const rows = (await repo.list({ year: filter.year, bureauId: bureauFilter(actor.user, filter.bureauId) })).filter(({ item }) => seesBureau(actor.user, item.bureauId))
      return (await toItems(rows, clock())).filter(
        (i) =>
          status === undefined ||
          (status === 'overdue' || status === 'pending' || status === 'verified' ? rectificationStage(i) === status : i.status === status),
      )
    },

    async create(actor: Actor, input: RectificationFields & { year: number; bureauId?: number }): Promise<RectificationItem> {
      const { year, bureauId, ...fields } = input
      const scoped = resolveBureauId(actor.user, bureauId)
      return await transaction(actor, async (audit) => (await insertAll(audit, scoped, year, [fields]))[0])
    },

    /** Marking an item done (with evidence) puts it before the office (待销号) and answers a send-back. */
    async update(actor: Actor, id: number, body: RectificationUpdateBody): Promise<RectificationItem> {
      const { version, ...fields } = body
      return await transaction(actor, async (audit) => {
        const before = await loadEditable(actor, id, version)
        const answered = fields.status === 'done' ? { returnReason: null } : {}
        const after = await repo.update(id, { ...editable(fields, clock().toISOString()), ...answered })
        await audit({ action: 'rectification.update', objectType: 'rectification_item', objectId: id, before, after })
        return await view(id)
      })
    },

    /**
     * The office's check of a done item's evidence: approve (通过销号: only verified items count as done
     * in 整改完成率), or send it back with a reason (退回重改: open again, the reason shown to the
     * bureau). Sending back also undoes a verification.
     */
    async verify(actor: Actor, id: number, body: RectificationVerifyBody): Promise<RectificationItem> {
      return await transaction(actor, async (audit) => {
        const before = await load(actor, id)
        if (body.version !== undefined) await checkVersion(record(before), body.version)
        await cycles.requireOpenCycle(before.year)
        if (before.status !== 'done') throw conflict('该整改事项尚未标记为已完成，不能销号或退回')
        if (body.approve && before.verifiedAt !== null) throw conflict('该整改事项已销号')
        const at = clock().toISOString()
        const after = await repo.update(
          id,
          body.approve
            ? { verifiedAt: at, verifiedBy: actor.user.id, returnReason: null, updatedAt: at }
            : { status: 'in_progress', completedAt: null, verifiedAt: null, verifiedBy: null, returnReason: body.reason!, updatedAt: at },
        )
        await audit({ action: body.approve ? 'rectification.verify' : 'rectification.return', objectType: 'rectification_item', objectId: id, before, after })
        await notices.rectificationChecked(after, body.approve)
        return await view(id)
      })
    },

    /**
     * For the files feature: the item an evidence file (佐证材料) belongs to. Another bureau's is 404, as
     * if it did not exist; `write` also needs it editable as its own edits do (open year, not 已销号).
     */
    async evidenceTarget(actor: Actor, id: number, opts: { write: boolean }): Promise<RectificationRow> {
      const row = await repo.find(id)
      if (!row || !seesBureau(actor.user, row.bureauId)) throw notFound('整改事项不存在')
      if (opts.write) {
        await cycles.requireOpenCycle(row.year)
        if (row.verifiedAt !== null) throw conflict(VERIFIED_MESSAGE)
      }
      return row
    },

    async delete(actor: Actor, id: number, version: number): Promise<void> {
      await transaction(actor, async (audit) => {
        const before = await loadEditable(actor, id, version)
        await files.deleteWith(actor, audit, { rectificationId: id })
        await repo.delete(id)
        await audit({ action: 'rectification.delete', objectType: 'rectification_item', objectId: id, before })
      })
    },

    /**
     * 从上年度报告导入问题: the previous year's unfinished items of the bureau that are not tracked in
     * `year` yet, proposed (not inserted) so the user can pick and edit them before `batch`.
     */
    async carryOver(actor: Actor, input: { year: number; bureauId?: number }): Promise<CarryOver> {
      const bureauId = resolveBureauId(actor.user, input.bureauId)
      await cycles.requireOpenCycle(input.year)
      await bureaus.requireBureau(bureauId)
      const tracked = new Set((await repo.problems(bureauId, input.year)).map((p) => p.trim()))
      const candidates = (await repo
        .unfinished(bureauId, input.year - 1))
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

    /**
     * Inserts the confirmed items in one transaction; a problem the bureau already tracks that year is
     * skipped. Problems from an imported annual report of year Y are rectified in Y + 1 (reporting a
     * problem honestly does not lower the score of the year reported on) and name the report as their
     * source; without a Y + 1 cycle they are refused, not put elsewhere: the office opens the year first.
     */
    async batch(actor: Actor, input: { year: number; bureauId?: number; sourceImportId?: number; items: RectificationFields[] }): Promise<RectificationItem[]> {
      const bureauId = resolveBureauId(actor.user, input.bureauId)
      const source = input.sourceImportId === undefined ? null : await imports.reportSource(actor.user, input.sourceImportId)
      if (source) {
        const next = source.year + 1
        if (source.bureauId !== bureauId) throw badRequest('该报告不是本单位的报告')
        if (input.year !== next) throw badRequest(`${source.year} 年度报告中的问题应列入 ${next} 年度整改`)
        if (!await cycles.findCycle(next))
          throw conflict(`尚未开启 ${next} 年度的填报周期，不能将 ${source.year} 年度报告中的问题转为整改事项；请依法治县办先新建 ${next} 年度`)
      }
      return await transaction(actor, async (audit) => {
        const tracked = new Set((await repo.problems(bureauId, input.year)).map((p) => p.trim()))
        const fresh = input.items.filter((item) => {
          const key = item.problem.trim()
          if (tracked.has(key)) return false
          tracked.add(key)
          return true
        })
        return await insertAll(audit, bureauId, input.year, fresh, source)
      })
    },
  }
}

export type RectificationsService = ReturnType<typeof rectificationsService>

/** The rectifications service over one database, as its routes and the files feature use it. */
export function rectificationsOn(db: Db, clock: () => Date) {
  const cycles = cyclesOn(db, clock)
  const bureaus = bureausOn(db)
  const transaction = auditedTransaction(db)
  return rectificationsService({
    repo: rectificationsRepository(db),
    cycles,
    bureaus,
    imports: importsOn(db, clock),
    files: recordFilesOn(db, clock),
    notices: notificationEventsOn(db, clock),
    transaction,
    checkVersion: versionGuard(db),
    clock,
  })
}
