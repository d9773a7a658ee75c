// Bonus (加分) and deduction (扣分) figures as text, the same on every page. Pure.
import { EMPTY, formatNumber } from './format'

/** +2 for a bonus, 0 for none; — where the figure is missing (unranked, or published before rules). */
export const formatBonus = (points: number | null | undefined) => (points === null || points === undefined ? EMPTY : points > 0 ? `+${formatNumber(points)}` : '0')

/** −0.5 for a deduction, 0 for none; — where the figure is missing. */
export const formatDeduction = (points: number | null | undefined) => (points === null || points === undefined ? EMPTY : points > 0 ? `−${formatNumber(points)}` : '0')
