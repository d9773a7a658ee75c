import ExcelJS from 'exceljs'
import {
  CATALOG_BY_CODE,
  CATEGORIES,
  DIRECTION_LABELS,
  DIRECTIONS,
  describeRule,
  INDICATOR_KIND_LABELS,
  NEW_INDICATOR_KINDS,
  parseRule,
  type Scheme,
  SchemeDraft,
  type SchemeImport,
  SchemeIndicatorInput,
} from '@fazhi/shared'
import type { RegisteredIndicator } from '../catalog/repository'
import { bodyStyle, HEADER_STYLE, PAGE_SETUP, put, TITLE_STYLE } from '../exports/sheets'
import { CONTROL_CELL_MESSAGE, hasControlText } from '../../lib/control-text'
import { MAX_SHEET_INFLATED_BYTES, readSheetTexts, type SheetTexts, UploadParseError } from '../../lib/parsing'

/**
 * The 考核细则 table offices circulate, and the same table read back. An unchanged export reads back
 * as the stored scheme, so its import shows no differences.
 */

const SHEET = '考核细则'
const SETTINGS_SHEET = '方案设置'
const COLUMNS = [
  { header: '类别', width: 16 },
  { header: '指标编码', width: 30 },
  { header: '指标名称', width: 36 },
  { header: '单位', width: 8 },
  { header: '类型', width: 10 },
  { header: '方向', width: 10 },
  { header: '目标值', width: 9 },
  { header: '分值', width: 8 },
  { header: '适用单位类别', width: 20 },
  { header: '评分规则', width: 46 },
  { header: '合理范围下限', width: 10 },
  { header: '合理范围上限', width: 10 },
  { header: '需佐证材料', width: 10 },
] as const
/** Columns a workbook exported before they existed may lack: the stored value is kept. */
const OPTIONAL_COLUMNS: readonly string[] = ['需佐证材料']
const YES = '是'
type Column = (typeof COLUMNS)[number]['header']
const col = (header: Column) => COLUMNS.findIndex((c) => c.header === header) + 1
const HEADER_ROW = 2

const KIND_LABELS = INDICATOR_KIND_LABELS
const ALL_BUREAUS = '全部单位'
/** The applicability token for enforcement-only indicators. */
const ENFORCEMENT_ONLY = '有执法职能的单位'
const NO_DIRECTION = '—'
const GRADE_ROWS = [
  ['优秀', '优秀分数线'],
  ['良好', '良好分数线'],
  ['合格', '合格分数线'],
] as const
const SETTING = { quota: '优秀比例上限', bonusCap: '加分上限', late: '逾期扣分', codeMap: '编码对应（旧→新）' } as const

/** The column an indicator field is read from, for a row's errors. */
const COLUMN_OF: Record<string, Column> = {
  name: '指标名称',
  unit: '单位',
  target: '目标值',
  weight: '分值',
  appliesTo: '适用单位类别',
  rule: '评分规则',
  plausibleMin: '合理范围下限',
  plausibleMax: '合理范围上限',
}

const categoryLabel = (name: string, points: number) => `${name}（${points}分）`
const applicabilityText = (ind: { enforcementOnly: boolean; appliesTo: readonly string[] | null }) =>
  [...(ind.enforcementOnly ? [ENFORCEMENT_ONLY] : []), ...(ind.appliesTo ?? [])].join('、') || ALL_BUREAUS

/** The year's scheme as an xlsx file: the 考核细则 sheet (categories merged with their points) and the 方案设置 sheet. */
export async function schemeWorkbook(scheme: Scheme): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(SHEET, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, activeCell: 'A1' }],
    pageSetup: { ...PAGE_SETUP, printTitlesRow: `1:${HEADER_ROW}` },
  })
  ws.columns = COLUMNS.map((c) => ({ width: c.width }))
  put(ws.getRow(1), 1, `${scheme.year}年度法治政府建设考核细则`, TITLE_STYLE)
  ws.getRow(1).height = 30
  ws.mergeCells(1, 1, 1, COLUMNS.length)
  const header = ws.getRow(HEADER_ROW)
  COLUMNS.forEach((c, i) => put(header, i + 1, c.header, HEADER_STYLE))

  const center = bodyStyle()
  const left = bodyStyle({ align: 'left', wrap: true })
  let r = HEADER_ROW + 1
  for (const category of scheme.categories) {
    const inds = scheme.indicators.filter((i) => i.category === category.code)
    if (!inds.length) continue
    const first = r
    for (const ind of inds) {
      const row = ws.getRow(r++)
      put(row, col('类别'), categoryLabel(category.name, category.points), center)
      put(row, col('指标编码'), ind.code, left)
      put(row, col('指标名称'), ind.name, left)
      put(row, col('单位'), ind.unit, center)
      put(row, col('类型'), KIND_LABELS[ind.kind], center)
      put(row, col('方向'), ind.direction ? DIRECTION_LABELS[ind.direction] : NO_DIRECTION, center)
      put(row, col('目标值'), ind.target, center)
      put(row, col('分值'), ind.weight, center)
      put(row, col('适用单位类别'), applicabilityText(ind), left)
      put(row, col('评分规则'), ind.ruleText, left)
      put(row, col('合理范围下限'), ind.plausibleMin, center)
      put(row, col('合理范围上限'), ind.plausibleMax, center)
      put(row, col('需佐证材料'), ind.evidenceRequired ? YES : '', center)
    }
    if (r - 1 > first) ws.mergeCells(first, 1, r - 1, 1)
  }

  const settings = wb.addWorksheet(SETTINGS_SHEET)
  settings.columns = [{ width: 20 }, { width: 30 }, { width: 30 }]
  put(settings.getRow(1), 1, `${scheme.year}年度考核方案设置`, TITLE_STYLE)
  settings.mergeCells(1, 1, 1, 3)
  const head = settings.getRow(2)
  ;['项目', '值', '说明'].forEach((h, i) => put(head, i + 1, h, HEADER_STYLE))
  const rows: [string, string | number | null, string][] = [
    ...GRADE_ROWS.map(([grade, label]): [string, number | null, string] => [label, scheme.grades.find((g) => g.grade === grade)?.min ?? null, '得分不低于此线（空：不设此等次）']),
    [SETTING.quota, scheme.excellentQuota, '按排名取前若干名为优秀，如 0.3 为 30%（空：不限）'],
    [SETTING.bonusCap, scheme.bonusCap, '加分项合计不超过此分'],
    [SETTING.late, scheme.lateDeduction, '未按时上报扣此分'],
    ...scheme.codeMap.map((m): [string, string, string] => [SETTING.codeMap, m.from, m.to]),
  ]
  rows.forEach((values, i) => {
    const row = settings.getRow(3 + i)
    values.forEach((v, j) => put(row, j + 1, v, j === 0 ? left : center))
  })
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A cell's text (numbers as written, formulas by their result), trimmed; a neutralised formula loses its apostrophe. */
const cellText = (text: string | undefined): string => (text ?? '').trim().replace(/^'(?=[=+\-@])/, '')

type Problem = SchemeImport['errors'][number]

/** A number cell: '' is null; anything else must read as a number. */
function numberCell(cell: string | undefined, row: number, column: string, errors: Problem[]): number | null {
  const text = cellText(cell)
  if (text === '') return null
  const n = Number(text.replace(/[%％]$/, ''))
  if (!Number.isFinite(n)) {
    errors.push({ row, column, message: `“${text}”不是数字` })
    return null
  }
  return n
}

const DIRECTION_BY_LABEL = new Map<string, SchemeIndicatorInput['direction']>([
  ...DIRECTIONS.map((d): [string, SchemeIndicatorInput['direction']] => [DIRECTION_LABELS[d], d]),
  [NO_DIRECTION, null],
  ['', null],
])
const KIND_BY_LABEL = new Map(Object.entries(KIND_LABELS).map(([kind, label]) => [label, kind as RegisteredIndicator['kind']]))

export interface StoredScheme {
  draft: SchemeDraft
  registry: readonly RegisteredIndicator[]
}

const MAX_SCHEME_ROWS = 2000

/** Reads an edited 考核细则 workbook back into a draft; compares it with the stored scheme. Writes nothing. */
export async function readSchemeWorkbook(data: Buffer, stored: StoredScheme): Promise<SchemeImport> {
  const refused = (message: string, row = 0, column = ''): SchemeImport => ({ scheme: stored.draft, differences: [], errors: [{ row, column, message }] })
  let sheets: SheetTexts[]
  try {
    sheets = await readSheetTexts(data, MAX_SHEET_INFLATED_BYTES)
  } catch (err) {
    if (!(err instanceof UploadParseError)) throw err
    return refused(err.problem === 'notZip' || err.problem === 'unreadable' ? '无法读取该文件：请上传由本系统导出的 .xlsx 考核细则' : err.message)
  }
  const errors: Problem[] = []
  const ws = sheets.find((s) => s.name === SHEET)
  if (!ws) return refused(`文件中没有“${SHEET}”工作表`)
  const position = new Map<string, number>()
  ;(ws.rows[HEADER_ROW - 1] ?? []).forEach((text, i) => {
    if (text) position.set(cellText(text), i)
  })
  const missing = COLUMNS.filter((c) => !position.has(c.header) && !OPTIONAL_COLUMNS.includes(c.header)).map((c) => c.header)
  if (missing.length) return refused(`缺少列：${missing.join('、')}`, HEADER_ROW, missing.join('、'))
  const at = (row: readonly string[], column: Column) => row[position.get(column)!]

  const storedByCode = new Map(stored.draft.indicators.map((i) => [i.code, i]))
  const registered = new Map(stored.registry.map((r) => [r.code, r]))
  const categoryByName = new Map<string, string>([...CATEGORIES.map((c) => [c.name, c.code] as const), ...stored.draft.categories.map((c) => [c.name, c.code] as const)])
  const categoryNames = new Map(stored.draft.categories.map((c) => [c.code, c.name]))
  const indicators: SchemeIndicatorInput[] = []
  let category = ''

  // A sheet with one stray cell far down reports that row as its last: a scheme has a few hundred rows at most.
  if (ws.rows.length > MAX_SCHEME_ROWS) return refused(`工作表超过 ${MAX_SCHEME_ROWS} 行，不是考核细则`)
  for (let r = HEADER_ROW + 1; r <= ws.rows.length; r++) {
    const row = ws.rows[r - 1]
    const rowErrors = errors.length
    // A cell no typed field could hold (NUL, a direction override: the text guard's rule) refuses its row.
    for (const [header, i] of position) if (hasControlText(row[i] ?? '')) errors.push({ row: r, column: header, message: CONTROL_CELL_MESSAGE })
    const controlled = errors.length > rowErrors
    const code = cellText(at(row, '指标编码'))
    const categoryText = cellText(at(row, '类别')).replace(/[（(][^）)]*[）)]\s*$/, '').trim()
    if (categoryText && !controlled) {
      const found = categoryByName.get(categoryText)
      if (found) {
        category = found
        categoryNames.set(found, categoryText)
      } else {
        errors.push({ row: r, column: '类别', message: `“${categoryText}”不是考核类别之一（${CATEGORIES.map((c) => c.name).join('、')}）` })
        category = ''
      }
    }
    if (!code || controlled) continue
    if (!category) {
      if (!categoryText) errors.push({ row: r, column: '类别', message: '缺少类别' })
      continue
    }
    const before = storedByCode.get(code)
    const reg = registered.get(code)
    const kindText = cellText(at(row, '类型'))
    const kind = KIND_BY_LABEL.get(kindText)
    let newKind: SchemeIndicatorInput['kind']
    if (!kind) errors.push({ row: r, column: '类型', message: `类型“${kindText}”应为 ${Object.values(KIND_LABELS).join('、')} 之一` })
    else if (reg && reg.kind !== kind) errors.push({ row: r, column: '类型', message: `指标 ${code} 已登记为“${KIND_LABELS[reg.kind]}”，类型不能改变；如需改变请使用新编码` })
    else if (!reg) {
      if ((NEW_INDICATOR_KINDS as readonly string[]).includes(kind)) newKind = kind as SchemeIndicatorInput['kind']
      else errors.push({ row: r, column: '类型', message: '新指标的类型应为 数量、百分比 或 是/否' })
    }
    const directionText = cellText(at(row, '方向'))
    const direction = DIRECTION_BY_LABEL.get(directionText)
    if (direction === undefined) errors.push({ row: r, column: '方向', message: `方向“${directionText}”应为 ${Object.values(DIRECTION_LABELS).join(' 或 ')}` })
    const ruleText = cellText(at(row, '评分规则'))
    const rule = parseRule(ruleText)
    if (!rule) errors.push({ row: r, column: '评分规则', message: `无法识别评分规则“${ruleText}”，请参照导出文件的写法（如“每少1次扣0.3分，累计扣分不超过1.2分”）` })
    const weight = numberCell(at(row, '分值'), r, '分值', errors)
    if (weight === null && !errors.some((e) => e.row === r && e.column === '分值')) errors.push({ row: r, column: '分值', message: '缺少分值' })
    const applicability = cellText(at(row, '适用单位类别'))
      .split(/[、,，;；\s]+/)
      .filter((t) => t && t !== ALL_BUREAUS)
    const evidenceText = position.has('需佐证材料') ? cellText(at(row, '需佐证材料')) : null
    if (evidenceText !== null && !['', YES, '否'].includes(evidenceText)) errors.push({ row: r, column: '需佐证材料', message: `需佐证材料应填“是”或留空，实际为“${evidenceText}”` })
    const input: SchemeIndicatorInput = {
      code,
      category,
      name: cellText(at(row, '指标名称')),
      unit: cellText(at(row, '单位')),
      ...(newKind ? { kind: newKind } : {}),
      direction: direction ?? null,
      target: numberCell(at(row, '目标值'), r, '目标值', errors),
      weight: weight ?? 0,
      enforcementOnly: applicability.includes(ENFORCEMENT_ONLY),
      appliesTo: applicability.filter((t) => t !== ENFORCEMENT_ONLY).length ? applicability.filter((t) => t !== ENFORCEMENT_ONLY) : null,
      rule: rule ?? { kind: 'attainment' },
      plausibleMin: numberCell(at(row, '合理范围下限'), r, '合理范围下限', errors),
      plausibleMax: numberCell(at(row, '合理范围上限'), r, '合理范围上限', errors),
      // Not in the table: kept as stored (a new code has none).
      yoyMinChange: before?.yoyMinChange ?? reg?.yoyMinChange ?? null,
      evidenceRequired: evidenceText === null ? (before?.evidenceRequired ?? false) : evidenceText === YES,
    }
    const checked = SchemeIndicatorInput.safeParse(input)
    if (!checked.success)
      for (const issue of checked.error.issues) errors.push({ row: r, column: COLUMN_OF[String(issue.path[0])] ?? String(issue.path[0]), message: issue.message })
    if (errors.length === rowErrors) indicators.push(checked.data!)
  }

  const draft: SchemeDraft = {
    categories: [
      ...stored.draft.categories.map((c) => ({ code: c.code, name: categoryNames.get(c.code) ?? c.name })),
      ...[...new Set(indicators.map((i) => i.category))].filter((c) => !stored.draft.categories.some((s) => s.code === c)).map((c) => ({ code: c, name: categoryNames.get(c)! })),
    ],
    indicators,
    ...readSettings(sheets.find((s) => s.name === SETTINGS_SHEET), stored.draft, errors),
  }
  return { scheme: draft, differences: differencesOf(stored, draft), errors }
}

function readSettings(ws: SheetTexts | undefined, stored: SchemeDraft, errors: Problem[]): Pick<SchemeDraft, 'grades' | 'excellentQuota' | 'bonusCap' | 'lateDeduction' | 'codeMap'> {
  if (!ws) return { grades: stored.grades, excellentQuota: stored.excellentQuota, bonusCap: stored.bonusCap, lateDeduction: stored.lateDeduction, codeMap: stored.codeMap }
  const values = new Map<string, { row: number; cell: string | undefined }>()
  const codeMap: SchemeDraft['codeMap'] = []
  for (let r = 3; r <= ws.rows.length; r++) {
    const row = ws.rows[r - 1]
    if (row.some(hasControlText)) {
      errors.push({ row: r, column: SETTINGS_SHEET, message: CONTROL_CELL_MESSAGE })
      continue
    }
    const label = cellText(row[0])
    if (label === SETTING.codeMap) {
      const from = cellText(row[1])
      const to = cellText(row[2])
      if (from && to) codeMap.push({ from, to })
      else errors.push({ row: r, column: '值', message: '编码对应需同时填写旧编码和新编码' })
    } else if (label) values.set(label, { row: r, cell: row[1] })
  }
  const read = (label: string) => {
    const found = values.get(label)
    return found ? numberCell(found.cell, found.row, label, errors) : null
  }
  const grades = GRADE_ROWS.flatMap(([grade, label]) => {
    const min = read(label)
    return min === null ? [] : [{ grade, min }]
  })
  const settings = { grades, excellentQuota: read(SETTING.quota), bonusCap: read(SETTING.bonusCap) ?? 0, lateDeduction: read(SETTING.late) ?? 0, codeMap }
  const checked = SchemeDraft.pick({ grades: true, excellentQuota: true, bonusCap: true, lateDeduction: true, codeMap: true }).safeParse(settings)
  if (checked.success) return checked.data
  for (const issue of checked.error.issues) errors.push({ row: 0, column: SETTINGS_SHEET, message: issue.message })
  return { grades: stored.grades, excellentQuota: stored.excellentQuota, bonusCap: stored.bonusCap, lateDeduction: stored.lateDeduction, codeMap: stored.codeMap }
}

type Difference = SchemeImport['differences'][number]
const FIELDS: [keyof SchemeIndicatorInput, string][] = [
  ['category', '类别'],
  ['name', '指标名称'],
  ['unit', '单位'],
  ['direction', '方向'],
  ['target', '目标值'],
  ['weight', '分值'],
  ['enforcementOnly', '适用单位类别'],
  ['appliesTo', '适用单位类别'],
  ['rule', '评分规则'],
  ['plausibleMin', '合理范围下限'],
  ['plausibleMax', '合理范围上限'],
  ['evidenceRequired', '需佐证材料'],
]

/** How an import differs from the stored scheme: each changed field of an indicator, added and removed indicators, and the settings. */
function differencesOf(stored: StoredScheme, draft: SchemeDraft): Difference[] {
  const kindOf = (code: string, input: SchemeIndicatorInput) => stored.registry.find((r) => r.code === code)?.kind ?? input.kind ?? 'count'
  const show = (code: string, ind: SchemeIndicatorInput, field: keyof SchemeIndicatorInput): string | null => {
    if (field === 'rule') return describeRule({ ...ind, kind: kindOf(code, ind), derivedAs: CATALOG_BY_CODE.get(code)?.derivedAs })
    if (field === 'enforcementOnly' || field === 'appliesTo') return applicabilityText(ind)
    if (field === 'direction') return ind.direction ? DIRECTION_LABELS[ind.direction] : NO_DIRECTION
    if (field === 'evidenceRequired') return ind.evidenceRequired ? YES : '否'
    const v = ind[field]
    return v === null || v === undefined ? null : String(v)
  }
  const out: Difference[] = []
  const before = new Map(stored.draft.indicators.map((i) => [i.code, i]))
  const after = new Map(draft.indicators.map((i) => [i.code, i]))
  for (const [code, ind] of after) {
    const old = before.get(code)
    if (!old) {
      out.push({ code, field: '新增指标', before: null, after: ind.name })
      continue
    }
    const seen = new Set<string>()
    for (const [field, label] of FIELDS) {
      const a = show(code, old, field)
      const b = show(code, ind, field)
      if (a !== b && !seen.has(label)) {
        seen.add(label)
        out.push({ code, field: label, before: a, after: b })
      }
    }
  }
  for (const [code, ind] of before) if (!after.has(code)) out.push({ code, field: '移除指标', before: ind.name, after: null })
  for (const c of draft.categories) {
    const old = stored.draft.categories.find((s) => s.code === c.code)
    if (old && old.name !== c.name) out.push({ code: c.code, field: '类别名称', before: old.name, after: c.name })
  }
  const setting = (field: string, a: number | null | undefined, b: number | null | undefined) => {
    if ((a ?? null) !== (b ?? null)) out.push({ code: SETTINGS_SHEET, field, before: a == null ? null : String(a), after: b == null ? null : String(b) })
  }
  for (const [grade, label] of GRADE_ROWS)
    setting(label, stored.draft.grades.find((g) => g.grade === grade)?.min, draft.grades.find((g) => g.grade === grade)?.min)
  setting(SETTING.quota, stored.draft.excellentQuota, draft.excellentQuota)
  setting(SETTING.bonusCap, stored.draft.bonusCap, draft.bonusCap)
  setting(SETTING.late, stored.draft.lateDeduction, draft.lateDeduction)
  const mapText = (m: SchemeDraft['codeMap']) => m.map((x) => `${x.from}→${x.to}`).join('；')
  if (mapText(stored.draft.codeMap) !== mapText(draft.codeMap))
    out.push({ code: SETTINGS_SHEET, field: SETTING.codeMap, before: mapText(stored.draft.codeMap) || null, after: mapText(draft.codeMap) || null })
  return out
}
