import type { Cycle } from '@fazhi/shared'

// Reporting-cycle rules as the server checks them, for the form. Pure.

/** Default deadlines (《督察工作规定》): report by 1 March, publish by 1 April of the following year. */
export const defaultDeadlines = (year: number) => ({ dueDate: `${year + 1}-03-01`, publishDeadline: `${year + 1}-04-01` })

/** The year a new cycle is most likely for: the one after the latest. */
export const nextCycleYear = (cycles: readonly Pick<Cycle, 'year'>[], now = new Date()) =>
  cycles.length ? Math.max(...cycles.map((c) => c.year)) + 1 : now.getFullYear()

/** Why these deadlines would be refused, or null. */
export function deadlineProblem(year: number, dueDate: string, publishDeadline: string): string | null {
  if (dueDate <= `${year}-12-31`) return `上报截止日期应在 ${year} 年之后`
  if (publishDeadline < dueDate) return '公开截止日期不能早于上报截止日期'
  return null
}

export type CyclePhase = 'locked' | 'open' | 'due'

/** Where a cycle stands: locked (read-only), open for reporting, or open but past its due date. */
export const cyclePhase = (c: Pick<Cycle, 'locked' | 'due'>): CyclePhase => (c.locked ? 'locked' : c.due ? 'due' : 'open')

export const CYCLE_PHASES: Record<CyclePhase, { label: string; color: string }> = {
  open: { label: '填报中', color: 'blue' },
  due: { label: '已截止（未锁定）', color: 'gold' },
  locked: { label: '已锁定', color: 'default' },
}
