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
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import fs from 'node:fs'
import { badRequest } from '../../errors'
import { actorOf } from '../../lib/actor'
import { attachment } from '../../lib/csv'
import { readUpload } from '../../lib/upload'
import { evidenceTypeOf } from './content'
import { filesOn } from './service'

/** The bytes of a file are never run by the browser: no sniffing, nothing loads, only this app may frame a preview. */
const FILE_CSP = "default-src 'none'; frame-ancestors 'self'"

/** 佐证材料: upload, list, download (preview), delete; and each bureau's storage quota. */
const routes: FastifyPluginAsyncZod<{ clock: () => Date; fileQuotaMb: number }> = async (app, { clock, fileQuotaMb }) => {
  const service = filesOn(app.db, clock, fileQuotaMb)

  app.post('/files', { schema: { response: { 201: EvidenceUploaded } } }, async (req, reply) => {
    const actor = actorOf(req)
    const { fields, fileName: name, data } = await readUpload(req, { fileSize: MAX_EVIDENCE_BYTES, tooLarge: EVIDENCE_SIZE_MESSAGE })
    const target = EvidenceTarget.safeParse(fields)
    if (!target.success) throw badRequest(target.error.issues[0]?.message ?? '请指明材料所属')
    await service.assertUploadable(actor, target.data)
    const type = await evidenceTypeOf(data)
    return reply.status(201).send(await service.upload(actor, target.data, { name, data, type }))
  })

  app.get('/files', { schema: { querystring: EvidenceListQuery, response: { 200: EvidenceList } } }, async (req) => service.list(actorOf(req), req.query))

  app.get('/files/usage', { schema: { querystring: FileUsageQuery, response: { 200: FileUsage } } }, async (req) =>
    service.usage(actorOf(req), req.query.bureauId),
  )

  // The stored content-detected type, never sniffed; inline (预览) only for PDF and images.
  app.get('/files/:id', { schema: { params: IdParams, querystring: FileDownloadQuery } }, async (req, reply) => {
    const { row, path } = await service.download(actorOf(req), req.params.id)
    const inline = req.query.inline === '1' && isPreviewable(row.type)
    return reply
      .type(row.type)
      .header('content-length', row.size)
      .header('content-disposition', attachment(row.name, inline ? 'inline' : 'attachment'))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', FILE_CSP)
      // A bureau's unpublished material, possibly personal data: never kept in a shared computer's cache.
      .header('cache-control', 'no-store')
      .send(fs.createReadStream(path))
  })

  app.delete('/files/:id', { schema: { params: IdParams, body: NoBody, response: { 200: Ok } } }, async (req) => {
    await service.delete(actorOf(req), req.params.id)
    return { ok: true as const }
  })

  app.put('/bureaus/:id/file-quota', { schema: { params: IdParams, body: FileQuotaBody, response: { 200: FileUsage } } }, async (req) =>
    service.setQuota(actorOf(req), req.params.id, req.body.quotaMb),
  )
}
export default routes

