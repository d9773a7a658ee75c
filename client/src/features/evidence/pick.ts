import { EVIDENCE_ACCEPT, EVIDENCE_SIZE_MESSAGE, EVIDENCE_TYPE_MESSAGE, MAX_EVIDENCE_BYTES } from '@fazhi/shared'

const ACCEPTED_EXTENSIONS = EVIDENCE_ACCEPT.split(',')

/** The browser's first check of a chosen file, before it is sent (the server decides by its content). */
export function pickProblem(file: { name: string; size: number }): string | null {
  if (!ACCEPTED_EXTENSIONS.some((ext) => file.name.toLowerCase().endsWith(ext))) return EVIDENCE_TYPE_MESSAGE
  if (file.size > MAX_EVIDENCE_BYTES) return EVIDENCE_SIZE_MESSAGE
  return null
}
