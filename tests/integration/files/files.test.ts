import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blobPathOf, evidenceDirOf, sha256Of } from '../../../server/src/features/files/store'
import { docxOf, EXE, HTML, pdfOf, pngOf, SVG, withLyingSize, xlsxOf } from '../../helpers/evidence'
import { createWorkflowApp, type WorkflowContext } from '../workflow/helpers'
import { download, type Target, upload } from './helpers'

let t: WorkflowContext
let kjjValue: { submissionId: number; indicator: string }
let kjjLedger: { ledgerType: string; ledgerId: number }
let kjjItem: { rectificationId: number }
const filesDir = () => evidenceDirOf(t.db)

beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
  const kjj = await t.bureauId('kjj')
  kjjValue = { submissionId: (await t.submissionOf('kjj', 2026))!.id, indicator: 'lead.topic_meetings' }
  const ledgerId = (await t.sql.get('select max(id) as id from study_sessions where bureau_id = ? and year = 2026', [kjj]) as { id: number }).id
  kjjLedger = { ledgerType: 'study-sessions', ledgerId }
  const item = await t.call('kjj', 'POST', '/api/rectifications', { problem: '台账不完整', measure: '补齐', owner: '法规股', deadline: '2026-12-31', status: 'in_progress', year: 2026 })
  kjjItem = { rectificationId: item.body.id }
}, 60_000)
afterAll(() => t.close())

describe('the type is found from the content, never the name', () => {
  it.each([
    ['an executable renamed .pdf', '会议纪要.pdf', EXE],
    ['HTML renamed .png', '照片.png', HTML],
    ['an SVG (a browser runs its scripts)', '图.svg', SVG],
    ['plain text named .docx', '通知.docx', Buffer.from('只是文本')],
  ])('refuses %s, storing nothing', async (_, name, data) => {
    const before = await t.snapshot()
    const res = await upload(t, 'kjj', kjjValue, name, data)
    expect(res.status).toBe(400)
    expect(res.body.message).toContain('不支持的文件类型')
    expect(await t.snapshot()).toEqual(before)
    expect(fs.existsSync(blobPathOf(filesDir(), sha256Of(data)))).toBe(false)
  })

  it('accepts PDF, PNG, .docx and .xlsx under the type their bytes show, whatever their names', async () => {
    // Stored under the extension of the type found: 扫描件.bin is a PDF.
    const cases: [string, string, Buffer, string][] = [
      ['扫描件.bin', '扫描件.pdf', pdfOf('type'), 'application/pdf'],
      ['现场照片.jpg', '现场照片.png', pngOf(), 'image/png'],
      ['会议纪要.docx', '会议纪要.docx', await docxOf(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['签到表.xlsx', '签到表.xlsx', await xlsxOf(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]
    for (const [uploaded, name, data, type] of cases) {
      const res = await upload(t, 'kjj', kjjValue, uploaded, data)
      expect(res.status, res.body.message).toBe(201)
      expect(res.body).toEqual({ id: expect.any(Number), name, size: data.length, type, sha256: sha256Of(data) })
      expect(fs.readFileSync(blobPathOf(filesDir(), res.body.sha256))).toEqual(data)
      expect(await t.auditOf('file.upload', res.body.id)).toHaveLength(1)
    }
  })

  it('refuses a .docx whose declared sizes lie, in the parsing worker, at once and without taking memory', async () => {
    const lying = withLyingSize(await docxOf(30 * 1024 * 1024), 'word/document.xml', 1000)
    const before = await t.snapshot()
    const rss = process.memoryUsage().rss
    const started = performance.now()
    const res = await upload(t, 'kjj', kjjValue, '纪要.docx', lying)
    expect(performance.now() - started).toBeLessThan(2000)
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024)
    expect(res.status).toBe(400)
    expect(res.body.message).toContain('声明的大小与实际不符')
    expect(await t.snapshot()).toEqual(before)
  })

  it('refuses a file over 20 MB with a Chinese message', async () => {
    const res = await upload(t, 'kjj', kjjValue, '大文件.pdf', pdfOf('big', 20 * 1024 * 1024))
    expect(res.status).toBe(413)
    expect(res.body.message).toContain('20 MB')
  })

  it('refuses an upload without a target, or with two', async () => {
    expect((await upload(t, 'kjj', { submissionId: kjjValue.submissionId } as Target, 'a.pdf', pdfOf())).status).toBe(400)
    const two = { ...kjjValue, rectificationId: kjjItem.rectificationId } as Target
    expect((await upload(t, 'kjj', two, 'a.pdf', pdfOf())).status).toBe(400)
    expect((await upload(t, 'kjj', { ...kjjValue, indicator: 'no.such' }, 'a.pdf', pdfOf())).status).toBe(400)
  })
})

describe('a bureau sees only its own files', () => {
  it('cannot attach to another bureau’s value, ledger row or rectification item: 404 as if they did not exist', async () => {
    for (const target of [kjjValue, kjjLedger, kjjItem]) {
      const before = await t.snapshot()
      const res = await upload(t, 'jyj', target, '材料.pdf', pdfOf('jyj'))
      expect(res.status).toBe(404)
      expect(await t.snapshot()).toEqual(before)
      expect((await upload(t, 'kjj', target, '材料.pdf', pdfOf(`own ${JSON.stringify(target)}`))).status).toBe(201)
    }
  })

  it('cannot list, download or delete another bureau’s file, nor read its storage', async () => {
    const mine = await upload(t, 'kjj', kjjLedger, '学法记录.pdf', pdfOf('isolation'))
    const id = mine.body.id as number
    const rect = kjjItem.rectificationId
    const ledger = kjjLedger
    for (const url of [
      `/api/files?submissionId=${kjjValue.submissionId}`,
      `/api/files?rectificationId=${rect}`,
      `/api/files?ledgerType=${ledger.ledgerType}&ledgerId=${ledger.ledgerId}`,
      `/api/files/${id}`,
      `/api/files/usage?bureauId=${await t.bureauId('kjj')}`,
    ])
      expect((await t.call('jyj', 'GET', url)).status, url).toBe(404)
    expect((await t.call('jyj', 'DELETE', `/api/files/${id}`)).status).toBe(404)
    expect(await t.sql.get('select deleted_at from evidence_files where id = ?', [id])).toEqual({ deleted_at: null })
    // jyj's own submission lists only jyj's files.
    const own = await t.call('jyj', 'GET', `/api/files?submissionId=${(await t.submissionOf('jyj', 2026))!.id}`)
    expect(own.status).toBe(200)
    const jyjId = await t.bureauId('jyj')
    expect(own.body.every((f: { bureauId: number }) => f.bureauId === jyjId)).toBe(true)
    // The owner, the office and the leader read it.
    for (const who of ['kjj', 'office', 'leader']) expect((await download(t, who, id)).statusCode, who).toBe(200)
    const list = await t.call('leader', 'GET', `/api/files?rectificationId=${rect}`)
    expect(list.body.length).toBeGreaterThan(0)
  })

  it('lists a submission’s value, ledger and rectification files together', async () => {
    const res = await t.call('kjj', 'GET', `/api/files?submissionId=${kjjValue.submissionId}`)
    expect(res.status).toBe(200)
    const kinds = new Set(res.body.map((f: { indicator: string | null; ledgerType: string | null; rectificationId: number | null }) => (f.indicator ? 'value' : f.ledgerType ? 'ledger' : 'item')))
    expect(kinds).toEqual(new Set(['value', 'ledger', 'item']))
    expect(res.body[0]).toMatchObject({ uploadedBy: expect.any(String), deletedAt: null, year: 2026 })
  })
})

describe('downloads', () => {
  it('send the bytes with the Chinese name (RFC 5987), the content type, nosniff and a CSP that runs nothing', async () => {
    const data = pdfOf('download')
    const { body } = await upload(t, 'kjj', kjjValue, '专题会议纪要(第1次).pdf', data)
    const res = await download(t, 'kjj', body.id)
    expect(res.statusCode).toBe(200)
    expect(res.rawPayload).toEqual(data)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="______(_1_).pdf"; filename*=UTF-8''${encodeURIComponent('专题会议纪要')}%28${encodeURIComponent('第')}1${encodeURIComponent('次')}%29.pdf`,
    )
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers['content-disposition'] as string)![1])).toBe('专题会议纪要(第1次).pdf')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    // A bureau's unpublished material: never kept in the browser's cache.
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'self'")
  })

  it('preview inline only PDF and images; other types always download', async () => {
    const pdf = await upload(t, 'kjj', kjjValue, '预览.pdf', pdfOf('inline'))
    const png = await upload(t, 'kjj', kjjValue, '照片.png', pngOf())
    const docx = await upload(t, 'kjj', kjjValue, '文档.docx', await docxOf(10))
    expect((await download(t, 'office', pdf.body.id, '?inline=1')).headers['content-disposition']).toMatch(/^inline; /)
    expect((await download(t, 'office', png.body.id, '?inline=1')).headers['content-disposition']).toMatch(/^inline; /)
    expect((await download(t, 'office', docx.body.id, '?inline=1')).headers['content-disposition']).toMatch(/^attachment; /)
    expect((await download(t, 'office', pdf.body.id)).headers['content-disposition']).toMatch(/^attachment; /)
  })
})

describe('deleting', () => {
  it('hides a file from the bureau, keeps it for the office, and publishing the year purges it and its unused bytes', async () => {
    const shared = pdfOf('shared bytes')
    const alone = pdfOf('only here')
    const kept = await upload(t, 'kjj', kjjValue, '保留.pdf', shared)
    const twin = await upload(t, 'kjj', kjjLedger, '副本.pdf', shared)
    const gone = await upload(t, 'kjj', kjjItem, '删除.pdf', alone)
    for (const id of [twin.body.id, gone.body.id]) expect((await t.call('kjj', 'DELETE', `/api/files/${id}`)).status).toBe(200)
    expect(await t.auditOf('file.delete', gone.body.id)).toHaveLength(1)
    expect((await t.call('kjj', 'DELETE', `/api/files/${gone.body.id}`)).status).toBe(404)
    expect((await download(t, 'kjj', gone.body.id)).statusCode).toBe(404)
    const sub = kjjValue.submissionId
    const ids = (list: { id: number }[]) => list.map((f) => f.id)
    expect(ids((await t.call('kjj', 'GET', `/api/files?submissionId=${sub}`)).body)).not.toContain(gone.body.id)
    const office = (await t.call('office', 'GET', `/api/files?submissionId=${sub}`)).body as { id: number; deletedAt: string | null }[]
    expect(office.find((f) => f.id === gone.body.id)?.deletedAt).toEqual(expect.any(String))
    expect((await download(t, 'office', gone.body.id)).statusCode).toBe(200)

    expect((await t.call('office', 'POST', '/api/cycles/2026/publish', { title: '2026年度定稿' })).status).toBe(201)
    expect((await download(t, 'office', gone.body.id)).statusCode).toBe(404)
    expect((await download(t, 'office', twin.body.id)).statusCode).toBe(404)
    expect(await t.auditOf('file.purge', gone.body.id)).toHaveLength(1)
    expect(fs.existsSync(blobPathOf(filesDir(), sha256Of(alone)))).toBe(false)
    // The bytes a live file still names stay.
    expect((await download(t, 'kjj', kept.body.id)).rawPayload).toEqual(shared)
  })
})

describe('editable targets only', () => {
  it('refuses an upload to a submitted report (409) and leaders may not upload at all', async () => {
    expect((await upload(t, 'leader', kjjValue, 'a.pdf', pdfOf('leader'))).status).toBe(403)
    await t.sql.run("update submissions set status = 'submitted' where id = ?", [kjjValue.submissionId])
    try {
      const res = await upload(t, 'kjj', kjjValue, 'a.pdf', pdfOf('late'))
      expect(res.status).toBe(409)
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/)
    } finally {
      await t.sql.run("update submissions set status = 'draft' where id = ?", [kjjValue.submissionId])
    }
  })
})
