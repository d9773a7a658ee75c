import { z } from 'zod'
import { SUBMISSION_STATUSES } from './constants'
import { RowId, Version } from './schemas'
import { ReturnBody } from './workflow'

// ---------------------------------------------------------------------------------------------
// Batch review (批量审核): several submitted reports approved or returned in one decision
// ---------------------------------------------------------------------------------------------

/** How many reports one batch may decide. */
export const BATCH_REVIEW_MAX = 100

const BatchItem = z.object({ id: RowId, version: Version })

const distinctIds = <T extends { id: number }>(items: T[]) => new Set(items.map((i) => i.id)).size === items.length
const batchOf = <T extends z.ZodType<{ id: number }>>(item: T) =>
  z
    .array(item)
    .min(1, '请至少选择一份填报')
    .max(BATCH_REVIEW_MAX, `一次最多处理 ${BATCH_REVIEW_MAX} 份填报`)
    .refine(distinctIds, '同一份填报不能重复出现')

export const BatchApproveBody = z.object({ items: batchOf(BatchItem) })
export type BatchApproveBody = z.infer<typeof BatchApproveBody>

/** Each report is returned with its own reason (and deadline), under the single return's rules. */
export const BatchReturnItem = BatchItem.extend(ReturnBody.shape)
export const BatchReturnBody = z.object({ items: batchOf(BatchReturnItem) })
export type BatchReturnBody = z.infer<typeof BatchReturnBody>

/** A batch is all-or-nothing: the answer lists every report it moved. */
export const BatchReviewResult = z.object({
  items: z.array(z.object({ id: z.number().int(), bureauName: z.string(), status: z.enum(SUBMISSION_STATUSES), version: z.number().int() })),
})
export type BatchReviewResult = z.infer<typeof BatchReviewResult>

// ---------------------------------------------------------------------------------------------
// What changed since the return (自退回以来的修改)
// ---------------------------------------------------------------------------------------------

/** A value as a return kept it (`submission_events.snapshot`, by indicator code) or as it is now. */
export const ValueState = z.object({
  value: z.union([z.number(), z.boolean()]).nullable(),
  notApplicable: z.boolean(),
  note: z.string().nullable(),
})
export type ValueState = z.infer<typeof ValueState>

export const ValueChange = z.object({
  indicator: z.string(),
  name: z.string(),
  /** null: no value when the report was returned. */
  before: ValueState.nullable(),
  /** null: the value is gone now. */
  after: ValueState.nullable(),
})
export type ValueChange = z.infer<typeof ValueChange>

const FileChange = z.object({ id: z.number().int(), name: z.string(), indicator: z.string().nullable(), at: z.string() })

export const SubmissionChanges = z.object({
  /** The latest return, which the comparison starts from; null: the report was never returned. */
  returnedAt: z.string().nullable(),
  /** Why there is no comparison (Chinese); null when `values` and `files` are it. */
  unavailable: z.string().nullable(),
  /** The values that differ from the returned version, in the scheme's order. */
  values: z.array(ValueChange),
  /** Evidence files (佐证材料) of the report's values uploaded or deleted since the return. */
  files: z.object({ added: z.array(FileChange), removed: z.array(FileChange) }),
})
export type SubmissionChanges = z.infer<typeof SubmissionChanges>

export const NEVER_RETURNED_MESSAGE = '该填报没有退回记录，无可对比的版本'
export const NO_SNAPSHOT_MESSAGE = '该次退回早于系统保存退回版本，无法对比退回以来的修改'

/** A stored value as the comparison reads it: the same for "no row" and an empty row. */
const sameState = (a: ValueState | null, b: ValueState | null) =>
  (a?.value ?? null) === (b?.value ?? null) && (a?.notApplicable ?? false) === (b?.notApplicable ?? false) && (a?.note ?? null) === (b?.note ?? null)

/** The values that differ between the returned version and now, in `indicators`' order (codes outside it last). */
export function valueChanges(
  indicators: readonly { code: string; name: string }[],
  returned: Readonly<Record<string, ValueState>>,
  now: Readonly<Record<string, ValueState>>,
): ValueChange[] {
  const names = new Map(indicators.map((i) => [i.code, i.name]))
  const codes = [...new Set([...indicators.map((i) => i.code), ...Object.keys(returned), ...Object.keys(now)])]
  return codes
    .filter((code) => !sameState(returned[code] ?? null, now[code] ?? null))
    .map((code) => ({ indicator: code, name: names.get(code) ?? code, before: returned[code] ?? null, after: now[code] ?? null }))
}
