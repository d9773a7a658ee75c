import {
  EVIDENCE_SIZE_MESSAGE,
  EvidenceList,
  EvidenceListQuery,
  EvidenceTarget,
  EvidenceUploaded,
  FileDownloadQuery,
  FileQuotaBody,
  FileUsage,
  FileUsageQuery,
  IdParams,
  isPreviewable,
  MAX_EVIDENCE_BYTES,
  NoBody,
  Ok,
} from '@fazhi/shared'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import fs from 'node:fs'
import { AppError, badRequest } from '../../errors'
import { actorOf } from '../../lib/actor'
import { attachment } from '../../lib/csv'
import { evidenceTypeOf } from './content'
import { filesOn } from './service'

/** The bytes of a file are never run by the browser: no sniffing, nothing loads, only this app may frame a preview. */
const FILE_CSP = "default-src 'none'; frame-ancestors 'self'"

/** The multipart body of an upload: the target fields and one file of at most 20 MB. */
async function readEvidenceUpload(req: FastifyRequest): Promise<{ fields: Record<string, string>; name: string; data: Buffer }> {
  if (!req.isMultipart()) throw badRequest('请以 multipart/form-data 上传一个文件')
  const fields: Record<string, string> = {}
  let file: { name: string; data: Buffer } | undefined
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 5 } })) {
      if (part.type === 'file') file = { name: part.filename, data: await part.toBuffer() }
      else fields[part.fieldname] = String(part.value)
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'Payload Too Large', EVIDENCE_SIZE_MESSAGE)
    if ((err as { statusCode?: number }).statusCode) throw err
    throw badRequest('上传内容不完整或格式错误，请重新选择文件上传')
  }
  if (!file) throw badRequest('没有收到文件')
  return { fields, ...file }
}

/** 佐证材料: upload, list, download (preview), delete; and each bureau's storage quota. */
const routes: FastifyPluginAsyncZod<{ clock: () => Date; fileQuotaMb: number }> = async (app, { clock, fileQuotaMb }) => {
  const service = filesOn(app.db, clock, fileQuotaMb)

  app.post('/files', { schema: { response: { 201: EvidenceUploaded } } }, async (req, reply) => {
    const actor = actorOf(req)
    const { fields, name, data } = await readEvidenceUpload(req)
    const target = EvidenceTarget.safeParse(fields)
    if (!target.success) throw badRequest(target.error.issues[0]?.message ?? '请指明材料所属')
    service.assertUploadable(actor, target.data)
    const type = await evidenceTypeOf(data)
    return reply.status(201).send(service.upload(actor, target.data, { name, data, type }))
  })

  app.get('/files', { schema: { querystring: EvidenceListQuery, response: { 200: EvidenceList } } }, async (req) => service.list(actorOf(req), req.query))

  app.get('/files/usage', { schema: { querystring: FileUsageQuery, response: { 200: FileUsage } } }, async (req) =>
    service.usage(actorOf(req), req.query.bureauId),
  )

  // The stored content-detected type, never sniffed; inline (预览) only for PDF and images.
  app.get('/files/:id', { schema: { params: IdParams, querystring: FileDownloadQuery } }, async (req, reply) => {
    const { row, path } = service.download(actorOf(req), req.params.id)
    const inline = req.query.inline === '1' && isPreviewable(row.type)
    return reply
      .type(row.type)
      .header('content-length', row.size)
      .header('content-disposition', attachment(row.name, inline ? 'inline' : 'attachment'))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', FILE_CSP)
      .header('cache-control', 'private, no-cache')
      .send(fs.createReadStream(path))
  })

  app.delete('/files/:id', { schema: { params: IdParams, body: NoBody, response: { 200: Ok } } }, async (req) => {
    service.delete(actorOf(req), req.params.id)
    return { ok: true as const }
  })

  app.put('/bureaus/:id/file-quota', { schema: { params: IdParams, body: FileQuotaBody, response: { 200: FileUsage } } }, async (req) =>
    service.setQuota(actorOf(req), req.params.id, req.body.quotaMb),
  )
}
export default routes

