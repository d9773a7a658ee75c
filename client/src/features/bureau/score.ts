import type { BureauOverview } from '@fazhi/shared'
import { formatNumber, formatScore } from '../../lib/format'

/**
 * How a bureau's score is made up under the year's rules: "基础分 94.76 + 加分 3 − 扣分 0.5". null
 * while it is not scored, or in a version published before rules (no base score).
 */
export function scoreMakeUp(o: Pick<BureauOverview, 'score' | 'baseScore' | 'bonus' | 'deduction'>): string | null {
  if (o.score === null || o.baseScore === null || o.baseScore === undefined) return null
  let text = `基础分 ${formatScore(o.baseScore)}`
  if (o.bonus) text += ` + 加分 ${formatNumber(o.bonus)}`
  if (o.deduction) text += ` − 扣分 ${formatNumber(o.deduction)}`
  return text
}
