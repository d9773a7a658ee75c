import { type Cycle, isPastDue } from '@fazhi/shared'
import type { CycleRow } from './repository'

export const toCycle = (c: CycleRow, now: Date): Cycle => ({
  year: c.year,
  dueDate: c.dueDate,
  publishDeadline: c.publishDeadline,
  locked: c.locked,
  due: isPastDue(c.dueDate, now),
})
