import { EVIDENCE_TYPE_MESSAGE, type EvidenceType, isEvidenceType, MAX_EVIDENCE_BYTES } from '@fazhi/shared'
import { fileTypeFromBuffer } from 'file-type'
import { badRequest } from '../../errors'
import { checkArchive } from '../../lib/parsing'

/** An evidence .docx/.xlsx may inflate to this much: room for embedded pictures and tables, never a bomb. */
const MAX_INFLATED_BYTES = 10 * MAX_EVIDENCE_BYTES

/** The Office types, each with the part without which a zip is not one (file-type trusts [Content_Types].xml alone). */
const MAIN_PART: Readonly<Record<string, string>> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'word/document.xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xl/workbook.xml',
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
