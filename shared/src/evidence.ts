import { z } from 'zod'
import { LEDGER_TYPES } from './ledgers'
import { type FillBureau, isRequiredFor } from './workflow'
import { type Indicator, QueryRowId } from './schemas'

/**
 * Evidence files (佐证材料): what a bureau may attach to an indicator value, a ledger row or a
 * rectification item. The type is the one found from the content, never the name; nothing a browser
 * would run (SVG, HTML, scripts) is accepted.
 */
export const EVIDENCE_TYPES = {
  'application/pdf': 'PDF',
  'image/png': 'PNG 图片',
  'image/jpeg': 'JPEG 图片',
  'image/gif': 'GIF 图片',
  'image/webp': 'WebP 图片',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word 文档（.docx）',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel 表格（.xlsx）',
} as const
export type EvidenceType = keyof typeof EVIDENCE_TYPES

/** The extensions the upload dialog offers (the server still decides by content). */
export const EVIDENCE_ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx'

export const MAX_EVIDENCE_MB = 20
export const MAX_EVIDENCE_BYTES = MAX_EVIDENCE_MB * 1024 * 1024

export const isEvidenceType = (type: string): type is EvidenceType => Object.hasOwn(EVIDENCE_TYPES, type)

/** Whether the browser may show it inline (预览): PDF and images only; the rest always download. */
export const isPreviewable = (type: string) => type === 'application/pdf' || type.startsWith('image/')

export const EVIDENCE_TYPE_MESSAGE = '不支持的文件类型：佐证材料仅限 PDF、图片（PNG/JPEG/GIF/WebP）、Word（.docx）和 Excel（.xlsx）'
export const EVIDENCE_SIZE_MESSAGE = `文件过大：单个佐证材料不超过 ${MAX_EVIDENCE_MB} MB`

/** A size as people read it: 1.2 MB, 35 KB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  if (bytes >= 1024) return `${Math.ceil(bytes / 1024)} KB`
  return `${bytes} B`
}

/** The multipart fields of `POST /api/files` that name what a file is attached to: exactly one target. */
export const EvidenceTarget = z.union(
  [
    z.object({ submissionId: QueryRowId, indicator: z.string().min(1).max(64) }).strict(),
    z.object({ ledgerType: z.enum(LEDGER_TYPES), ledgerId: QueryRowId }).strict(),
    z.object({ rectificationId: QueryRowId }).strict(),
  ],
  { error: '请指明材料所属：submissionId 与 indicator，或 ledgerType 与 ledgerId，或 rectificationId' },
)
export type EvidenceTarget = z.infer<typeof EvidenceTarget>

/** What an upload answers. */
export const EvidenceUploaded = z.object({ id: z.number().int(), name: z.string(), size: z.number().int(), type: z.string(), sha256: z.string() })
export type EvidenceUploaded = z.infer<typeof EvidenceUploaded>

export const EvidenceFile = EvidenceUploaded.extend({
  bureauId: z.number().int(),
  year: z.number().int(),
  submissionId: z.number().int().nullable(),
  indicator: z.string().nullable(),
  ledgerType: z.string().nullable(),
  ledgerId: z.number().int().nullable(),
  rectificationId: z.number().int().nullable(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
  /** Set once deleted: only the office and leaders still see it, until the year is published. */
  deletedAt: z.string().nullable(),
})
export type EvidenceFile = z.infer<typeof EvidenceFile>

export const EvidenceList = z.array(EvidenceFile)

/** `GET /api/files`: a submission's files (its values', and its bureau-year's ledger rows' and rectification items'), or one record's. */
export const EvidenceListQuery = z.object({
  submissionId: QueryRowId.optional(),
  rectificationId: QueryRowId.optional(),
  ledgerType: z.enum(LEDGER_TYPES).optional(),
  ledgerId: QueryRowId.optional(),
})

export const FileDownloadQuery = z.object({ inline: z.enum(['0', '1']).optional() })

export const FileUsageQuery = z.object({ bureauId: QueryRowId.optional() })
/** `usedBytes`: the live files, counted toward the quota; `deletedBytes`: deleted files kept until the year is published. */
export const FileUsage = z.object({ bureauId: z.number().int(), usedBytes: z.number().int(), deletedBytes: z.number().int(), quotaBytes: z.number().int() })
export type FileUsage = z.infer<typeof FileUsage>

export const FileQuotaBody = z.object({
  quotaMb: z.number({ error: '存储配额应为数字' }).int('存储配额应为整数（MB）').min(1, '存储配额至少 1 MB').max(1_000_000, '存储配额过大'),
})

/**
 * Indicators whose value needs evidence and has none: required of the bureau, marked 需佐证材料 in
 * the scheme, filled (not 不适用), and no live file attached. Submitting refuses while any remain.
 */
export function missingEvidence<T extends Pick<Indicator, 'code' | 'kind' | 'enforcementOnly' | 'appliesTo' | 'rule' | 'evidenceRequired'>>(
  indicators: readonly T[],
  values: ReadonlyMap<string, { value: number | null; notApplicable: boolean }>,
  bureau: FillBureau,
  withFiles: ReadonlySet<string>,
): T[] {
  return indicators.filter((i) => {
    if (!i.evidenceRequired || !isRequiredFor(i, bureau) || withFiles.has(i.code)) return false
    const v = values.get(i.code)
    return !!v && !v.notApplicable && v.value !== null
  })
}

export const missingEvidenceProblem = (missing: readonly { name: string }[]) => missing.map((i) => `缺少佐证材料：${i.name}`).join('；')
