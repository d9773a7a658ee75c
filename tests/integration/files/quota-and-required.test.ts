import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfOf } from '../../helpers/evidence'
import { completeValues, createWorkflowApp, type WorkflowContext } from '../workflow/helpers'
import { upload } from './helpers'

const MB = 1024 * 1024

describe('the per-bureau storage quota', () => {
  let t: WorkflowContext
  beforeAll(async () => {
    t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z'), fileQuotaMb: 1 })
  }, 60_000)
  afterAll(() => t.close())
  const target = async () => ({ submissionId: (await t.submissionOf('kjj', 2026))!.id, indicator: 'lead.topic_meetings' })

  it('lets parallel uploads together use at most the quota', async () => {
    const results = await Promise.all([1, 2, 3].map(async (n) => upload(t, 'kjj', await target(), `材料${n}.pdf`, pdfOf(`race ${n}`, 400 * 1024))))
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409])
    expect(results.find((r) => r.status === 409)!.body.message).toContain('存储空间不足')
    const usage = await t.call('kjj', 'GET', '/api/files/usage')
    expect(usage.body.usedBytes).toBeLessThanOrEqual(usage.body.quotaBytes)
    expect(usage.body).toEqual({ bureauId: await t.bureauId('kjj'), usedBytes: results.filter((r) => r.status === 201).reduce((n, r) => n + r.body.size, 0), deletedBytes: 0, quotaBytes: MB })
  })

  it('is raised by the office only, audited, and then the upload passes', async () => {
    const kjj = await t.bureauId('kjj')
    expect((await upload(t, 'kjj', await target(), '再传.pdf', pdfOf('more', 400 * 1024))).status).toBe(409)
    expect((await t.call('kjj', 'PUT', `/api/bureaus/${kjj}/file-quota`, { quotaMb: 50 })).status).toBe(403)
    expect((await t.call('office', 'PUT', `/api/bureaus/${kjj}/file-quota`, { quotaMb: 0 })).status).toBe(400)
    const raised = await t.call('office', 'PUT', `/api/bureaus/${kjj}/file-quota`, { quotaMb: 5 })
    expect(raised.status).toBe(200)
    expect(raised.body.quotaBytes).toBe(5 * MB)
    expect((await t.auditOf('bureau.fileQuota', kjj))[0]).toMatchObject({ before: { fileQuotaMb: null }, after: { fileQuotaMb: 5 } })
    expect((await upload(t, 'kjj', await target(), '再传.pdf', pdfOf('more', 400 * 1024))).status).toBe(201)
    // Other bureaus keep the county default.
    expect((await t.call('office', 'GET', `/api/files/usage?bureauId=${await t.bureauId('jyj')}`)).body.quotaBytes).toBe(MB)
  })
})

describe('required evidence (需佐证材料)', () => {
  let t: WorkflowContext
  beforeAll(async () => {
    t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
  }, 60_000)
  afterAll(() => t.close())

  it('blocks submitting while a filled value that requires evidence has none, naming it; a file lets it through', async () => {
    const s = (await t.submissionOf('kjj', 2026))!
    const code = 'lead.topic_meetings'
    await t.sql.run('update scheme_indicators set evidence_required = true where year = 2026 and indicator_code = ?', [code])
    const detail = (await t.call('kjj', 'GET', `/api/submissions/${s.id}`)).body
    const saved = await t.call('kjj', 'PUT', `/api/submissions/${s.id}`, { version: detail.version, values: completeValues(detail) })
    expect(saved.status, saved.body.message).toBe(200)
    const name = (await t.sql.get('select name from scheme_indicators where year = 2026 and indicator_code = ?', [code]) as { name: string }).name

    const refused = await t.call('kjj', 'POST', `/api/submissions/${s.id}/submit`)
    expect(refused.status).toBe(400)
    expect(refused.body.message).toContain(`缺少佐证材料：${name}`)
    expect((await t.submissionOf('kjj', 2026))!.status).toBe('draft')

    // A deleted file does not count.
    const gone = await upload(t, 'kjj', { submissionId: s.id, indicator: code }, '纪要.pdf', pdfOf('deleted'))
    expect((await t.call('kjj', 'DELETE', `/api/files/${gone.body.id}`)).status).toBe(200)
    expect((await t.call('kjj', 'POST', `/api/submissions/${s.id}/submit`)).body.message).toContain(`缺少佐证材料：${name}`)

    expect((await upload(t, 'kjj', { submissionId: s.id, indicator: code }, '纪要.pdf', pdfOf('kept'))).status).toBe(201)
    const submitted = await t.call('kjj', 'POST', `/api/submissions/${s.id}/submit`)
    expect(submitted.status, submitted.body.message).toBe(200)
  })
})
