import yauzl from 'yauzl'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfOf } from '../../helpers/evidence'
import { upload as uploadEvidence } from '../files/helpers'
import { download, upload } from '../fillin/helpers'
import { createWorkflowApp, type WorkflowContext } from '../workflow/helpers'

/**
 * The review workflow in the demo city (`seed/city.ts`): a county office reads and acts on its own
 * county's reports only; the city office reads the counties' reports and changes none of them; a
 * city bureau reads its county counterparts' reports and changes none of them.
 */
let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ city: true })
})
afterAll(() => t.close())

const NOT_OURS = '该单位不属于本级管理，只能查看'
const report = async (code: string, year: number) => (await t.submissionOf(code, year))!

/** The ids of a year's submitted reports of one county's bureaus (code prefix `ybx-`, or the unprefixed 示例县 codes). */
async function submittedOf(county: 'demo' | 'ybx', year: number): Promise<{ id: number; version: number; code: string }[]> {
  return await t.sql.all("select s.id, s.version, b.code from submissions s join bureaus b on b.id = s.bureau_id join regions r on r.id = b.region_id where r.code = ? and s.year = ? and s.status = 'submitted' order by s.id", [county, year]) as { id: number; version: number; code: string }[]
}

/** Every row a refused change could have touched: the report, its values, its history, its comments. */
async function rowsOf(id: number) {
  const all = async (table: string) => await t.sql.all(`select * from ${table} where submission_id = ? order by 1`, [id])
  return { report: await t.sql.get('select * from submissions where id = ?', [id]), values: await all('submission_values'), events: await all('submission_events'), comments: await all('review_comments') }
}

async function unzipNames(data: Buffer): Promise<string[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(data, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))))
  const names: string[] = []
  return new Promise((resolve, reject) => {
    zip.on('error', reject)
    zip.on('end', () => resolve(names))
    zip.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName)
      zip.readEntry()
    })
    zip.readEntry()
  })
}

describe('a county office and another county’s reports', () => {
  it('reads none of them and changes none of them', async () => {
    const foreign = await report('ybx-kjj', 2026)
    const submitted = (await submittedOf('ybx', 2025))[0]
    const before = [await rowsOf(foreign.id), await rowsOf(submitted.id)]
    expect((await t.call('office', 'GET', `/api/submissions/${foreign.id}`)).status).toBe(403)
    expect((await t.call('office', 'GET', `/api/submissions/${foreign.id}/changes`)).status).toBe(404)
    expect((await t.call('office', 'GET', `/api/comments?submissionId=${foreign.id}`)).status).toBe(403)
    expect((await t.call('office', 'GET', `/api/submissions?year=2026&bureauId=${foreign.bureauId}`)).status).toBe(403)
    expect((await t.call('office', 'PUT', `/api/submissions/${foreign.id}`, { version: foreign.version, values: [{ indicator: 'publicity.events', value: 9 }] })).status).toBe(403)
    expect((await t.call('office', 'POST', `/api/submissions/${submitted.id}/approve`)).status).toBe(403)
    expect((await t.call('office', 'POST', `/api/submissions/${submitted.id}/return`, { reason: '请补充' })).status).toBe(403)
    expect((await t.call('office', 'POST', '/api/comments', { submissionId: submitted.id, text: '请核实' })).status).toBe(403)
    expect((await t.call('office', 'POST', '/api/submissions', { year: 2026, bureauId: foreign.bureauId })).status).toBe(403)
    expect([await rowsOf(foreign.id), await rowsOf(submitted.id)]).toEqual(before)
  })

  it('lists only its own county’s reports, in the queue and in the zip of templates', async () => {
    const queue = await t.call('office', 'GET', '/api/submissions?year=2026')
    expect(queue.status).toBe(200)
    const codes = queue.body.map((r: { bureauCode: string }) => r.bureauCode)
    expect(codes).toContain('kjj')
    expect(codes.filter((c: string) => c.startsWith('ybx-') || c.startsWith('s-'))).toEqual([])

    const zip = await download(t, 'office', '/api/cycles/2026/templates.zip')
    expect(zip.status).toBe(200)
    const names = await unzipNames(zip.data)
    expect(names.some((n) => n.startsWith('kjj-'))).toBe(true)
    expect(names.filter((n) => n.startsWith('ybx-') || n.startsWith('s-'))).toEqual([])
  })
})

describe('the city office and a county’s report', () => {
  it('reads it', async () => {
    const own = await report('kjj', 2026)
    const res = await t.call('city', 'GET', `/api/submissions/${own.id}`)
    expect(res.status).toBe(200)
    expect(res.body.bureauId).toBe(own.bureauId)
    expect((await t.call('city', 'GET', `/api/submissions/${own.id}/changes`)).status).toBe(200)
    expect((await t.call('city', 'GET', `/api/comments?submissionId=${own.id}`)).status).toBe(200)
    // Drilling down to one county bureau lists its reports.
    const listed = await t.call('city', 'GET', `/api/submissions?bureauId=${own.bureauId}`)
    expect(listed.status).toBe(200)
    expect(listed.body.map((r: { id: number }) => r.id)).toContain(own.id)
  })

  it('does not save, submit, approve, return, comment on, open or import for it, and nothing changes', async () => {
    const draft = await report('kjj', 2026)
    const submitted = (await submittedOf('demo', 2025))[0]
    const approved = await report('kjj', 2024)
    const before = [await rowsOf(draft.id), await rowsOf(submitted.id), await rowsOf(approved.id)]
    const refusals = [
      await t.call('city', 'PUT', `/api/submissions/${draft.id}`, { version: draft.version, values: [{ indicator: 'publicity.events', value: 9 }] }),
      await t.call('city', 'POST', `/api/submissions/${draft.id}/submit`),
      await t.call('city', 'PUT', `/api/submissions/${draft.id}/publication`, { publishedUrl: 'https://example.gov.cn/a', publishedAt: '2027-03-01' }),
      await t.call('city', 'POST', `/api/submissions/${submitted.id}/approve`),
      await t.call('city', 'POST', `/api/submissions/${submitted.id}/return`, { reason: '请补充材料' }),
      await t.call('city', 'POST', `/api/submissions/${approved.id}/reopen`),
      await t.call('city', 'POST', '/api/comments', { submissionId: submitted.id, text: '请核实' }),
      await t.call('city', 'POST', '/api/submissions', { year: 2026, bureauId: draft.bureauId }),
    ]
    for (const res of refusals) expect({ status: res.status, message: res.body.message }).toEqual({ status: 403, message: NOT_OURS })
    const imported = await upload(t, 'city', `/api/imports?year=2026&bureauId=${draft.bureauId}`, '报告.txt', Buffer.from('示例县科技局2026年法治政府建设年度报告'))
    expect(imported).toMatchObject({ status: 403, body: { message: NOT_OURS } })
    const template = await upload(t, 'city', `/api/submissions/${draft.id}/template?dryRun=1`, '模板.xlsx', Buffer.from('x'))
    expect(template).toMatchObject({ status: 403, body: { message: NOT_OURS } })
    expect([await rowsOf(draft.id), await rowsOf(submitted.id), await rowsOf(approved.id)]).toEqual(before)
    // Reading the county bureau's latest import is a read.
    expect((await t.call('city', 'GET', `/api/imports/latest?year=2026&bureauId=${draft.bureauId}`)).status).toBe(200)
  })

  it('adds no evidence file to it, and a county’s template in its stack is that file’s error', async () => {
    const draft = await report('kjj', 2026)
    const before = await t.snapshot()
    const evidence = await uploadEvidence(t, 'city', { submissionId: draft.id, indicator: 'lead.topic_meetings' }, '纪要.pdf', pdfOf())
    expect(evidence).toMatchObject({ status: 403, body: { message: NOT_OURS } })

    const template = await download(t, 'city', `/api/submissions/${draft.id}/template.xlsx`)
    expect(template.status).toBe(200)
    const stack = await upload(t, 'city', '/api/cycles/2026/templates', '模板.xlsx', template.data)
    expect(stack.status).toBe(400)
    expect(stack.body.files).toEqual([expect.objectContaining({ errors: [{ row: 0, message: NOT_OURS }] })])
    expect(await t.snapshot()).toEqual(before)
  })

  it('has in its review queue and zip of templates only the city’s own bureaus', async () => {
    const queue = await t.call('city', 'GET', '/api/submissions?year=2026')
    expect(queue.status).toBe(200)
    expect(queue.body.map((r: { bureauCode: string }) => r.bureauCode).sort()).toEqual(['s-jyj', 's-kjj'])
    const names = await unzipNames((await download(t, 'city', '/api/cycles/2026/templates.zip')).data)
    expect(names.filter((n) => n.endsWith('.xlsx')).map((n) => n.split('-').slice(0, 2).join('-')).sort()).toEqual(['s-jyj', 's-kjj'])
  })
})

describe('a county office and its own county’s reports', () => {
  it('approves a submitted report of its own county', async () => {
    const own = (await submittedOf('ybx', 2025))[0]
    const res = await t.call('ybx-office', 'POST', `/api/submissions/${own.id}/approve`)
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('approved')
    expect((await rowsOf(own.id)).report).toMatchObject({ status: 'approved' })

    // The step reaches the leaders who read that county: the city's, not 示例县's.
    const name = await t.sql.value('select name from bureaus where code = ?', [own.code]) as string
    const changesOf = async (username: string) => {
      const res = await t.call(username, 'GET', '/api/workbench?year=2025')
      expect(res.status).toBe(200)
      return res.body.changes.items.map((c: { text: string }) => c.text).join('\n')
    }
    expect(await changesOf('cityleader')).toContain(name)
    expect(await changesOf('leader')).not.toContain(name)
  })

  it('refuses a whole batch that names another county’s report, naming it, and changes nothing', async () => {
    const [own] = await submittedOf('ybx', 2025)
    const [foreign] = await submittedOf('demo', 2025)
    expect(own && foreign).toBeTruthy()
    const before = [await rowsOf(own.id), await rowsOf(foreign.id)]
    const res = await t.call('ybx-office', 'POST', '/api/submissions/batch/approve', { items: [own, foreign].map(({ id, version }) => ({ id, version })) })
    expect(res.status).toBe(403)
    expect(res.body.message).toContain('批量审核通过未执行')
    expect(res.body.message).toContain(`填报 #${foreign.id}`)
    // The report of its own county is not named: only the refused one is.
    expect(res.body.message).not.toContain('样板县')
    expect([await rowsOf(own.id), await rowsOf(foreign.id)]).toEqual(before)
  })

  it('refuses the city office’s batch naming a county report, by the bureau’s name and why', async () => {
    const [foreign] = await submittedOf('demo', 2025)
    const before = await rowsOf(foreign.id)
    const res = await t.call('city', 'POST', '/api/submissions/batch/return', { items: [{ id: foreign.id, version: foreign.version, reason: '请补充' }] })
    expect(res.status).toBe(403)
    const name = await t.sql.value('select name from bureaus where code = ?', [foreign.code]) as string
    expect(res.body.message).toContain(`${name}：${NOT_OURS}`)
    expect(await rowsOf(foreign.id)).toEqual(before)
  })
})

describe('bureaus and other bureaus’ reports', () => {
  it('lets 市科技局 read a county 科技局’s report and change nothing of it', async () => {
    const county = await report('kjj', 2026)
    expect((await t.call('s-kjj', 'GET', `/api/submissions/${county.id}`)).status).toBe(200)
    const before = await rowsOf(county.id)
    const saved = await t.call('s-kjj', 'PUT', `/api/submissions/${county.id}`, { version: county.version, values: [{ indicator: 'publicity.events', value: 9 }] })
    expect(saved).toMatchObject({ status: 403, body: { message: NOT_OURS } })
    expect((await t.call('s-kjj', 'POST', `/api/submissions/${county.id}/submit`)).status).toBe(403)
    expect(await rowsOf(county.id)).toEqual(before)
    // Another type's report stays closed to it.
    expect((await t.call('s-kjj', 'GET', `/api/submissions/${(await report('jyj', 2026)).id}`)).status).toBe(403)
  })

  it('keeps a county bureau out of another county’s reports', async () => {
    expect((await t.call('ybx-kjj', 'GET', `/api/submissions/${(await report('kjj', 2026)).id}`)).status).toBe(403)
    expect((await t.call('ybx-kjj', 'GET', `/api/submissions/${(await report('s-kjj', 2026)).id}`)).status).toBe(403)
    expect((await t.call('ybx-kjj', 'GET', `/api/submissions/${(await report('ybx-kjj', 2026)).id}`)).status).toBe(200)
  })
})
