import type { FastifyRequest } from 'fastify'
import { AppError, badRequest } from '../errors'
import { assertNoControlText } from './control-text'

export interface UploadLimits {
  /** Bytes the file may have (default: the global multipart limit); beyond it, 413 with `tooLarge`. */
  fileSize?: number
  tooLarge?: string
}

/**
 * The one file of a multipart/form-data upload, and the text fields sent with it. A body cut short
 * or malformed is the client's fault (400), not a crash.
 */
export async function readUpload(req: FastifyRequest, limits: UploadLimits = {}): Promise<{ fileName: string; data: Buffer; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw badRequest('请以 multipart/form-data 上传一个文件')
  const fields: Record<string, string> = {}
  let file: { fileName: string; data: Buffer } | undefined
  try {
    for await (const part of req.parts(limits.fileSize === undefined ? undefined : { limits: { fileSize: limits.fileSize } })) {
      if (part.type === 'file') file = { fileName: part.filename, data: await part.toBuffer() }
      else fields[part.fieldname] = String(part.value)
    }
  } catch (err) {
    if (limits.tooLarge && (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'Payload Too Large', limits.tooLarge)
    if ((err as { statusCode?: number }).statusCode) throw err
    throw badRequest('上传内容不完整或格式错误，请重新选择文件上传')
  }
  if (!file) throw badRequest('没有收到文件')
  assertNoControlText([file.fileName, fields])
  return { ...file, fields }
}
