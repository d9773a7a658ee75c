import { EVIDENCE_TYPE_MESSAGE, type EvidenceType, isEvidenceType, MAX_EVIDENCE_BYTES } from '@fazhi/shared'
import { fileTypeFromBuffer } from 'file-type'
import { badRequest } from '../../errors'
import { checkArchive, UploadParseError } from '../../lib/parsing'

/** An evidence .docx/.xlsx may inflate to this much: room for embedded pictures and tables, never a bomb. */
const MAX_INFLATED_BYTES = 10 * MAX_EVIDENCE_BYTES

const ARCHIVE_TYPES: readonly string[] = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]

/**
 * The type of an evidence upload, found from its bytes (never its name): one of the accepted types,
 * else 400. An Office file must also inflate honestly within the bound (checked in the parsing worker).
 */
export async function evidenceTypeOf(data: Buffer): Promise<EvidenceType> {
  const found = await fileTypeFromBuffer(data)
  if (!found || !isEvidenceType(found.mime)) throw badRequest(EVIDENCE_TYPE_MESSAGE)
  if (ARCHIVE_TYPES.includes(found.mime)) {
    try {
      await checkArchive(data, MAX_INFLATED_BYTES)
    } catch (err) {
      if (err instanceof UploadParseError) throw badRequest(err.message)
      throw err
    }
  }
  return found.mime
}
