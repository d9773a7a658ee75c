import { z } from 'zod'
import { REGION_LEVELS } from './constants'
import { MAX_ROW_ID, RowId, Version } from './schemas'

// 组织机构: the office's regions (a tree) and bureaus (the years they exist, renames, merges), as the API takes and answers them.

const code = (noun: string) =>
  z
    .string({ error: `请填写${noun}编码` })
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,32}$/, `${noun}编码为 1–32 位字母、数字、下划线、点或连字符`)
const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不超过 ${max} 个字`)
const year = (label: string) =>
  z
    .number({ error: `${label}应为年份数字` })
    .int(`${label}应为整数年份`)
    .min(2000, `${label}不能早于 2000 年`)
    .max(2100, `${label}不能晚于 2100 年`)

export const Region = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  /** The region above it; null: a root of the tree. */
  parentId: z.number().int().nullable(),
})
export type Region = z.infer<typeof Region>

export const REGION_LEVEL_LABELS: Record<Region['level'], string> = { province: '省', city: '市', county: '县（区）' }

export const RegionBody = z.object({
  code: code('地区'),
  name: text('地区名称', 64),
  level: z.enum(REGION_LEVELS, { error: '地区级别应为省、市或县（区）' }),
  parentId: RowId.nullable().optional(),
})
export type RegionBody = z.infer<typeof RegionBody>

const bureauFields = z.object({
  code: code('单位'),
  name: text('单位名称', 64),
  shortName: text('简称', 32),
  type: text('单位类型', 32),
  /** 考核类别 (执法部门 …): which scheme indicators apply; empty: none set. */
  category: z
    .string()
    .trim()
    .max(32, '考核类别不超过 32 个字')
    .nullable()
    .optional()
    .transform((v) => v || null),
  hasEnforcement: z.boolean({ error: '请填写有无行政执法职能' }),
  regionId: z.number({ error: '请选择所属地区' }).int().positive().max(MAX_ROW_ID),
  activeFrom: year('起始年度'),
  /** The last year it exists; absent or null: it still exists. */
  activeUntil: year('终止年度').nullable().optional(),
})
const yearsInOrder = { check: (b: { activeFrom: number; activeUntil?: number | null }) => b.activeUntil == null || b.activeUntil >= b.activeFrom, message: '终止年度不能早于起始年度', path: ['activeUntil'] }

export const BureauBody = bureauFields.refine(yearsInOrder.check, { message: yearsInOrder.message, path: yearsInOrder.path })
export type BureauBody = z.infer<typeof BureauBody>
export type BureauInput = z.input<typeof BureauBody>

export const BureauUpdateBody = bureauFields.extend({ version: Version }).refine(yearsInOrder.check, { message: yearsInOrder.message, path: yearsInOrder.path })
export type BureauUpdateBody = z.infer<typeof BureauUpdateBody>

/** 合并: the bureau ends at `lastYear` and its history reads under `successorId`, which exists from the year after. */
export const BureauMergeBody = z.object({
  successorId: z.number({ error: '请选择合并后的单位' }).int().positive().max(MAX_ROW_ID),
  lastYear: year('最后年度'),
  version: Version,
})
export type BureauMergeBody = z.infer<typeof BureauMergeBody>

/** Whether a bureau exists today, was abolished (撤销) or merged (合并) into another. */
export type BureauStatus = 'existing' | 'abolished' | 'merged'
export const BUREAU_STATUS_LABELS: Record<BureauStatus, string> = { existing: '现有', abolished: '已撤销', merged: '已合并' }
export const bureauStatus = (b: { activeUntil: number | null; successorId: number | null }): BureauStatus =>
  b.successorId !== null ? 'merged' : b.activeUntil !== null ? 'abolished' : 'existing'

/** The bureau sheet (导入模板): its columns in order. A header may carry a hint in brackets, as the template's do. */
export const BUREAU_SHEET_COLUMNS = [
  { key: 'code', header: '单位编码' },
  { key: 'name', header: '单位名称' },
  { key: 'shortName', header: '简称' },
  { key: 'type', header: '单位类型' },
  { key: 'category', header: '考核类别' },
  { key: 'hasEnforcement', header: '有无行政执法职能', hint: '有/无' },
  { key: 'region', header: '所属地区', hint: '编码或名称' },
  { key: 'activeFrom', header: '起始年度' },
  { key: 'activeUntil', header: '终止年度' },
] as const
export type BureauSheetKey = (typeof BUREAU_SHEET_COLUMNS)[number]['key']

export const BureauImportQuery = z.object({
  /** false (default): only the preview; true: write every row, and only when no row has an error. */
  commit: z.stringbool({ error: 'commit 应为 true 或 false' }).default(false),
})

export const BureauImportRow = z.object({
  /** The row's number in the sheet, as Excel shows it. */
  row: z.number().int(),
  code: z.string(),
  name: z.string(),
  /** What importing it does; null while it has errors. */
  action: z.enum(['create', 'update', 'unchanged']).nullable(),
  /** The columns an update changes. */
  changes: z.array(z.string()),
  errors: z.array(z.object({ column: z.string(), message: z.string() })),
})
export type BureauImportRow = z.infer<typeof BureauImportRow>

export const BureauImportPreview = z.object({
  rows: z.array(BureauImportRow),
  errorCount: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** The rows were written (commit=true without errors). */
  committed: z.boolean(),
})
export type BureauImportPreview = z.infer<typeof BureauImportPreview>

/** The bureaus merged into `bureauId`, directly or through others, nearest first: their history reads under it. */
export function predecessorsOf<B extends { id: number; successorId: number | null }>(bureaus: readonly B[], bureauId: number): B[] {
  const found: B[] = []
  for (let frontier = [bureauId]; frontier.length; ) {
    const next = bureaus.filter((b) => b.successorId !== null && frontier.includes(b.successorId) && !found.includes(b) && b.id !== bureauId)
    found.push(...next)
    frontier = next.map((b) => b.id)
  }
  return found
}
