import type { Cycle } from '@fazhi/shared'

// How the cycles screen presents cycles. Pure; the deadline rules themselves are in shared.

/** The year a new cycle is most likely for: the one after the latest. */
export const nextCycleYear = (cycles: readonly Pick<Cycle, 'year'>[], now = new Date()) =>
  cycles.length ? Math.max(...cycles.map((c) => c.year)) + 1 : now.getFullYear()

export type CyclePhase = 'locked' | 'open' | 'due'

/** Where a cycle stands: locked (read-only), open for reporting, or open but past its due date. */
export const cyclePhase = (c: Pick<Cycle, 'locked' | 'due'>): CyclePhase => (c.locked ? 'locked' : c.due ? 'due' : 'open')

export const CYCLE_PHASES: Record<CyclePhase, { label: string; color: string }> = {
  open: { label: '填报中', color: 'blue' },
  due: { label: '已截止（未锁定）', color: 'gold' },
  locked: { label: '已锁定', color: 'default' },
}
