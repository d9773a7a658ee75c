import { type Cycle, deadlineProblem, defaultDeadlines, isPastDue, LOCKED_CYCLE_MESSAGE } from '@fazhi/shared'
import type { Db } from '../../db/client'
import { type AuditedTransaction, auditedTransaction } from '../../db/transaction'
import { type VersionGuard, versionGuard } from '../../db/versions'
import { badRequest, conflict, notFound } from '../../errors'
import type { Actor } from '../../lib/actor'
import { type CycleRow, type CyclesRepository, cyclesRepository } from './repository'

const toCycle = (c: CycleRow, now: Date): Cycle => ({
  year: c.year,
  dueDate: c.dueDate,
  publishDeadline: c.publishDeadline,
  locked: c.locked,
  due: isPastDue(c.dueDate, now),
  version: c.version,
})

/** The one answer to a year without a reporting cycle; the dashboard, which knows the years from its cache, uses it too. */
export const noSuchCycle = (year: number) => notFound(`没有 ${year} 年度的填报周期`)

function assertDeadlines(year: number, dueDate: string, publishDeadline: string) {
  const problem = deadlineProblem(year, dueDate, publishDeadline)
  if (problem) throw badRequest(problem)
}

export interface CyclesDeps {
  repo: CyclesRepository
  transaction: AuditedTransaction
  checkVersion: VersionGuard
  clock: () => Date
  /** Starts a new year's 考核方案 (a copy of the latest earlier one): the schemes feature owns it. */
  startScheme?: (actor: Actor, year: number) => Promise<void>
}

/** Reporting cycles: every feature reads them here, and the office changes them here. */
export function cyclesService(deps: CyclesDeps) {
  const { repo, transaction, checkVersion, clock, startScheme } = deps

  async function requireCycle(year: number): Promise<CycleRow> {
    const cycle = await repo.find(year)
    if (!cycle) throw noSuchCycle(year)
    return cycle
  }

  /** The cycle of `year` for a write: unknown years are 404, locked ones 409. Every workflow write goes through it. */
  async function requireOpenCycle(year: number): Promise<CycleRow> {
    const cycle = await requireCycle(year)
    if (cycle.locked) throw conflict(LOCKED_CYCLE_MESSAGE)
    return cycle
  }

  async function setLocked(actor: Actor, year: number, locked: boolean): Promise<Cycle> {
    return await transaction(actor, async (audit) => {
      const before = await requireCycle(year)
      if (before.locked === locked) throw conflict(locked ? `${year} 年度已处于锁定状态` : `${year} 年度未锁定`)
      const after = (await repo.update(year, { locked }))!
      await audit({ action: locked ? 'cycle.lock' : 'cycle.unlock', objectType: 'cycle', objectId: year, before, after })
      return toCycle(after, clock())
    })
  }

  return {
    listCycles: async (): Promise<CycleRow[]> => repo.list(),
    /** The cycle of `year`, or undefined. */
    findCycle: async (year: number): Promise<CycleRow | undefined> => repo.find(year),
    requireCycle,
    requireOpenCycle,
    /** Every cycle as the API shows it. */
    cycles: async (): Promise<Cycle[]> => (await repo.list()).map((c) => toCycle(c, clock())),

    async create(actor: Actor, input: { year: number; dueDate?: string; publishDeadline?: string }): Promise<Cycle> {
      const { year } = input
      const defaults = defaultDeadlines(year)
      const dueDate = input.dueDate ?? defaults.dueDate
      const publishDeadline = input.publishDeadline ?? defaults.publishDeadline
      assertDeadlines(year, dueDate, publishDeadline)
      return await transaction(actor, async (audit) => {
        if (await repo.find(year)) throw conflict(`${year} 年度的填报周期已存在`)
        const after = await repo.insert({ year, dueDate, publishDeadline, locked: false })
        await audit({ action: 'cycle.create', objectType: 'cycle', objectId: year, after })
        await startScheme?.(actor, year)
        return toCycle(after, clock())
      })
    },

    async update(actor: Actor, year: number, input: { dueDate: string; publishDeadline: string; version: number }): Promise<Cycle> {
      const { version, ...deadlines } = input
      assertDeadlines(year, deadlines.dueDate, deadlines.publishDeadline)
      return await transaction(actor, async (audit) => {
        const before = await requireCycle(year)
        await checkVersion({ version: before.version, objectType: 'cycle', objectId: year, noun: '填报周期' }, version)
        await requireOpenCycle(year)
        const after = (await repo.update(year, deadlines))!
        await audit({ action: 'cycle.update', objectType: 'cycle', objectId: year, before, after })
        return toCycle(after, clock())
      })
    },

    lock: (actor: Actor, year: number) => setLocked(actor, year, true),
    unlock: (actor: Actor, year: number) => setLocked(actor, year, false),
  }
}
export type CyclesService = ReturnType<typeof cyclesService>

/** The cycles service over one database, as the other features use it. */
export const cyclesOn = (db: Db, clock: () => Date, startScheme?: CyclesDeps['startScheme']) =>
  cyclesService({ repo: cyclesRepository(db), transaction: auditedTransaction(db), checkVersion: versionGuard(db), clock, startScheme })
