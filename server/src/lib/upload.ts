import type { FastifyRequest } from 'fastify'
import { badRequest } from '../errors'

/** The one uploaded file. A body cut short or malformed is the client's fault (400), not a crash. */
export async function readUpload(req: FastifyRequest): Promise<{ fileName: string; data: Buffer }> {
  try {
    const part = await req.file()
    if (!part) throw badRequest('没有收到文件')
    return { fileName: part.filename, data: await part.toBuffer() }
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode) throw err
    throw badRequest('上传内容不完整或格式错误，请重新选择文件上传')
  }
}
