import { CATALOG_BY_CODE, COUNTY_MISMATCH, type ImportedReport, type SubmissionDetail, type SubmissionListRow } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Extraction } from '../../../server/src/features/imports/extract'
import { importsRepository } from '../../../server/src/features/imports/repository'
import { createTestApp, login, withCsrf, type TestContext } from '../../helpers/app'
import { multipartFile } from '../../helpers/multipart'

/** What the review is told beside each proposal (flags, confidence), and the county check before anything is saved. Reports invented. */

let t: TestContext
let kjj: string
let kjjId: number
beforeAll(async () => {
  t = await createTestApp()
  kjj = await login(t.app, 'kjj')
  kjjId = (await t.sql.get("select id from bureaus where code = 'kjj'") as { id: number }).id
})
afterAll(() => t.close())

const report = (title: string, body: string) =>
  Buffer.from(`${title}\n\n一、主要举措和成效\n${body}\n\n二、存在的不足\n一是普法形式较为单一；二是干部学法积极性不高。\n\n三、下一年度工作安排\n继续加强普法宣传。\n`)
const upload = (query: string, data: Buffer, cookie = kjj) => {
  const body = multipartFile('年度报告.txt', data)
  return t.app.inject({ method: 'POST', url: `/api/imports?${query}`, headers: { ...withCsrf(cookie), ...body.headers }, payload: body.payload })
}
const count = async (table: string) => (await t.sql.get(`select cast(count(*) as integer) as n from ${table}`) as { n: number }).n
const get = async <T>(url: string): Promise<T> => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: kjj } })
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as T
}

describe('POST /api/imports: a report of another county', () => {
  const otherCounty = report('清河县科技局2026年度法治政府建设工作报告', '全年开展普法宣传活动9场。')

  it('is refused with 409 naming both counties, and nothing is saved', async () => {
    const before = { imports: await count('report_imports'), audit: await count('audit_events') }
    const res = await upload('year=2026', otherCounty)
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: COUNTY_MISMATCH, message: '报告所述为清河县，与本单位所属的示例县不一致' })
    expect({ imports: await count('report_imports'), audit: await count('audit_events') }).toEqual(before)
    expect(await get<{ report: ImportedReport | null }>('/api/imports/latest?year=2026')).toEqual({ report: null })
  })

  it('is imported once the user confirms (confirmCounty=1)', async () => {
    const before = await count('report_imports')
    const res = await upload('year=2026&confirmCounty=1', otherCounty)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ reportedCounty: '清河县', reportedBureau: '清河县科技局' })
    expect(await count('report_imports')).toBe(before + 1)
    expect(await t.sql.get("select cast(count(*) as integer) as n from audit_events where action = 'import' and object_id = ?", [String(res.json().id)])).toEqual({ n: 1 })
  })

  it('passes a report of the bureau’s own county, and one whose county cannot be read, without asking', async () => {
    for (const [title, county] of [
      ['示例县科技局2026年度法治政府建设工作报告', '示例县'],
      ['2026年度法治政府建设工作报告', null],
    ] as const) {
      const res = await upload('year=2026', report(title, '全年开展普法宣传活动9场。'))
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json().reportedCounty).toBe(county)
    }
  })

  it('refuses a confirmCounty that is no flag, saving nothing', async () => {
    const before = await count('report_imports')
    const res = await upload('year=2026&confirmCounty=maybe', otherCounty)
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toMatch(/confirmCounty/)
    expect(await count('report_imports')).toBe(before)
  })
})

describe('the proposals’ confidence and flags', () => {
  it('flags a value off the ledger roll-up or far off last year, and leaves the others unflagged', async () => {
    const [row] = await get<SubmissionListRow[]>('/api/submissions?year=2026')
    const detail = await get<SubmissionDetail>(`/api/submissions/${row.id}`)
    const rolled = detail.ledgerValues['publicity.events']
    const lastYear = detail.previousValues['publicity.new_media_posts']
    expect(rolled).toBeDefined()
    expect(lastYear).toBeGreaterThan(0)
    const media = CATALOG_BY_CODE.get('publicity.new_media_posts')!
    const posts = lastYear * 3 + media.yoyMinChange! + 1
    const res = await upload(
      'year=2026',
      report(
        '示例县科技局2026年度法治政府建设工作报告',
        `全年开展普法宣传活动${rolled + 1}场，覆盖企业300余家。通过政务新媒体发布新媒体普法信息${posts}条。组织干部参加法律知识考试，参考率100%。`,
      ),
    )
    expect(res.statusCode, res.body).toBe(201)
    const values = new Map((res.json() as ImportedReport).values.map((v) => [v.indicator, v]))

    const events = values.get('publicity.events')!
    expect(events).toMatchObject({ value: rolled + 1, confidence: 'certain' })
    expect(events.flags).toEqual([`与台账汇总（${rolled} 场）不一致，采纳后以报告原文作为手工修改的说明`])

    const media_ = values.get('publicity.new_media_posts')!
    expect(media_.flags).toHaveLength(1)
    expect(media_.flags[0]).toMatch(new RegExp(`^与上年差异过大：${posts} 条，是上年（${lastYear} 条）的`))

    expect(values.get('study.exam_participation_rate')).toMatchObject({ value: 100, confidence: 'certain', flags: [] })
    expect(values.get('publicity.people_reached')).toMatchObject({ approx: true, confidence: 'uncertain', reason: expect.stringMatching(/约数/) })
  })

  it('does not flag a value that equals the roll-up', async () => {
    const [row] = await get<SubmissionListRow[]>('/api/submissions?year=2026')
    const rolled = (await get<SubmissionDetail>(`/api/submissions/${row.id}`)).ledgerValues['publicity.events']
    const res = await upload('year=2026', report('示例县科技局2026年度法治政府建设工作报告', `全年开展普法宣传活动${rolled}场。`))
    expect((res.json() as ImportedReport).values.find((v) => v.indicator === 'publicity.events')).toMatchObject({ value: rolled, flags: [] })
  })

  it('presents what is stored: 需人工确认 sentences with their candidates’ names, and proposals read before confidence as uncertain', async () => {
    const text = '全年组织学习和讲座共15场。'
    const row = await importsRepository(t.db).insert({
      bureauId: kjjId,
      year: 2026,
      fileName: '旧报告.txt',
      text,
      createdBy: null,
      extraction: {
        year: 2026,
        bureau: null,
        county: null,
        sections: { measures: true, shortcomings: false, dutyPerformance: false, nextYearPlan: false, other: false },
        values: [{ indicator: 'study.collective_sessions', value: 15, approx: false, quote: text, start: 0, end: text.length }],
        unresolved: [{ quote: text, start: 0, end: text.length, candidates: ['study.center_group_sessions', 'study.collective_sessions'], reason: '合计了多类活动' }],
        problems: [],
      },
    })
    const { report: latest } = await get<{ report: ImportedReport }>('/api/imports/latest?year=2026')
    expect(latest.id).toBe(row.id)
    expect(latest.values[0]).toMatchObject({ confidence: 'uncertain', reason: null })
    expect(latest.unresolved).toEqual([
      { quote: text, start: 0, end: text.length, candidates: ['党组理论学习中心组学法次数', '机关集体学法次数'], reason: '合计了多类活动' },
    ])
  })

  it('presents a report stored before the county and 需人工确认 were read, with neither', async () => {
    const text = '全年开展普法宣传活动6场。'
    // As stored then: no `county`, no `unresolved`, no confidence.
    const extraction = {
      year: 2026,
      bureau: null,
      sections: { measures: true, shortcomings: false, dutyPerformance: false, nextYearPlan: false, other: false },
      values: [{ indicator: 'publicity.events', value: 6, approx: false, quote: text, start: 0, end: text.length }],
      problems: [],
    } as unknown as Extraction
    const row = await importsRepository(t.db).insert({ bureauId: kjjId, year: 2026, fileName: '更早的报告.txt', text, createdBy: null, extraction })
    const { report: latest } = await get<{ report: ImportedReport }>('/api/imports/latest?year=2026')
    expect(latest.id).toBe(row.id)
    expect(latest).toMatchObject({ reportedCounty: null, unresolved: [] })
    expect(latest.values[0]).toMatchObject({ indicator: 'publicity.events', confidence: 'uncertain', reason: null })
  })
})
