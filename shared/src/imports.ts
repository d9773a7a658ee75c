import { z } from 'zod'
import { QueryRowId } from './schemas'

export const REPORT_SECTIONS = [
  { key: 'measures', name: '主要举措和成效' },
  { key: 'shortcomings', name: '存在的不足和原因' },
  { key: 'dutyPerformance', name: '党政主要负责人履行第一责任人职责情况' },
  { key: 'nextYearPlan', name: '下一年度主要安排' },
  { key: 'other', name: '其他需要报告的情况' },
] as const

export const ImportQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  bureauId: QueryRowId.optional(),
  /** 1: import a report that names another county or district than the bureau's (after the 409 `COUNTY_MISMATCH`). */
  confirmCounty: z.stringbool({ error: 'confirmCounty 应为 1 或 0' }).default(false),
})
export type ImportQuery = z.infer<typeof ImportQuery>

/** The 409's `error` when the report names another county or district: the client asks, then re-posts with `confirmCounty=1`. */
export const COUNTY_MISMATCH = 'CountyMismatch'

export const ImportedReport = z.object({
  id: z.number().int(),
  bureauId: z.number().int(),
  year: z.number().int(),
  fileName: z.string(),
  createdAt: z.string(),
  text: z.string(),
  /** As the report states them, which may differ from the bureau and year it was uploaded for. */
  reportedYear: z.number().int().nullable(),
  reportedBureau: z.string().nullable(),
  /** The county or district the report names as its own, when it can be read. */
  reportedCounty: z.string().nullable(),
  sections: z.object({
    measures: z.boolean(),
    shortcomings: z.boolean(),
    dutyPerformance: z.boolean(),
    nextYearPlan: z.boolean(),
    other: z.boolean(),
  }),
  values: z.array(
    z.object({
      indicator: z.string(),
      name: z.string(),
      unit: z.string(),
      value: z.number(),
      approx: z.boolean(),
      quote: z.string(),
      start: z.number().int(),
      end: z.number().int(),
      /** Only `certain` proposals are pre-accepted; an `uncertain` one needs the reviewer's click. */
      confidence: z.enum(['certain', 'uncertain']),
      /** Why it is uncertain (zh). */
      reason: z.string().nullable(),
      /** Where the value contradicts the bureau's ledgers or last year (zh), for the reviewer to check. */
      flags: z.array(z.string()),
      /** What the bureau's submission holds now, to show beside the proposal. */
      current: z.object({ value: z.number().nullable(), source: z.string() }).nullable(),
    }),
  ),
  /** 需人工确认: sentences whose number two readings compete for; nothing is proposed from them. */
  unresolved: z.array(
    z.object({
      quote: z.string(),
      start: z.number().int(),
      end: z.number().int(),
      /** Catalog names of the indicators the number could belong to. */
      candidates: z.array(z.string()),
      reason: z.string(),
    }),
  ),
  problems: z.array(
    z.object({
      text: z.string(),
      start: z.number().int(),
      end: z.number().int(),
      /** The same problem in the previous year's report or rectification items ("连续两年提出"). */
      repeatedFrom: z.string().nullable(),
    }),
  ),
})
export type ImportedReport = z.infer<typeof ImportedReport>

export const LatestImport = z.object({ report: ImportedReport.nullable() })
