import fs from 'node:fs'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blobPathOf, evidenceDirOf, sha256Of } from '../../../server/src/features/files/store'
import { pdfOf } from '../../helpers/evidence'
import { failInserts } from '../../helpers/fail-inserts'
import { completeValues, createWorkflowApp, type WorkflowContext } from '../workflow/helpers'
import { download, upload } from './helpers'

// What happens to evidence files around them: the records they hang on deleted, comments naming
// them, the year published; and the names and bytes they are stored under.

const STUDY = { date: '2026-04-01', topic: '学习《行政处罚法》', form: '集体学法', participants: 20 }

let t: WorkflowContext
const stored = (data: Buffer) => fs.existsSync(blobPathOf(evidenceDirOf(t.db), sha256Of(data)))
const fileRow = async (id: number) => await t.sql.get('select * from evidence_files where id = ?', [id]) as { deleted_at: string | null } | undefined
const ids = (list: { id: number }[]) => list.map((f) => f.id)

beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z'), fileQuotaMb: 1 })
}, 60_000)
afterAll(() => t.close())

describe('deleting the record a file hangs on', () => {
  it('deletes a ledger row’s files with it, audited: off the quota, hidden from the bureau, still the office’s to read', async () => {
    const row = (await t.call('kjj', 'POST', '/api/ledgers/study-sessions', { ...STUDY, year: 2026 })).body
    const data = pdfOf('ledger row', 600 * 1024)
    const file = (await upload(t, 'kjj', { ledgerType: 'study-sessions', ledgerId: row.id }, '签到表.pdf', data)).body
    expect((await t.call('kjj', 'DELETE', `/api/ledgers/study-sessions/${row.id}?version=${row.version}`)).status).toBe(200)

    expect((await fileRow(file.id))?.deleted_at).toEqual(expect.any(String))
    expect(await t.auditOf('file.delete', file.id)).toHaveLength(1)
    const usage = (await t.call('kjj', 'GET', '/api/files/usage')).body
    expect(usage).toMatchObject({ usedBytes: 0, deletedBytes: data.length })
    // The bureau no longer sees it: not in its lists, not downloadable, nor its row's list.
    const sub = (await t.submissionOf('kjj', 2026))!.id
    expect(ids((await t.call('kjj', 'GET', `/api/files?submissionId=${sub}`)).body)).not.toContain(file.id)
    expect((await download(t, 'kjj', file.id)).statusCode).toBe(404)
    expect((await t.call('kjj', 'DELETE', `/api/files/${file.id}`)).status).toBe(404)
    expect((await t.call('kjj', 'GET', `/api/files?ledgerType=study-sessions&ledgerId=${row.id}`)).status).toBe(404)
    // The office still lists it (deleted), by the submission and by the gone row, and downloads it.
    expect(ids((await t.call('office', 'GET', `/api/files?submissionId=${sub}`)).body)).toContain(file.id)
    const byRow = await t.call('office', 'GET', `/api/files?ledgerType=study-sessions&ledgerId=${row.id}`)
    expect(byRow.status).toBe(200)
    expect(byRow.body).toEqual([expect.objectContaining({ id: file.id, deletedAt: expect.any(String) })])
    expect((await download(t, 'office', file.id)).rawPayload).toEqual(data)
    expect((await t.call('office', 'DELETE', `/api/files/${file.id}`)).status).toBe(409)
  })

  it('deletes a rectification item’s files with it (the item’s delete used to fail)', async () => {
    const item = (await t.call('kjj', 'POST', '/api/rectifications', { problem: '台账不完整', measure: '补齐', owner: '法规股', deadline: '2026-12-31', status: 'in_progress', year: 2026 })).body
    const file = (await upload(t, 'kjj', { rectificationId: item.id }, '整改报告.pdf', pdfOf('item'))).body
    const res = await t.call('kjj', 'DELETE', `/api/rectifications/${item.id}?version=${item.version}`)
    expect(res.status, res.body?.message).toBe(200)
    expect((await fileRow(file.id))?.deleted_at).toEqual(expect.any(String))
    expect(await t.auditOf('file.delete', file.id)).toHaveLength(1)
    expect((await download(t, 'kjj', file.id)).statusCode).toBe(404)
    const byItem = await t.call('office', 'GET', `/api/files?rectificationId=${item.id}`)
    expect(byItem.body).toEqual([expect.objectContaining({ id: file.id, deletedAt: expect.any(String) })])
  })

  it('lets a file whose record is gone (left from before) be deleted', async () => {
    const row = (await t.call('kjj', 'POST', '/api/ledgers/study-sessions', { ...STUDY, year: 2026 })).body
    const file = (await upload(t, 'kjj', { ledgerType: 'study-sessions', ledgerId: row.id }, '照片.pdf', pdfOf('orphan'))).body
    await t.sql.run('delete from study_sessions where id = ?', [row.id])
    expect((await t.call('kjj', 'DELETE', `/api/files/${file.id}`)).status).toBe(200)
    expect((await fileRow(file.id))?.deleted_at).toEqual(expect.any(String))
  })
})

describe('the quota', () => {
  it('counts only live files: deleting one frees its room at once', async () => {
    const target = { submissionId: (await t.submissionOf('kjj', 2026))!.id, indicator: 'lead.topic_meetings' }
    const first = (await upload(t, 'kjj', target, '一.pdf', pdfOf('one', 700 * 1024))).body
    expect((await upload(t, 'kjj', target, '二.pdf', pdfOf('two', 700 * 1024))).status).toBe(409)
    expect((await t.call('kjj', 'DELETE', `/api/files/${first.id}`)).status).toBe(200)
    const second = await upload(t, 'kjj', target, '二.pdf', pdfOf('two', 700 * 1024))
    expect(second.status, second.body.message).toBe(201)
    const usage = (await t.call('kjj', 'GET', '/api/files/usage')).body
    expect(usage.usedBytes).toBe(second.body.size)
    expect(usage.deletedBytes).toBeGreaterThanOrEqual(first.size)
    expect((await t.call('kjj', 'DELETE', `/api/files/${second.body.id}`)).status).toBe(200)
  })
})

describe('names and content', () => {
  it('stores and downloads a PDF named .hta under .pdf, and appends the extension a name lacks', async () => {
    const target = { submissionId: (await t.submissionOf('jyj', 2026))!.id, indicator: 'lead.topic_meetings' }
    const hta = (await upload(t, 'jyj', target, '整改报告.hta', Buffer.concat([pdfOf('hta'), Buffer.from('<script>alert(1)</script>')]))).body
    expect(hta.name).toBe('整改报告.pdf')
    const res = await download(t, 'jyj', hta.id)
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('整改报告.pdf'))
    expect(res.headers['content-disposition']).not.toContain('.hta')
    expect((await upload(t, 'jyj', target, '扫描件', pdfOf('bare'))).body.name).toBe('扫描件.pdf')
    expect((await upload(t, 'jyj', target, '2026.11 纪要.PDF', pdfOf('upper'))).body.name).toBe('2026.11 纪要.PDF')
  })

  it('refuses a zip that only claims to be a .docx ([Content_Types].xml and an executable)', async () => {
    const zip = new JSZip()
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    zip.file('setup.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(1000)]))
    const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    const before = await t.snapshot()
    const res = await upload(t, 'jyj', { submissionId: (await t.submissionOf('jyj', 2026))!.id, indicator: 'lead.topic_meetings' }, '纪要.docx', data)
    expect(res.status).toBe(400)
    expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(await t.snapshot()).toEqual(before)
    expect(stored(data)).toBe(false)
  })

  it('removes the bytes of an upload whose row could not be stored', async () => {
    const data = pdfOf('row refused')
    const restore = await failInserts(t.sql, 'evidence_files', 'disk full')
    try {
      const res = await upload(t, 'jyj', { submissionId: (await t.submissionOf('jyj', 2026))!.id, indicator: 'lead.topic_meetings' }, '纪要.pdf', data)
      expect(res.status).toBe(500)
    } finally {
      await restore()
    }
    expect(stored(data)).toBe(false)
  })
})

describe('publishing the year', () => {
  it('keeps a deleted file a comment names, row and bytes, purges the others, and answers 201', async () => {
    const sub = (await t.submissionOf('gaj', 2026))!
    const target = { submissionId: sub.id, indicator: 'lead.topic_meetings' }
    const named = pdfOf('commented', 10)
    const plain = pdfOf('plain', 20)
    const commented = (await upload(t, 'gaj', target, '会议纪要.pdf', named)).body
    const other = (await upload(t, 'gaj', target, '其他.pdf', plain)).body
    const detail = (await t.call('gaj', 'GET', `/api/submissions/${sub.id}`)).body
    expect((await t.call('gaj', 'PUT', `/api/submissions/${sub.id}`, { version: detail.version, values: completeValues(detail) })).status).toBe(200)
    expect((await t.call('gaj', 'POST', `/api/submissions/${sub.id}/submit`)).status).toBe(200)
    expect((await t.call('office', 'POST', `/api/submissions/${sub.id}/return`, { reason: '详见批注' })).status).toBe(200)
    expect((await t.call('office', 'POST', '/api/comments', { submissionId: sub.id, fileId: commented.id, text: '纪要缺少签字页' })).status).toBe(201)
    for (const id of [commented.id, other.id]) expect((await t.call('gaj', 'DELETE', `/api/files/${id}`)).status).toBe(200)

    const published = await t.call('office', 'POST', '/api/cycles/2026/publish', { title: '2026年度定稿' })
    expect(published.status, published.body?.message).toBe(201)
    expect((await fileRow(commented.id))?.deleted_at).toEqual(expect.any(String))
    expect((await download(t, 'office', commented.id)).rawPayload).toEqual(named)
    expect(await fileRow(other.id)).toBeUndefined()
    expect(stored(plain)).toBe(false)
    expect(await t.auditOf('file.purge', other.id)).toHaveLength(1)
    expect(await t.auditOf('file.purge', commented.id)).toHaveLength(0)
  })
})
