import yauzl from 'yauzl'
import yazl from 'yazl'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkflowApp, type WorkflowContext } from '../workflow/helpers'
import { download, filled, upload } from './helpers'

const NOW = new Date('2026-11-20T02:00:00Z')

let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: NOW })
})
afterAll(() => t.close())

async function unzip(data: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(data, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))))
  const files = new Map<string, Buffer>()
  return new Promise((resolve, reject) => {
    zip.on('end', () => resolve(files))
    zip.on('entry', (entry: yauzl.Entry) =>
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err)
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks))
          zip.readEntry()
        })
      }),
    )
    zip.readEntry()
  })
}

async function zipOf(files: Map<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  for (const [name, data] of files) zip.addBuffer(data, name)
  zip.end()
  const chunks: Buffer[] = []
  for await (const c of zip.outputStream) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

const value = async (code: string, indicator: string) => (await t.valuesOf((await t.submissionOf(code, 2026))!.id)).find((v) => v.indicatorCode === indicator)!
const reportsOf = async (year: number) => await t.sql.get('select cast(count(*) as integer) as n from submissions where year = ?', [year]) as { n: number }

describe('the office’s stack of templates', () => {
  it('downloads one template per bureau with a report, lists the others, and uploading the stack unchanged changes nothing', async () => {
    const res = await download(t, 'office', '/api/cycles/2026/templates.zip')
    expect(res.status).toBe(200)
    const files = await unzip(res.data)
    const templates = [...files.keys()].filter((n) => n.endsWith('.xlsx'))
    expect(templates).toHaveLength((await reportsOf(2026)).n)
    expect(templates.some((n) => n.startsWith('kjj-') && n.includes('2026年度'))).toBe(true)
    expect(files.has('说明.txt')).toBe(true)

    const stack = await zipOf(files)
    const preview = await upload(t, 'office', '/api/cycles/2026/templates?dryRun=1', '模板.zip', stack)
    expect(preview.status, JSON.stringify(preview.body).slice(0, 300)).toBe(200)
    expect(preview.body.files).toHaveLength(templates.length)
    for (const f of preview.body.files) expect(f).toMatchObject({ changes: [], errors: [] })
    const before = await t.snapshot()
    const saved = await upload(t, 'office', '/api/cycles/2026/templates', '模板.zip', stack)
    expect(saved.status).toBe(200)
    expect(saved.body.saved).toBe(false)
    expect(await t.snapshot()).toEqual(before)
  }, 120_000)

  it('saves nothing when one file of the stack has an error, and everything in one go when none has', async () => {
    const files = await unzip((await download(t, 'office', '/api/cycles/2026/templates.zip')).data)
    const name = (code: string) => [...files.keys()].find((n) => n.startsWith(`${code}-`))!
    const stack = new Map([
      [name('kjj'), await filled(files.get(name('kjj'))!, { 'publicity.new_media_posts': { value: 55 } })],
      [name('jyj'), await filled(files.get(name('jyj'))!, { 'study.exam_pass_rate': { value: 150 } })],
    ])
    const before = await t.snapshot()
    const refused = await upload(t, 'office', '/api/cycles/2026/templates', '模板.zip', await zipOf(stack))
    expect(refused.status).toBe(400)
    const byBureau = Object.fromEntries(refused.body.files.map((f: { bureauCode: string }) => [f.bureauCode, f]))
    expect(byBureau.kjj.changes).toHaveLength(1)
    expect(byBureau.jyj.errors[0]).toMatchObject({ indicator: 'study.exam_pass_rate' })
    expect(await t.snapshot()).toEqual(before)

    stack.set(name('jyj'), await filled(files.get(name('jyj'))!, { 'study.exam_pass_rate': { value: 90 } }))
    const saved = await upload(t, 'office', '/api/cycles/2026/templates', '模板.zip', await zipOf(stack))
    expect(saved.status, JSON.stringify(saved.body).slice(0, 300)).toBe(200)
    expect(saved.body.saved).toBe(true)
    expect(await value('kjj', 'publicity.new_media_posts')).toMatchObject({ value: 55, source: 'excel' })
    expect(await value('jyj', 'study.exam_pass_rate')).toMatchObject({ value: 90, source: 'excel' })
  }, 120_000)

  it('saves nothing when a file of the stack has a cell holding a control character (NUL, U+202E)', async () => {
    const files = await unzip((await download(t, 'office', '/api/cycles/2026/templates.zip')).data)
    const name = (code: string) => [...files.keys()].find((n) => n.startsWith(`${code}-`))!
    // NUL as Excel escapes it in a file, _x0000_.
    const stack = new Map([
      [name('kjj'), await filled(files.get(name('kjj'))!, { 'publicity.new_media_posts': { value: 56, note: '来源_x0000_截断' } })],
      [name('jyj'), await filled(files.get(name('jyj'))!, { 'study.exam_pass_rate': { value: 91, note: '\u202Efdp.exe' } })],
    ])
    const before = await t.snapshot()
    const refused = await upload(t, 'office', '/api/cycles/2026/templates', '模板.zip', await zipOf(stack))
    expect(refused.status).toBe(400)
    const byBureau = Object.fromEntries(refused.body.files.map((f: { bureauCode: string }) => [f.bureauCode, f]))
    expect(byBureau.kjj.errors).toEqual([expect.objectContaining({ indicator: 'publicity.new_media_posts', message: '「备注」含有不允许的控制字符' })])
    expect(byBureau.jyj.errors).toEqual([expect.objectContaining({ indicator: 'study.exam_pass_rate', message: '「备注」含有不允许的控制字符' })])
    expect(await t.snapshot()).toEqual(before)
  }, 120_000)

  it('refuses (409) to save a stack over a report changed since its preview, naming the bureau and writing nothing', async () => {
    const files = await unzip((await download(t, 'office', '/api/cycles/2026/templates.zip')).data)
    const stack = await zipOf(files)
    const preview = await upload(t, 'office', '/api/cycles/2026/templates?dryRun=1', '模板.zip', stack)
    const kjjFile = preview.body.files.find((f: { bureauCode: string }) => f.bureauCode === 'kjj')
    const kjj = (await t.submissionOf('kjj', 2026))!
    expect(kjjFile).toMatchObject({ submissionId: kjj.id, version: kjj.version, changes: [], errors: [] })
    const versions = Object.fromEntries(preview.body.files.map((f: { submissionId: number; version: number }) => [f.submissionId, f.version]))

    // kjj saves in the form after the office's preview: its stored value is no longer the template's.
    const indicator = 'publicity.events'
    const previous = ((await t.valuesOf(kjj.id)).find((v) => v.indicatorCode === indicator)?.value as number | undefined) ?? 0
    const put = await t.call('kjj', 'PUT', `/api/submissions/${kjj.id}`, { version: kjj.version, values: [{ indicator, value: previous + 2, note: '表单修改' }] })
    expect(put.status, JSON.stringify(put.body)).toBe(200)

    const before = await t.snapshot()
    const saved = await upload(t, 'office', `/api/cycles/2026/templates?versions=${encodeURIComponent(JSON.stringify(versions))}`, '模板.zip', stack)
    expect(saved.status, JSON.stringify(saved.body)).toBe(409)
    expect(saved.body.message).toContain('科技局')
    expect(saved.body.message).not.toContain('教育局')
    expect(await t.snapshot()).toEqual(before)
    expect(await value('kjj', indicator)).toMatchObject({ value: previous + 2, source: 'manual' })

    // A report the preview did not plan counts as changed too.
    const { [kjj.id]: _kjj, ...withoutKjj } = versions
    const unplanned = await upload(t, 'office', `/api/cycles/2026/templates?versions=${encodeURIComponent(JSON.stringify(withoutKjj))}`, '模板.zip', stack)
    expect(unplanned.status).toBe(409)
    expect(unplanned.body.message).toContain('科技局')
    expect(await t.snapshot()).toEqual(before)
    const malformed = await upload(t, 'office', '/api/cycles/2026/templates?versions=not-json', '模板.zip', stack)
    expect(malformed.status).toBe(400)
    expect(await t.snapshot()).toEqual(before)
  }, 120_000)

  it('a form save and a stack save from the same preview in parallel: one wins, the other is refused with 409', async () => {
    const files = await unzip((await download(t, 'office', '/api/cycles/2026/templates.zip')).data)
    const name = [...files.keys()].find((n) => n.startsWith('kjj-'))!
    const indicator = 'publicity.events'
    const stack = await zipOf(new Map([[name, await filled(files.get(name)!, { [indicator]: { value: 61, note: '批量' } })]]))
    const preview = await upload(t, 'office', '/api/cycles/2026/templates?dryRun=1', '模板.zip', stack)
    expect(preview.body.files[0].changes).toHaveLength(1)
    const version = preview.body.files[0].version
    const [form, sheet] = await Promise.all([
      t.call('kjj', 'PUT', `/api/submissions/${preview.body.files[0].submissionId}`, { version, values: [{ indicator, value: 62, note: '表单' }] }),
      upload(t, 'office', `/api/cycles/2026/templates?versions=${encodeURIComponent(JSON.stringify({ [preview.body.files[0].submissionId]: version }))}`, '模板.zip', stack),
    ])
    expect([form.status, sheet.status].sort()).toEqual([200, 409])
    expect(await value('kjj', indicator)).toMatchObject(form.status === 200 ? { value: 62, source: 'manual' } : { value: 61, source: 'excel' })
    expect((await t.submissionOf('kjj', 2026))!.version).toBe(version + 1)
  }, 120_000)

  it('is the office’s: a bureau may download neither, the leader downloads but does not upload', async () => {
    expect((await download(t, 'kjj', '/api/cycles/2026/templates.zip')).status).toBe(403)
    expect((await download(t, 'leader', '/api/cycles/2026/templates.zip')).status).toBe(200)
    const one = (await download(t, 'office', `/api/submissions/${(await t.submissionOf('kjj', 2026))!.id}/template.xlsx`)).data
    expect((await upload(t, 'leader', '/api/cycles/2026/templates?dryRun=1', 'a.xlsx', one)).status).toBe(403)
    expect((await upload(t, 'kjj', '/api/cycles/2026/templates?dryRun=1', 'a.xlsx', one)).status).toBe(403)
  })
})
