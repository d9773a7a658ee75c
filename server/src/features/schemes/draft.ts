import { CATEGORIES, GRADES, INDICATOR_KIND_LABELS, type CategoryCode, CATALOG_BY_CODE, type GradeThreshold, isBaseRule, type SchemeDraft, type SchemeIndicatorInput } from '@fazhi/shared'
import { badRequest } from '../../errors'
import { type RegisteredIndicator, type SchemeIndicator, yearIndicator, type YearSettings } from '../catalog/repository'
import type { SchemeIndicatorRow, SchemeSettingsRow } from './repository'

/** A draft checked against the registry, in every form the service needs: rows to store, codes to register, indicators and settings to score. */
export interface ResolvedScheme {
  settingsRow: SchemeSettingsRow
  rows: Omit<SchemeIndicatorRow, 'year'>[]
  newCodes: Omit<RegisteredIndicator, 'sortOrder'>[]
  indicators: SchemeIndicator[]
  settings: YearSettings
}

const CATEGORY_CODES = new Set<string>(CATEGORIES.map((c) => c.code))
const CODE_FORMAT = /^[a-z][a-z0-9]*\.[a-z][a-z0-9_]*$/


/** The kind an indicator of the draft has: its registered one, or the one it names as a new code. */
function kindOf(ind: SchemeIndicatorInput, registered: RegisteredIndicator | undefined): RegisteredIndicator['kind'] {
  const label = `指标 ${ind.code}`
  if (!registered) {
    if (!ind.kind) throw badRequest(`${label} 是新指标，请选择类型（数量、百分比或是/否）`)
    return ind.kind
  }
  if (ind.kind && ind.kind !== registered.kind) {
    if (registered.kind === 'derived') throw badRequest(`${label} 由系统计算（${CATALOG_BY_CODE.get(ind.code)?.name ?? registered.name}），不能改为填报指标`)
    throw badRequest(`${label} 已登记为“${INDICATOR_KIND_LABELS[registered.kind]}”类型，编码不变时类型不能改为“${INDICATOR_KIND_LABELS[ind.kind]}”；如需改变请使用新编码`)
  }
  return registered.kind
}

function checkIndicator(ind: SchemeIndicatorInput, kind: RegisteredIndicator['kind'], categories: Set<string>): void {
  const label = `指标 ${ind.code}（${ind.name}）`
  if (!categories.has(ind.category)) throw badRequest(`${label} 的类别“${ind.category}”不在方案的类别中`)
  const { rule } = ind
  if (!isBaseRule(rule) && ind.weight !== 0) throw badRequest(`${label} 是${rule.kind === 'bonus' ? '加分项' : '一票否决项'}，分值应为 0（不计入基础分）`)
  const percent = kind === 'percent' || CATALOG_BY_CODE.get(ind.code)?.derivedAs === 'percent'
  if (rule.kind === 'perPercentPoint' && !percent) throw badRequest(`${label} 不是百分比指标，不能按百分点扣分`)
  if (ind.weight > 0 && ind.direction === null) throw badRequest(`${label} 计分时需要方向（越高越好或越低越好）`)
  if ((rule.kind === 'perUnit' || rule.kind === 'perPercentPoint' || rule.kind === 'perViolation') && ind.target === null)
    throw badRequest(`${label} 按差额扣分需要目标值`)
  if (ind.plausibleMin !== null && ind.plausibleMax !== null && ind.plausibleMin > ind.plausibleMax) throw badRequest(`${label} 的合理范围下限大于上限`)
}

function checkGrades(grades: SchemeDraft['grades'], bonusCap: number): GradeThreshold[] {
  const top = 100 + bonusCap
  grades.forEach((g, i) => {
    if (g.min < 0 || g.min > top) throw badRequest(`等次“${g.grade}”的分数线应在 0 至 ${top} 分之间（100分加加分上限）`)
    const next = grades[i + 1]
    if (next && (GRADES.indexOf(next.grade) <= GRADES.indexOf(g.grade) || next.min >= g.min))
      throw badRequest('等次应按 优秀、良好、合格 排列，不重复，分数线从高到低')
  })
  return grades.map((g) => ({ ...g }))
}

/**
 * Checks a draft against the rules of a scheme and the indicator registry, and resolves it. Throws
 * a 400 with the first problem in Chinese; nothing is written by it.
 */
export function resolveDraft(draft: SchemeDraft, registry: readonly RegisteredIndicator[]): ResolvedScheme {
  const registered = new Map(registry.map((r) => [r.code, r]))
  const categories = new Set<string>()
  for (const c of draft.categories) {
    if (!CATEGORY_CODES.has(c.code))
      throw badRequest(`类别编码“${c.code}”不是考核类别之一（${CATEGORIES.map((x) => x.code).join('、')}）；新增类别需要先增加数据库列`)
    if (categories.has(c.code)) throw badRequest(`类别编码“${c.code}”重复`)
    categories.add(c.code)
  }
  const codes = new Set<string>()
  for (const ind of draft.indicators) {
    if (!CODE_FORMAT.test(ind.code)) throw badRequest(`指标编码“${ind.code}”格式不正确：应为 类别.名称，小写字母、数字和下划线，如 lead.topic_meetings`)
    if (codes.has(ind.code)) throw badRequest(`指标编码 ${ind.code} 重复`)
    codes.add(ind.code)
  }
  if (draft.excellentQuota !== null && (draft.excellentQuota < 0 || draft.excellentQuota > 1)) throw badRequest('优秀比例应在 0 至 1 之间（如 0.3 表示 30%）')
  const grades = checkGrades(draft.grades, draft.bonusCap)
  for (const m of draft.codeMap) {
    if (!codes.has(m.to)) throw badRequest(`编码对应关系中的新编码 ${m.to} 不是本年度方案的指标`)
    if (!registered.has(m.from) || codes.has(m.from)) throw badRequest(`编码对应关系中的旧编码 ${m.from} 应是以前年度使用、本年度不再使用的指标编码`)
  }

  const newCodes: ResolvedScheme['newCodes'] = []
  const rows: ResolvedScheme['rows'] = []
  const indicators: SchemeIndicator[] = []
  // Stored in the order the 考核细则 shows them: by category, then as given.
  const order = draft.categories.map((c) => c.code)
  const sorted = [...draft.indicators].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category))
  sorted.forEach((ind, i) => {
    const kind = kindOf(ind, registered.get(ind.code))
    checkIndicator(ind, kind, categories)
    const appliesTo = ind.appliesTo?.length ? [...new Set(ind.appliesTo)] : null
    const row = {
      indicatorCode: ind.code,
      category: ind.category,
      name: ind.name,
      unit: ind.unit,
      direction: ind.direction,
      target: ind.target,
      weight: ind.weight,
      enforcementOnly: ind.enforcementOnly,
      appliesTo: appliesTo && JSON.stringify(appliesTo),
      rule: JSON.stringify(ind.rule),
      plausibleMin: ind.plausibleMin,
      plausibleMax: ind.plausibleMax,
      yoyMinChange: ind.yoyMinChange,
      evidenceRequired: ind.evidenceRequired,
      sortOrder: i + 1,
    }
    rows.push(row)
    indicators.push(yearIndicator(ind.code, kind, { ...row, appliesTo: row.appliesTo ?? null }))
    if (!registered.has(ind.code))
      newCodes.push({
        code: ind.code,
        category: ind.category,
        name: ind.name,
        unit: ind.unit,
        kind,
        direction: ind.direction,
        defaultTarget: ind.target,
        defaultWeight: ind.weight,
        enforcementOnly: ind.enforcementOnly,
        plausibleMin: ind.plausibleMin,
        plausibleMax: ind.plausibleMax,
        yoyMinChange: ind.yoyMinChange,
      })
  })
  if (!indicators.some((i) => i.weight > 0)) throw badRequest('方案的分值合计应大于 0')
  // With a cap of 0 every bonus would silently count for nothing.
  if (draft.bonusCap <= 0 && indicators.some((i) => i.rule.kind === 'bonus')) throw badRequest('方案含加分项，请设置大于 0 的加分上限')

  const settingsRow: SchemeSettingsRow = {
    categories: JSON.stringify(draft.categories),
    grades: JSON.stringify(grades),
    excellentQuota: draft.excellentQuota,
    bonusCap: draft.bonusCap,
    lateDeduction: draft.lateDeduction,
    codeMap: JSON.stringify(draft.codeMap),
  }
  const settings: YearSettings = {
    grades,
    excellentQuota: draft.excellentQuota,
    bonusCap: draft.bonusCap,
    lateDeduction: draft.lateDeduction,
    categories: draft.categories.map((c) => ({ code: c.code as CategoryCode, name: c.name })),
    codeMap: draft.codeMap,
    configured: true,
    frozen: false,
    version: 0,
  }
  return { settingsRow, rows, newCodes, indicators, settings }
}
