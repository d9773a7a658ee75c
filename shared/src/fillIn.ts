import { z } from 'zod'
import { SubmissionDetail } from './workflow'

// 离线填报: a bureau's values filled in an Excel template offline and read back. The preview lists
// what would change and what is wrong, row by row, before anything is saved.

/** What a template row holds for one indicator: the value (是/否 as a boolean), 不适用, 备注. */
export const FillInCell = z.object({
  value: z.union([z.number(), z.boolean()]).nullable(),
  notApplicable: z.boolean(),
  note: z.string().nullable(),
})
export type FillInCell = z.infer<typeof FillInCell>

/** A value the upload would change: the row as Excel numbers it, the stored value and the new one. */
export const FillInChange = z.object({
  row: z.number().int(),
  indicator: z.string(),
  name: z.string(),
  unit: z.string(),
  before: FillInCell,
  after: FillInCell,
})
export type FillInChange = z.infer<typeof FillInChange>

/** What is wrong with a row (its Excel row number), or with the whole file (row 0). */
export const FillInError = z.object({
  row: z.number().int().min(0),
  indicator: z.string().optional(),
  message: z.string(),
})
export type FillInError = z.infer<typeof FillInError>

export const FillInPreview = z.object({
  changes: z.array(FillInChange),
  errors: z.array(FillInError),
  /** The submission's version the changes were computed against; a save naming it is refused once it moved. */
  version: z.number().int(),
})
export type FillInPreview = z.infer<typeof FillInPreview>

/** A saved upload: what changed (none: nothing was written) and the submission as it now is. */
export const FillInSaved = FillInPreview.extend({ saved: z.boolean(), submission: SubmissionDetail })
export type FillInSaved = z.infer<typeof FillInSaved>

export const FillInQuery = z.object({
  /** 1 or true: only the preview. */
  dryRun: z.stringbool({ error: 'dryRun 应为 1 或 0' }).default(false),
  /** The version the preview was computed against (`FillInPreview.version`); omitted: against the stored values at save time. */
  version: z.coerce.number().int().positive().optional(),
})

/** The office's stack: `dryRun` as for one template; `versions` from its preview (see `stackVersions`). */
export const FillInStackQuery = FillInQuery.pick({ dryRun: true }).extend({
  /**
   * JSON `{[submissionId]: version}`: the versions the preview was computed against. A save naming
   * them is refused with 409 when any report changed since (or was not in the preview); omitted:
   * against the stored values at save time.
   */
  versions: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown
      } catch {
        ctx.addIssue({ code: 'custom', message: 'versions 应为 JSON，例如 {"12":3}' })
        return z.NEVER
      }
    })
    .pipe(z.record(z.string().regex(/^\d+$/), z.number().int().positive(), { error: 'versions 应为 {填报编号: 版本号}' }))
    .optional(),
})

/** One file of the office's stack of templates. */
export const FillInStackFile = z.object({
  file: z.string(),
  bureauCode: z.string().optional(),
  bureauName: z.string().optional(),
  /** The report the file was planned against and its version then (absent when the file names no report of the year). */
  submissionId: z.number().int().optional(),
  version: z.number().int().optional(),
  changes: z.array(FillInChange),
  errors: z.array(FillInError),
})
export type FillInStackFile = z.infer<typeof FillInStackFile>

export const FillInStackPreview = z.object({
  files: z.array(FillInStackFile),
  /** After a save: whether anything was written. */
  saved: z.boolean().optional(),
})
export type FillInStackPreview = z.infer<typeof FillInStackPreview>

/** The `versions` a stack save sends back: the version of every report its preview planned. */
export const stackVersions = (preview: FillInStackPreview): string =>
  JSON.stringify(Object.fromEntries(preview.files.flatMap((f) => (f.submissionId === undefined ? [] : [[f.submissionId, f.version]]))))

/** The template's columns, in order. */
export const FILL_IN_COLUMNS = ['指标代码', '类别', '指标', '单位', '目标', '合理范围', '上年值', '填报值', '不适用', '备注'] as const

/** How a value of the template reads in a cell: 是/否 for yes/no indicators. */
export const fillInText = (value: number | boolean | null): string => (value === null ? '' : typeof value === 'boolean' ? (value ? '是' : '否') : String(value))
