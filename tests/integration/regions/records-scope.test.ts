import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, withCsrf, type TestContext } from '../../helpers/app'
import { pdfOf } from '../../helpers/evidence'
import { multipartFile } from '../../helpers/multipart'
import { loadWorkbook, parseCsv, sheet, allText } from '../exports/workbook'

/**
 * The records around a report in the demo city (`seed/city.ts`): a county office (`office`, 示例县)
 * never reads or changes 样板县's ledgers, 整改 items or files; the city office (`city`) reads them
 * and changes none; 样板县's own office (`ybx-office`) acts on them. The 催报 list, the 工作台, the
 * office's messages and the exports follow the same scope.
 */
let t: TestContext
const cookies = new Map<string, string>()
const YEAR = 2026

beforeAll(async () => {
  t = await createTestApp({ city: true, now: new Date('2026-11-22T02:00:00Z') })
})
afterAll(() => t.close())

const sql = async <T>(query: string, ...params: unknown[]) => await t.sql.all(query, params) as T[]
const idOf = async (table: 'regions' | 'bureaus', code: string) => (await sql<{ id: number }>(`select id from ${table} where code = ?`, code))[0].id
const bureauCodesOf = async (region: string) =>
  new Set((await sql<{ code: string }>('select b.code from bureaus b join regions r on r.id = b.region_id where r.code = ?', region)).map((b) => b.code))
const bureauIdsOf = async (region: string) =>
  new Set((await sql<{ id: number }>('select b.id from bureaus b join regions r on r.id = b.region_id where r.code = ?', region)).map((b) => b.id))
const namesOf = async (region: string) =>
  new Set((await sql<{ name: string }>('select b.name from bureaus b join regions r on r.id = b.region_id where r.code = ?', region)).map((b) => b.name))

async function cookieOf(username: string) {
  if (!cookies.has(username)) cookies.set(username, await login(t.app, username))
  return cookies.get(username)!
}

async function call(username: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) {
  const cookie = await cookieOf(username)
  const res = await t.app.inject({ method, url, headers: method === 'GET' ? { cookie } : withCsrf(cookie), ...(payload ? { payload } : {}) })
  const json = String(res.headers['content-type'] ?? '').startsWith('application/json')
  return { status: res.statusCode, body: json ? res.json() : null, raw: res }
}

const STUDY = { date: '2026-04-01', topic: '学习《行政处罚法》', form: '集体学法', participants: 20 }
const ITEM = { problem: '执法案卷归档不及时', measure: '建立归档台账', owner: '法规股', deadline: '2026-12-31', status: 'in_progress' }
const DONE = { status: 'done', completedAt: '2026-10-08', evidence: '归档台账及整改报告已上传' }
const ONLY_READS = '该单位不属于本级管理，只能查看'

describe('ledgers, 整改 items and evidence files of another county', () => {
  let ledger: { id: number; version: number }
  let item: { id: number; version: number }
  let file: number
  const ybxKjj = async () => await idOf('bureaus', 'ybx-kjj')
  const rowsOf = async () => await sql('select * from study_sessions where bureau_id = ?', await ybxKjj())
  const itemsOf = async () => await sql('select * from rectification_items where bureau_id = ?', await ybxKjj())

  beforeAll(async () => {
    const made = await call('ybx-kjj', 'POST', '/api/ledgers/study-sessions', { ...STUDY, year: YEAR })
    expect(made.status).toBe(201)
    ledger = made.body
    const created = await call('ybx-kjj', 'POST', '/api/rectifications', { ...ITEM, year: YEAR })
    expect(created.status).toBe(201)
    const uploaded = multipartFile('归档台账.pdf', pdfOf(), 'application/pdf', { rectificationId: created.body.id })
    const res = await t.app.inject({ method: 'POST', url: '/api/files', payload: uploaded.payload, headers: { ...withCsrf(await cookieOf('ybx-kjj')), ...uploaded.headers } })
    expect(res.statusCode).toBe(201)
    file = res.json().id
    const done = await call('ybx-kjj', 'PUT', `/api/rectifications/${created.body.id}`, { ...ITEM, ...DONE, version: created.body.version })
    expect(done.status).toBe(200)
    item = done.body
  })

  it('a county office neither lists nor reads nor changes them', async () => {
    const [ledgersBefore, itemsBefore] = [await rowsOf(), await itemsOf()]
    const listed = await call('office', 'GET', `/api/ledgers/study-sessions?year=${YEAR}`)
    expect(listed.status).toBe(200)
    const demoIds = await bureauIdsOf('demo')
    expect((listed.body as { bureauId: number }[]).filter((r) => !demoIds.has(r.bureauId))).toEqual([])
    expect((await call('office', 'GET', `/api/ledgers/study-sessions?year=${YEAR}&bureauId=${await ybxKjj()}`)).status).toBe(403)
    expect((await call('office', 'PUT', `/api/ledgers/study-sessions/${ledger.id}`, { ...STUDY, participants: 1, version: ledger.version })).status).toBe(403)
    expect((await call('office', 'DELETE', `/api/ledgers/study-sessions/${ledger.id}?version=${ledger.version}`)).status).toBe(403)
    expect((await call('office', 'POST', '/api/ledgers/study-sessions', { ...STUDY, year: YEAR, bureauId: await ybxKjj() })).status).toBe(403)

    const items = await call('office', 'GET', `/api/rectifications?year=${YEAR}`)
    expect(items.status).toBe(200)
    expect(items.body.length).toBeGreaterThan(0)
    expect((items.body as { bureauId: number }[]).filter((i) => !demoIds.has(i.bureauId))).toEqual([])
    expect((await call('office', 'GET', `/api/rectifications?year=${YEAR}&bureauId=${await ybxKjj()}`)).status).toBe(403)
    expect((await call('office', 'POST', `/api/rectifications/${item.id}/verify`, { approve: true, version: item.version })).status).toBe(403)
    expect((await call('office', 'POST', '/api/rectifications', { ...ITEM, year: YEAR, bureauId: await ybxKjj() })).status).toBe(403)

    expect((await call('office', 'GET', `/api/files?rectificationId=${item.id}`)).status).toBe(404)
    expect((await call('office', 'GET', `/api/files/${file}`)).status).toBe(404)
    expect((await call('office', 'DELETE', `/api/files/${file}`)).status).toBe(404)
    expect((await call('office', 'GET', `/api/files/usage?bureauId=${await ybxKjj()}`)).status).toBe(404)
    expect(await rowsOf()).toEqual(ledgersBefore)
    expect(await itemsOf()).toEqual(itemsBefore)
    expect(await sql('select deleted_at from evidence_files where id = ?', file)).toEqual([{ deleted_at: null }])
  })

  it('the city office reads them and changes none of them', async () => {
    const [ledgersBefore, itemsBefore] = [await rowsOf(), await itemsOf()]
    const listed = await call('city', 'GET', `/api/ledgers/study-sessions?year=${YEAR}&bureauId=${await ybxKjj()}`)
    expect(listed.status).toBe(200)
    expect(listed.body.map((r: { id: number }) => r.id)).toEqual([ledger.id])
    const items = await call('city', 'GET', `/api/rectifications?year=${YEAR}&status=pending`)
    expect(items.body.map((i: { id: number }) => i.id)).toContain(item.id)
    expect((await call('city', 'GET', `/api/files?rectificationId=${item.id}`)).body.map((f: { id: number }) => f.id)).toEqual([file])
    expect((await call('city', 'GET', `/api/files/${file}`)).status).toBe(200)

    const refusals = [
      await call('city', 'PUT', `/api/ledgers/study-sessions/${ledger.id}`, { ...STUDY, participants: 1, version: ledger.version }),
      await call('city', 'DELETE', `/api/ledgers/study-sessions/${ledger.id}?version=${ledger.version}`),
      await call('city', 'POST', '/api/ledgers/study-sessions', { ...STUDY, year: YEAR, bureauId: await ybxKjj() }),
      await call('city', 'POST', `/api/rectifications/${item.id}/verify`, { approve: true, version: item.version }),
      await call('city', 'POST', `/api/rectifications/${item.id}/verify`, { approve: false, reason: '佐证不足', version: item.version }),
      await call('city', 'POST', '/api/rectifications', { ...ITEM, year: YEAR, bureauId: await ybxKjj() }),
      await call('city', 'POST', '/api/rectifications/carry-over', { year: YEAR, bureauId: await ybxKjj() }),
      await call('city', 'DELETE', `/api/files/${file}`),
      await call('city', 'PUT', `/api/bureaus/${await ybxKjj()}/file-quota`, { quotaMb: 1 }),
    ]
    for (const res of refusals) expect([res.status, res.body.message]).toEqual([403, ONLY_READS])
    const upload = multipartFile('另一份.pdf', pdfOf('另一份'), 'application/pdf', { ledgerType: 'study-sessions', ledgerId: ledger.id })
    const res = await t.app.inject({ method: 'POST', url: '/api/files', payload: upload.payload, headers: { ...withCsrf(await cookieOf('city')), ...upload.headers } })
    expect([res.statusCode, res.json().message]).toEqual([403, ONLY_READS])

    expect(await rowsOf()).toEqual(ledgersBefore)
    expect(await itemsOf()).toEqual(itemsBefore)
    expect(await sql('select id, deleted_at from evidence_files where bureau_id = ?', await ybxKjj())).toEqual([{ id: file, deleted_at: null }])
  })

  it('样板县’s own office changes and verifies them', async () => {
    const edited = await call('ybx-office', 'PUT', `/api/ledgers/study-sessions/${ledger.id}`, { ...STUDY, participants: 25, version: ledger.version })
    expect([edited.status, edited.body.participants]).toEqual([200, 25])
    const verified = await call('ybx-office', 'POST', `/api/rectifications/${item.id}/verify`, { approve: true, version: item.version })
    expect(verified.status).toBe(200)
    expect(verified.body.verifiedBy).toBe('样板县委依法治县办')
    expect((await call('ybx-office', 'GET', `/api/files/${file}`)).status).toBe(200)
  })
})

describe('催报', () => {
  it('the list of 样板县’s office holds only 样板县’s bureaus; another county is 403', async () => {
    const res = await call('ybx-office', 'GET', `/api/reminders?year=${YEAR}`)
    expect(res.status).toBe(200)
    const listed = (res.body.chase as { code: string }[]).map((b) => b.code)
    expect(listed.length).toBeGreaterThan(0)
    const ybxCodes = await bureauCodesOf('ybx')
    expect(listed.filter((code) => !ybxCodes.has(code))).toEqual([])
    const refused = await call('ybx-office', 'GET', `/api/reminders?year=${YEAR}&regionId=${await idOf('regions', 'demo')}`)
    expect(refused.status).toBe(403)
    // The city office reads a county's list on request.
    const county = await call('city', 'GET', `/api/reminders?year=${YEAR}&regionId=${await idOf('regions', 'ybx')}`)
    expect((county.body.chase as { code: string }[]).map((b) => b.code).sort()).toEqual([...listed].sort())
  })

  it('a county office chases only its own bureaus; naming another county’s is 403 and chases nobody', async () => {
    const before = await sql('select * from chase_records')
    const lastBefore = (await sql<{ id: number | null }>('select max(id) id from chase_records'))[0].id ?? 0
    const stray = await call('office', 'POST', '/api/reminders/chase', { year: YEAR, bureauIds: [await idOf('bureaus', 'kjj'), await idOf('bureaus', 'ybx-kjj')] })
    expect(stray.status).toBe(403)
    expect(await sql('select * from chase_records')).toEqual(before)

    const res = await call('office', 'POST', '/api/reminders/chase', { year: YEAR })
    expect(res.status).toBe(200)
    const chased = (res.body.bureaus as { bureauId: number }[]).map((b) => b.bureauId)
    expect(chased.length).toBeGreaterThan(0)
    const demoIds = await bureauIdsOf('demo')
    expect(chased.filter((id) => !demoIds.has(id))).toEqual([])
    const recorded = (await sql<{ bureau_id: number }>('select bureau_id from chase_records where id > ?', lastBefore)).map((r) => r.bureau_id)
    expect(recorded.sort()).toEqual([...chased].sort())

    // The record is held to what each office reads: 样板县's office sees none of 示例县's, the city all.
    expect((await call('ybx-office', 'GET', `/api/reminders/history?year=${YEAR}`)).body.records).toEqual([])
    const all = (await sql('select id from chase_records where year = ?', YEAR)).length
    expect((await call('city', 'GET', `/api/reminders/history?year=${YEAR}`)).body.records).toHaveLength(all)
    const own = (await call('office', 'GET', `/api/reminders/history?year=${YEAR}`)).body.records as { bureauId: number }[]
    expect(own).toHaveLength(all)
  })

  it('the city office chases its own bureaus, not the counties’', async () => {
    const res = await call('city', 'POST', '/api/reminders/chase', { year: YEAR })
    expect(res.status).toBe(200)
    const demoCityIds = await bureauIdsOf('demo-city')
    expect((res.body.bureaus as { bureauId: number }[]).map((b) => b.bureauId).filter((id) => !demoCityIds.has(id))).toEqual([])
    const refused = await call('city', 'POST', '/api/reminders/chase', { year: YEAR, bureauIds: [await idOf('bureaus', 'ybx-jyj')] })
    expect([refused.status, refused.body.message]).toEqual([403, ONLY_READS])
  })
})

describe('工作台', () => {
  const reviewedBureaus = async (username: string) => {
    const res = await call(username, 'GET', '/api/workbench?year=2025')
    expect(res.status).toBe(200)
    return res.body
  }

  it('an office’s tasks are its own region’s', async () => {
    const ybx = await reviewedBureaus('ybx-office')
    const ids = (ybx.reviews.items as { bureauId: number }[]).map((r) => r.bureauId)
    expect(ids.length).toBeGreaterThan(0)
    const ybxIds = await bureauIdsOf('ybx')
    expect(ids.filter((id) => !ybxIds.has(id))).toEqual([])
    for (const username of ['office', 'city']) {
      const region = username === 'office' ? 'demo' : 'demo-city'
      const body = await reviewedBureaus(username)
      const regionIds = await bureauIdsOf(region)
      for (const list of [body.reviews, body.returned, body.toVerify, body.due, body.overdue])
        expect((list.items as { bureauId: number }[]).filter((r) => !regionIds.has(r.bureauId))).toEqual([])
    }
  })

  it('a county leader’s KPIs and ranking are its county’s', async () => {
    const body = await reviewedBureaus('leader')
    const county = await call('city', 'GET', `/api/dashboard/summary?year=2025&regionId=${await idOf('regions', 'demo')}`)
    expect(body.kpis.expected).toBe(county.body.expected)
    const demoIds = await bureauIdsOf('demo')
    expect((body.topRanking as { bureauId: number }[]).filter((r) => !demoIds.has(r.bureauId))).toEqual([])
    expect((await reviewedBureaus('cityleader')).kpis.expected).toBeGreaterThan(body.kpis.expected)
  })

  it('a county bureau’s standing is the one its ranking page shows: among its county’s bureaus', async () => {
    const body = await reviewedBureaus('kjj')
    const ranking = await call('kjj', 'GET', '/api/ranking?year=2025')
    expect(ranking.status).toBe(200)
    const kjjId = await idOf('bureaus', 'kjj')
    const own = (ranking.body.rows as { bureauId: number; rank: number }[]).find((r) => r.bureauId === kjjId)!
    expect(body.standing).toMatchObject({ rank: own.rank, ranked: ranking.body.rows.length })
    const demoIds = await bureauIdsOf('demo')
    expect((ranking.body.rows as { bureauId: number }[]).filter((r) => !demoIds.has(r.bureauId))).toEqual([])
  })
})

describe('the office’s messages', () => {
  it('a 样板县 bureau’s answer to a 批注 reaches 样板县’s office, not another county’s nor the city’s', async () => {
    const report = (await sql<{ id: number }>("select s.id from submissions s join bureaus b on b.id = s.bureau_id where b.code = 'ybx-czj' and s.year = 2025"))[0].id
    const comment = await call('ybx-office', 'POST', '/api/comments', { submissionId: report, text: '请补充执法案卷数量的依据' })
    expect(comment.status).toBe(201)
    expect((await call('ybx-office', 'POST', `/api/submissions/${report}/return`, { reason: '请补充依据' })).status).toBe(200)
    const answer = await call('ybx-czj', 'POST', '/api/comments', { submissionId: report, replyTo: comment.body.id, text: '已补充' })
    expect(answer.status).toBe(201)
    const told = (await sql<{ username: string }>(
      "select u.username from notifications n join users u on u.id = n.user_id where n.kind = 'commented' and n.bureau_id = ? and u.role = 'office'",
      await idOf('bureaus', 'ybx-czj'),
    )).map((r) => r.username)
    expect(told).toEqual(['ybx-office'])
  })
})

describe('exports', () => {
  const csvRows = async (username: string, url: string) => {
    const res = await call(username, 'GET', url)
    expect(res.status).toBe(200)
    return parseCsv(res.raw.rawPayload.subarray(3).toString('utf8')).slice(1)
  }
  const names = (rows: string[][], column: number) => rows.map((r) => r[column])

  it('as 样板县’s office: only 样板县’s rows, and another county is 403', async () => {
    const reporting = await csvRows('ybx-office', '/api/exports/reporting.csv?year=2025')
    expect(names(reporting, 1).sort()).toEqual([...await namesOf('ybx')].sort())
    const ranking = await csvRows('ybx-office', '/api/exports/ranking.csv?year=2025')
    const ybxNames = await namesOf('ybx')
    expect(names(ranking, 1).filter((n) => !ybxNames.has(n))).toEqual([])
    expect(ranking.length).toBeGreaterThan(0)
    const refused = await call('ybx-office', 'GET', `/api/exports/reporting.csv?year=2025&regionId=${await idOf('regions', 'demo')}`)
    expect(refused.status).toBe(403)

    const wb = await loadWorkbook((await call('ybx-office', 'GET', '/api/exports/ranking.xlsx?year=2025')).raw.rawPayload)
    const text = allText(sheet(wb, '排名'))
    expect(text).toContain('样板县2025年度')
    expect(text).toContain('导出范围：样板县')
  })

  it('as the city office: every region by default, one county on request', async () => {
    const all = await csvRows('city', '/api/exports/reporting.csv?year=2025')
    for (const region of ['ybx', 'demo-city']) expect(names(all, 1)).toEqual(expect.arrayContaining([...await namesOf(region)]))
    expect(names(all, 1)).toContain('示例县科技局')
    const ybx = await csvRows('city', `/api/exports/reporting.csv?year=2025&regionId=${await idOf('regions', 'ybx')}`)
    expect(names(ybx, 1).sort()).toEqual([...await namesOf('ybx')].sort())
    const items = await csvRows('city', `/api/exports/rectifications.csv?year=${YEAR}&regionId=${await idOf('regions', 'demo')}`)
    expect(items.length).toBeGreaterThan(0)
    const demoNames = await namesOf('demo')
    expect(names(items, 1).filter((n) => !demoNames.has(n))).toEqual([])
  })
})
