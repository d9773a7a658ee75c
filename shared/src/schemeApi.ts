import { z } from 'zod'
import { DIRECTIONS } from './constants'
import { GradeSchema, Indicator, RuleSchema } from './schemas'
import { YearParams } from './workflow'

/**
 * The yearly 考核方案 over HTTP: what `GET /api/schemes/:year` answers, what `PUT` takes, and the
 * preview and Excel import answers. The rules themselves are in `scheme.ts`.
 */

const points = (what: string) => z.number({ error: `${what}应为数字` }).min(0, `${what}不能为负数`).max(1000, `${what}过大`)
const bound = z.number({ error: '合理范围应为数字' }).nullable()

/** Kinds an office may give a new indicator (derived ones are computed by the system and come with the catalog). */
export const NEW_INDICATOR_KINDS = ['count', 'percent', 'boolean'] as const

export const SchemeCategoryInput = z.object({
  code: z.string().trim().min(1, '缺少类别编码').max(32),
  name: z.string().trim().min(1, '类别名称不能为空').max(32, '类别名称不超过32个字'),
})

/** One indicator of a year's scheme as the office edits it. `kind` names the kind of a code new to the registry. */
export const SchemeIndicatorInput = z.object({
  code: z.string().trim().min(1, '缺少指标编码').max(64, '指标编码不超过64个字符'),
  category: z.string().trim().min(1, '缺少指标类别').max(32),
  name: z.string().trim().min(1, '指标名称不能为空').max(100, '指标名称不超过100个字'),
  unit: z.string().trim().max(8, '单位不超过8个字'),
  kind: z.enum(NEW_INDICATOR_KINDS, { error: '新指标的类型应为 数量、百分比 或 是/否' }).optional(),
  direction: z.enum(DIRECTIONS, { error: '方向应为 越高越好 或 越低越好' }).nullable(),
  target: z.number({ error: '目标值应为数字' }).min(0, '目标值不能为负数').max(1_000_000, '目标值过大').nullable(),
  weight: points('分值'),
  enforcementOnly: z.boolean(),
  appliesTo: z.array(z.string().trim().min(1).max(32)).max(50).nullable(),
  rule: RuleSchema,
  plausibleMin: bound,
  plausibleMax: bound,
  yoyMinChange: z.number({ error: '同比变化阈值应为数字' }).min(0, '同比变化阈值不能为负数').nullable(),
  /** 需佐证材料: a value counts only with an evidence file attached (omitted: not required). */
  evidenceRequired: z.boolean().default(false),
})
export type SchemeIndicatorInput = z.infer<typeof SchemeIndicatorInput>

/** A grade's lowest score (不合格 is what lies below the last). */
export const SchemeGrade = z.object({
  grade: z.enum(['优秀', '良好', '合格'], { error: '等次应为 优秀、良好 或 合格' }),
  min: z.number({ error: '等次分数线应为数字' }),
})
/** An old indicator code read as a new one in trends (a new edition of the indicator system). */
export const CodeMapping = z.object({ from: z.string().trim().min(1).max(64), to: z.string().trim().min(1).max(64) })

/** A year's scheme as the office writes it (PUT without `version`, the preview's body, what an import reads). */
export const SchemeDraft = z.object({
  categories: z.array(SchemeCategoryInput).min(1, '方案至少要有一个类别').max(50),
  indicators: z.array(SchemeIndicatorInput).min(1, '方案至少要有一个指标').max(500),
  grades: z.array(SchemeGrade).max(3),
  excellentQuota: z.number({ error: '优秀比例应为数字' }).nullable(),
  bonusCap: points('加分上限'),
  lateDeduction: points('逾期扣分'),
  codeMap: z.array(CodeMapping).max(500),
})
export type SchemeDraft = z.infer<typeof SchemeDraft>

/** PUT /api/schemes/:year: the draft and the scheme version it was based on (0 for a year not configured yet). */
export const SchemeBody = SchemeDraft.extend({
  version: z.number({ error: '缺少版本号 version，请刷新后重试' }).int().min(0),
})
export type SchemeBody = z.infer<typeof SchemeBody>

export const Scheme = z.object({
  year: z.number().int(),
  /** Categories in the year's order; points = the sum of their indicators' points. */
  categories: z.array(z.object({ code: z.string(), name: z.string(), points: z.number() })),
  indicators: z.array(Indicator),
  grades: z.array(SchemeGrade),
  excellentQuota: z.number().nullable(),
  bonusCap: z.number(),
  lateDeduction: z.number(),
  codeMap: z.array(CodeMapping),
  /** The year has its own scheme rows (otherwise it is scored by the catalog's defaults). */
  configured: z.boolean(),
  /** Published results froze it: a change needs a reopen. */
  frozen: z.boolean(),
  /** The year has a published result version. */
  published: z.boolean(),
  /** The office may change it now: the year is not locked and the scheme not frozen. */
  editable: z.boolean(),
  version: z.number().int(),
  /** The bureau categories known (what `appliesTo` can name). */
  bureauCategories: z.array(z.string()),
})
export type Scheme = z.infer<typeof Scheme>

export const SchemeCopyParams = YearParams.extend({ fromYear: YearParams.shape.year })

const Standing = z.object({ score: z.number().nullable(), rank: z.number().int().nullable(), grade: GradeSchema.nullable() })
/** What saving a draft would change: the bureaus whose score, rank or grade would move. */
export const SchemePreview = z.object({
  changes: z.array(z.object({ bureauId: z.number().int(), name: z.string(), before: Standing, after: Standing })),
  rankedCount: z.number().int(),
})
export type SchemePreview = z.infer<typeof SchemePreview>

/** An uploaded 考核细则 workbook read back: the draft, how it differs from the stored scheme, and the cells it could not read. */
export const SchemeImport = z.object({
  scheme: SchemeDraft,
  differences: z.array(z.object({ code: z.string(), field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
})
export type SchemeImport = z.infer<typeof SchemeImport>

type DraftIndicatorSource = Pick<Indicator, 'code' | 'category' | 'name' | 'unit' | 'direction' | 'target' | 'weight' | 'enforcementOnly' | 'appliesTo' | 'rule' | 'plausibleMin' | 'plausibleMax' | 'yoyMinChange' | 'evidenceRequired'>
type DraftSettingsSource = Pick<SchemeDraft, 'excellentQuota' | 'bonusCap' | 'lateDeduction'> & {
  categories: readonly { code: string; name: string }[]
  grades: readonly { grade: SchemeDraft['grades'][number]['grade']; min: number }[]
  codeMap: readonly { from: string; to: string }[]
}

/** A scheme as the office edits it: its indicators and settings without what the server works out (points, kinds, rule texts). */
export function draftFrom(indicators: readonly DraftIndicatorSource[], s: DraftSettingsSource): SchemeDraft {
  return {
    categories: s.categories.map(({ code, name }) => ({ code, name })),
    indicators: indicators.map((i) => ({
      code: i.code,
      category: i.category,
      name: i.name,
      unit: i.unit,
      direction: i.direction,
      target: i.target,
      weight: i.weight,
      enforcementOnly: i.enforcementOnly,
      appliesTo: i.appliesTo,
      rule: i.rule,
      plausibleMin: i.plausibleMin,
      plausibleMax: i.plausibleMax,
      yoyMinChange: i.yoyMinChange,
      evidenceRequired: i.evidenceRequired,
    })),
    grades: s.grades.map((g) => ({ grade: g.grade, min: g.min })),
    excellentQuota: s.excellentQuota,
    bonusCap: s.bonusCap,
    lateDeduction: s.lateDeduction,
    codeMap: s.codeMap.map((m) => ({ ...m })),
  }
}

/** The GET answer as a draft. */
export const schemeDraftOf = (s: Scheme): SchemeDraft => draftFrom(s.indicators, s)
