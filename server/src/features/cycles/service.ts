import { type Cycle, LOCKED_CYCLE_MESSAGE } from '@fazhi/shared'
import { badRequest, conflict, notFound } from '../../errors'
import type { CatalogRepository, CycleRow } from '../catalog/repository'
import { toCycle } from '../catalog/service'
import type { AuditedTransaction } from '../../db/transaction'
import type { Actor } from '../../lib/actor'
import type { CyclesRepository } from './repository'

type CycleFinder = Pick<CatalogRepository, 'findCycle'>

export function requireCycle(catalog: CycleFinder, year: number): CycleRow {
  const cycle = catalog.findCycle(year)
  if (!cycle) throw notFound(`没有 ${year} 年度的填报周期`)
  return cycle
}

/** The cycle of `year` for a write: unknown years are 404, locked ones 409. Every workflow write goes through it. */
export function requireOpenCycle(catalog: CycleFinder, year: number): CycleRow {
  const cycle = requireCycle(catalog, year)
  if (cycle.locked) throw conflict(LOCKED_CYCLE_MESSAGE)
  return cycle
}

/** A year-Y report is due in year Y+1, and it is published after (or when) it is due. */
function assertDeadlines(year: number, dueDate: string, publishDeadline: string) {
  if (dueDate <= `${year}-12-31`) throw badRequest(`上报截止日期应在 ${year} 年之后`)
  if (publishDeadline < dueDate) throw badRequest('公开截止日期不能早于上报截止日期')
}

export function cyclesService(deps: { catalog: CycleFinder; repo: CyclesRepository; transaction: AuditedTransaction; clock: () => Date }) {
  const { catalog, repo, transaction, clock } = deps

  function setLocked(actor: Actor, year: number, locked: boolean): Cycle {
    return transaction(actor, (audit) => {
      const before = requireCycle(catalog, year)
      if (before.locked === locked) throw conflict(locked ? `${year} 年度已处于锁定状态` : `${year} 年度未锁定`)
      const after = repo.update(year, { locked })!
      audit({ action: locked ? 'cycle.lock' : 'cycle.unlock', objectType: 'cycle', objectId: year, before, after })
      return toCycle(after, clock())
    })
  }

  return {
    create(actor: Actor, input: { year: number; dueDate?: string; publishDeadline?: string }): Cycle {
      const { year } = input
      const dueDate = input.dueDate ?? `${year + 1}-03-01`
      const publishDeadline = input.publishDeadline ?? `${year + 1}-04-01`
      assertDeadlines(year, dueDate, publishDeadline)
      return transaction(actor, (audit) => {
        if (catalog.findCycle(year)) throw conflict(`${year} 年度的填报周期已存在`)
        const after = repo.insert({ year, dueDate, publishDeadline, locked: false })
        audit({ action: 'cycle.create', objectType: 'cycle', objectId: year, after })
        return toCycle(after, clock())
      })
    },

    update(actor: Actor, year: number, input: { dueDate: string; publishDeadline: string }): Cycle {
      assertDeadlines(year, input.dueDate, input.publishDeadline)
      return transaction(actor, (audit) => {
        const before = requireOpenCycle(catalog, year)
        const after = repo.update(year, input)!
        audit({ action: 'cycle.update', objectType: 'cycle', objectId: year, before, after })
        return toCycle(after, clock())
      })
    },

    lock: (actor: Actor, year: number) => setLocked(actor, year, true),
    unlock: (actor: Actor, year: number) => setLocked(actor, year, false),
  }
}
