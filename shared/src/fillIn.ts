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

/** One file of the office's stack of templates. */
export const FillInStackFile = z.object({
  file: z.string(),
  bureauCode: z.string().optional(),
  bureauName: z.string().optional(),
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

/** The template's columns, in order. */
export const FILL_IN_COLUMNS = ['指标代码', '类别', '指标', '单位', '目标', '合理范围', '上年值', '填报值', '不适用', '备注'] as const

/** How a value of the template reads in a cell: 是/否 for yes/no indicators. */
export const fillInText = (value: number | boolean | null): string => (value === null ? '' : typeof value === 'boolean' ? (value ? '是' : '否') : String(value))
