import { CATEGORY_NAMES, type CategoryCode, isYesNo, type OverviewIndicator, type RuleKind } from '@fazhi/shared'
import { EMPTY, formatNumber, formatPercent } from '../../lib/format'
import { NOT_APPLICABLE } from '../../lib/status'

export const NOT_FILLED = '未填写'
export const NOT_SCORED = '不计分'

/** One line of the bureau's indicator table, ready to show. */
export interface IndicatorRow {
  code: string
  category: string
  categoryName: string
  name: string
  value: string
  target: string
  /** 0..1, or null when the indicator is not scored for this bureau. */
  attainment: number | null
  attainmentText: string
  gap: string
  met: boolean
  /** Points the score would gain if the indicator reached its target (a bonus item: if it were claimed). */
  pointsAvailable: number
  countyAverage: string
  /** The rule in words ("每少1次扣0.3分，累计扣分不超过1.2分"); '' in a version published before rules. */
  rule: string
  /** What the rule took or added, in a sentence ("少1次，扣0.3分", "加2分"); null when nothing. */
  explanation: string | null
}

/** Items that stand apart from the base score: what the 达成度 column says instead of a percentage. */
const STANDALONE: Partial<Record<RuleKind, string>> = { bonus: '加分项', veto: '否决项' }

const isPercent = (i: OverviewIndicator) => i.kind === 'percent' || i.derivedAs === 'percent'
/** Input-only counts (weight 0, no target) feed derived rates and are not scored themselves. */
const isScored = (i: OverviewIndicator) => i.weight > 0 && i.target !== null
const isLowerBetter = (i: OverviewIndicator) => i.direction === 'lower'

const withUnit = (n: number, unit: string) => (unit ? `${formatNumber(n)} ${unit}` : formatNumber(n))

function amount(i: OverviewIndicator, n: number): string {
  if (isYesNo(i)) return n >= 1 ? '是' : '否'
  if (isPercent(i)) return `${formatNumber(n, 1)}%`
  return withUnit(n, i.unit)
}

function targetText(i: OverviewIndicator): string {
  if (!isScored(i)) return EMPTY
  if (isYesNo(i)) return '是'
  return `${isLowerBetter(i) ? '≤' : '≥'} ${amount(i, i.target!)}`
}

function gapText(i: OverviewIndicator): string {
  if (!isScored(i) || !i.applicable) return EMPTY
  if (i.value === null) return NOT_FILLED
  if (i.met) return '已达标'
  if (isYesNo(i)) return '未达成'
  const target = i.target!
  if (isLowerBetter(i)) return `超出 ${withUnit(i.value - target, i.unit)}`
  const short = target - i.value
  return isPercent(i) ? `差 ${formatNumber(short, 1)} 个百分点` : `差 ${withUnit(short, i.unit)}`
}

function averageText(i: OverviewIndicator): string {
  if (i.countyYes) return i.countyYes.of ? `${i.countyYes.yes}/${i.countyYes.of} 家为“是”` : EMPTY
  if (i.countyAverage === null) return EMPTY
  return isPercent(i) ? `${formatNumber(i.countyAverage, 1)}%` : withUnit(i.countyAverage, i.unit)
}

export function indicatorRows(indicators: readonly OverviewIndicator[]): IndicatorRow[] {
  return indicators.map((i) => {
    const scored = isScored(i)
    let value: string
    if (scored && !i.applicable) value = NOT_APPLICABLE
    else if (i.value === null) value = NOT_FILLED
    else value = amount(i, i.value)
    return {
      code: i.code,
      category: i.category,
      categoryName: CATEGORY_NAMES[i.category as CategoryCode],
      name: i.name,
      value,
      target: targetText(i),
      attainment: scored && i.applicable ? i.attainment : null,
      attainmentText: (i.ruleKind && STANDALONE[i.ruleKind]) ?? (!scored ? NOT_SCORED : i.applicable ? formatPercent(i.attainment) : NOT_APPLICABLE),
      gap: gapText(i),
      met: i.met,
      pointsAvailable: i.pointsAvailable,
      countyAverage: averageText(i),
      rule: i.ruleText ?? '',
      explanation: i.explanation ?? null,
    }
  })
}
