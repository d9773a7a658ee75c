import { type Cycle, deadlineProblem, defaultDeadlines, LOCKED_CYCLE_MESSAGE } from '@fazhi/shared'
import { badRequest, conflict, notFound } from '../../errors'
import type { CatalogRepository, CycleRow } from '../catalog/repository'
import { toCycle } from '../catalog/service'
import type { Actor, Transaction } from '../submissions/context'
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

function assertDeadlines(year: number, dueDate: string, publishDeadline: string) {
  const problem = deadlineProblem(year, dueDate, publishDeadline)
  if (problem) throw badRequest(problem)
}

export function cyclesService(deps: { catalog: CycleFinder; repo: CyclesRepository; transaction: Transaction; clock: () => Date }) {
  const { catalog, repo, transaction, clock } = deps

  function setLocked(actor: Actor, year: number, locked: boolean): Cycle {
    return transaction(() => {
      const before = requireCycle(catalog, year)
      if (before.locked === locked) throw conflict(locked ? `${year} 年度已处于锁定状态` : `${year} 年度未锁定`)
      const after = repo.update(year, { locked })!
      actor.audit({ action: locked ? 'cycle.lock' : 'cycle.unlock', objectType: 'cycle', objectId: year, before, after })
      return toCycle(after, clock())
    })
  }

  return {
    create(actor: Actor, input: { year: number; dueDate?: string; publishDeadline?: string }): Cycle {
      const { year } = input
      const defaults = defaultDeadlines(year)
      const dueDate = input.dueDate ?? defaults.dueDate
      const publishDeadline = input.publishDeadline ?? defaults.publishDeadline
      assertDeadlines(year, dueDate, publishDeadline)
      return transaction(() => {
        if (catalog.findCycle(year)) throw conflict(`${year} 年度的填报周期已存在`)
        const after = repo.insert({ year, dueDate, publishDeadline, locked: false })
        actor.audit({ action: 'cycle.create', objectType: 'cycle', objectId: year, after })
        return toCycle(after, clock())
      })
    },

    update(actor: Actor, year: number, input: { dueDate: string; publishDeadline: string }): Cycle {
      assertDeadlines(year, input.dueDate, input.publishDeadline)
      return transaction(() => {
        const before = requireOpenCycle(catalog, year)
        const after = repo.update(year, input)!
        actor.audit({ action: 'cycle.update', objectType: 'cycle', objectId: year, before, after })
        return toCycle(after, clock())
      })
    },

    lock: (actor: Actor, year: number) => setLocked(actor, year, true),
    unlock: (actor: Actor, year: number) => setLocked(actor, year, false),
  }
}
