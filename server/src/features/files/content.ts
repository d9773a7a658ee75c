import { EVIDENCE_TYPE_MESSAGE, type EvidenceType, isEvidenceType, MAX_EVIDENCE_BYTES } from '@fazhi/shared'
import { fileTypeFromBuffer } from 'file-type'
import { badRequest } from '../../errors'
import { checkArchive } from '../../lib/parsing'

/** An evidence .docx/.xlsx may inflate to this much: room for embedded pictures and tables, never a bomb. */
const MAX_INFLATED_BYTES = 10 * MAX_EVIDENCE_BYTES

/** The extensions a file of each type may carry; the first is the one a stored name gets. */
const EXTENSIONS: Record<EvidenceType, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
}

/** The Office types, each with the part without which a zip is not one (file-type trusts [Content_Types].xml alone). */
const MAIN_PART: Readonly<Record<string, string>> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'word/document.xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xl/workbook.xml',
}

/** What looks like an extension at the end of a name: a dot and up to 10 letters or digits. */
const EXTENSION = /\.[A-Za-z0-9]{1,10}$/

/**
 * The name a file is stored and downloaded under: the uploaded name (at most 200 characters) with
 * the extension of its detected type, so a PDF named 报告.hta downloads as 报告.pdf and never opens
 * as something the desktop runs. A wrong extension is replaced, a missing one appended. Empty: no name.
 */
export function evidenceNameOf(uploaded: string, type: EvidenceType): string {
  const name = uploaded.trim()
  const extensions = EXTENSIONS[type]
  const ext = EXTENSION.exec(name)?.[0]
  if (ext && extensions.includes(ext.toLowerCase())) return name.length <= 200 ? name : name.slice(0, 200 - ext.length) + ext
  const base = (ext ? name.slice(0, -ext.length) : name).trim()
  return base ? base.slice(0, 200 - extensions[0]!.length) + extensions[0] : ''
}

/**
 * The type of an evidence upload, found from its bytes (never its name): one of the accepted types,
 * else 400. An Office file must also hold its main part and inflate honestly within the bound (checked in the parsing worker).
 */
export async function evidenceTypeOf(data: Buffer): Promise<EvidenceType> {
  const found = await fileTypeFromBuffer(data)
  if (!found || !isEvidenceType(found.mime)) throw badRequest(EVIDENCE_TYPE_MESSAGE)
  const mainPart = MAIN_PART[found.mime]
  // A refusal is answered as a 400 with its message (a busy parser as a 503) by the errors plugin.
  if (mainPart) await checkArchive(data, MAX_INFLATED_BYTES, mainPart)
  return found.mime
}
