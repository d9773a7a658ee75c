import type { Ranking, SchemeDraft, SchemePreview } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkflowApp, type WorkflowContext } from '../workflow/helpers'
import { draftOf, schemeOf, schemeRows, withIndicator } from './helpers'

let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
})
afterAll(() => t.close())

const put = async (year: number, draft: SchemeDraft, version: number) => t.call('office', 'PUT', `/api/schemes/${year}`, { ...draft, version })
const ranking = async (year: number) => (await t.call('office', 'GET', `/api/ranking?year=${year}`)).body as Ranking

describe('GET /api/schemes/:year', () => {
  it('shows a year’s scheme, its categories’ points adding up its indicators’, to every business reader', async () => {
    const s = await schemeOf(t, 2025)
    expect(s).toMatchObject({ year: 2025, frozen: false, published: false, editable: true })
    expect(s.categories.map((c) => c.code)).toEqual(['lead', 'study', 'review', 'publicity', 'disclosure', 'enforcement', 'oversight', 'rectification'])
    for (const c of s.categories) expect(c.points).toBeCloseTo(s.indicators.filter((i) => i.category === c.code).reduce((sum, i) => sum + i.weight, 0), 6)
    const meetings = s.indicators.find((i) => i.code === 'lead.topic_meetings')!
    expect(meetings).toMatchObject({ kind: 'count', rule: { kind: 'attainment' }, ruleText: '按完成程度计分：达到目标值得满分，未达到按比例得分' })
    for (const reader of ['leader', 'kjj']) expect((await t.call(reader, 'GET', '/api/schemes/2025')).body).toEqual(s)
    expect((await t.call('office', 'GET', '/api/schemes/2030')).status).toBe(404)
    // A locked year reads, but is not editable.
    expect((await schemeOf(t, 2023)).editable).toBe(false)
  })
})

describe('PUT /api/schemes/:year', () => {
  it('refuses a bad scheme with a clear Chinese message and writes nothing', async () => {
    const s = await schemeOf(t, 2025)
    const draft = draftOf(s)
    const newCount = { code: 'lead.new_item', category: 'lead', name: '新指标', unit: '次', kind: 'count' as const, direction: 'higher' as const, target: 1, weight: 1, enforcementOnly: false, appliesTo: null, rule: { kind: 'attainment' as const }, plausibleMin: null, plausibleMax: null, yoyMinChange: null, evidenceRequired: false }
    const cases: [SchemeDraft, string][] = [
      [{ ...draft, categories: [...draft.categories, { code: 'party', name: '党建' }] }, '新增类别需要先增加数据库列'],
      [{ ...draft, indicators: [...draft.indicators, draft.indicators[0]] }, '重复'],
      [{ ...draft, indicators: [...draft.indicators, { ...newCount, code: 'Lead-New' }] }, '格式不正确'],
      [{ ...draft, indicators: [...draft.indicators, { ...newCount, kind: undefined }] }, '请选择类型'],
      [withIndicator(draft, 'lead.topic_meetings', { kind: 'percent' }), '类型不能改为'],
      [withIndicator(draft, 'review.normative_doc_review_rate', { kind: 'percent' }), '不能改为填报指标'],
      [withIndicator(draft, 'lead.duty_report', { rule: { kind: 'bonus', points: 1 } }), '分值应为 0'],
      [withIndicator(draft, 'lead.topic_meetings', { rule: { kind: 'perPercentPoint', points: 0.5 } }), '不能按百分点扣分'],
      [{ ...draft, grades: [{ grade: '良好', min: 80 }, { grade: '优秀', min: 90 }] }, '分数线从高到低'],
      [{ ...draft, grades: [{ grade: '优秀', min: 104 }], bonusCap: 3 }, '0 至 103 分'],
      [{ ...draft, excellentQuota: 1.5 }, '优秀比例应在 0 至 1 之间'],
      [{ ...draft, codeMap: [{ from: 'lead.topic_meetings', to: 'lead.nothing' }] }, '不是本年度方案的指标'],
      [{ ...draft, codeMap: [{ from: 'lead.never_used', to: 'lead.topic_meetings' }] }, '旧编码'],
    ]
    const before = await schemeRows(t)
    for (const [body, message] of cases) {
      const res = await put(2025, body, s.version)
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(res.body.message).toContain(message)
    }
    expect((await put(2025, { ...draft, bonusCap: -1 }, s.version)).status).toBe(400)
    expect(await schemeRows(t)).toEqual(before)
  })

  it('replaces the year’s scheme in one audited change, registers a new code, and refuses a stale version', async () => {
    const s = await schemeOf(t, 2026)
    const draft = withIndicator(draftOf(s), 'lead.topic_meetings', { weight: 8, rule: { kind: 'perUnit', points: 0.3, cap: 1.2 } })
    draft.indicators.push({ code: 'lead.demo_creation', category: 'lead', name: '获评法治政府建设示范', unit: '', kind: 'boolean', direction: 'higher', target: 1, weight: 0, enforcementOnly: false, appliesTo: null, rule: { kind: 'bonus', points: 2 }, plausibleMin: null, plausibleMax: null, yoyMinChange: null, evidenceRequired: false })
    draft.bonusCap = s.bonusCap + 1
    const res = await put(2026, draft, s.version)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ configured: true, version: s.version + 1, bonusCap: s.bonusCap + 1 })
    const meetings = res.body.indicators.find((i: { code: string }) => i.code === 'lead.topic_meetings')
    expect(meetings).toMatchObject({ weight: 8, ruleText: '每少1次扣0.3分，累计扣分不超过1.2分' })
    expect(res.body.categories.find((c: { code: string }) => c.code === 'lead').points).toBe(s.categories.find((c) => c.code === 'lead')!.points + 3)
    // The new code is registered and the entry form's indicators of the year carry it.
    const indicators = (await t.call('kjj', 'GET', '/api/indicators?year=2026')).body
    expect(indicators.find((i: { code: string }) => i.code === 'lead.demo_creation')).toMatchObject({ kind: 'boolean', ruleText: '加分项：是加2分' })

    // The demo county configured 2026: the audit row holds that scheme as it was.
    expect(s.configured).toBe(true)
    const [audit] = await t.auditOf('scheme.update', 2026)
    expect(audit.before).toEqual({ ...draftOf(s), version: s.version })
    expect(audit.after).toMatchObject({ version: s.version + 1, bonusCap: s.bonusCap + 1, registered: ['lead.demo_creation'] })

    const stale = await put(2026, draft, s.version)
    expect(stale.status).toBe(409)
    expect(stale.body.message).toContain('考核方案已被')
    // Saved again on the new version: the audit row holds the scheme before.
    const again = await put(2026, withIndicator(draft, 'lead.topic_meetings', { weight: 6 }), s.version + 1)
    expect(again.status).toBe(200)
    const second = (await t.auditOf('scheme.update', 2026))[1]
    expect((second.before as SchemeDraft).indicators.find((i) => i.code === 'lead.topic_meetings')!.weight).toBe(8)
    expect((second.after as SchemeDraft).indicators.find((i) => i.code === 'lead.topic_meetings')!.weight).toBe(6)
  })

  it('lets one of two parallel saves of the same version through and answers the other 409', async () => {
    const s = await schemeOf(t, 2024)
    const a = withIndicator(draftOf(s), 'lead.topic_meetings', { weight: 7 })
    const b = withIndicator(draftOf(s), 'lead.topic_meetings', { weight: 9 })
    const results = await Promise.all([put(2024, a, s.version), put(2024, b, s.version)])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const winner = results.find((r) => r.status === 200)!.body
    expect((await schemeOf(t, 2024)).indicators.find((i) => i.code === 'lead.topic_meetings')!.weight).toBe(
      winner.indicators.find((i: { code: string }) => i.code === 'lead.topic_meetings').weight,
    )
    expect(await t.auditOf('scheme.update', 2024)).toHaveLength(1)
  })

  it('refuses a locked year', async () => {
    const s = await schemeOf(t, 2023)
    const before = await schemeRows(t)
    const res = await put(2023, draftOf(s), s.version)
    expect(res.status).toBe(409)
    expect(res.body.message).toBe('该年度已锁定，不能修改')
    expect((await t.call('office', 'POST', '/api/schemes/2023/copy-from/2022')).status).toBe(409)
    expect(await schemeRows(t)).toEqual(before)
  })
})

describe('POST /api/schemes/:year/preview', () => {
  it('lists the bureaus whose score, rank or grade would move, exactly as a save then ranks them', async () => {
    const s = await schemeOf(t, 2025)
    const live = await ranking(2025)
    const draft = withIndicator(withIndicator(draftOf(s), 'lead.topic_meetings', { weight: 30, target: 6, rule: { kind: 'perUnit', points: 5, cap: null } }), 'study.exam_pass_rate', {
      rule: { kind: 'perPercentPoint', points: 1 },
    })
    draft.grades = [
      { grade: '优秀', min: 85 },
      { grade: '良好', min: 70 },
      { grade: '合格', min: 50 },
    ]
    draft.excellentQuota = 0.2
    const before = await schemeRows(t)
    const res = await t.call('office', 'POST', '/api/schemes/2025/preview', draft)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const preview = res.body as SchemePreview
    expect(await schemeRows(t)).toEqual(before)
    expect(preview.rankedCount).toBe(live.rows.length)
    expect(preview.changes.length).toBeGreaterThan(0)
    for (const c of preview.changes) expect(c.before).toEqual(expect.objectContaining({ rank: live.rows.find((r) => r.bureauId === c.bureauId)!.rank }))

    expect((await put(2025, draft, s.version)).status).toBe(200)
    const after = await ranking(2025)
    for (const row of after.rows) {
      const change = preview.changes.find((c) => c.bureauId === row.bureauId)
      const was = live.rows.find((r) => r.bureauId === row.bureauId)!
      expect({ score: row.score, rank: row.rank, grade: row.grade }).toEqual(change ? change.after : { score: was.score, rank: was.rank, grade: was.grade })
    }
  })

  it('checks the draft like a save', async () => {
    const s = await schemeOf(t, 2025)
    const res = await t.call('office', 'POST', '/api/schemes/2025/preview', { ...draftOf(s), excellentQuota: 2 })
    expect(res.status).toBe(400)
  })
})

describe('publishing freezes the scheme', () => {
  it('stores the scheme as published, refuses changes until the office reopens it, and leaves the scores alone', async () => {
    // 2022 without a scheme of its own (the demo gives every year one: take it away, as in a database
    // from before schemes): publishing stores the catalog's as its rows.
    await t.sql.run('delete from scheme_indicators where year = 2022')
    await t.sql.run('delete from schemes where year = 2022')
    await t.call('office', 'POST', '/api/cycles/2022/unlock')
    const unconfigured = await schemeOf(t, 2022)
    expect(unconfigured.configured).toBe(false)
    expect((await t.call('office', 'POST', '/api/cycles/2022/publish', { title: '2022年度定稿' })).status).toBe(201)
    const frozen = await schemeOf(t, 2022)
    expect(frozen).toMatchObject({ configured: true, frozen: true, published: true, editable: false })
    expect(frozen.indicators).toEqual(unconfigured.indicators)
    expect(await t.auditOf('scheme.freeze', 2022)).toHaveLength(1)

    const refused = await put(2022, draftOf(frozen), frozen.version)
    expect(refused.status).toBe(409)
    expect(refused.body.message).toContain('重新开启')
    expect((await t.call('office', 'POST', '/api/schemes/2022/copy-from/2021')).status).toBe(409)

    await ranking(2022)
    const dirty = async () => await t.sql.get('select cast(count(*) as integer) as n from bureau_year_scores where year = 2022 and dirty = true')
    expect(await dirty()).toEqual({ n: 0 })
    expect((await t.call('leader', 'POST', '/api/schemes/2022/reopen')).status).toBe(403)
    const reopened = await t.call('office', 'POST', '/api/schemes/2022/reopen')
    expect(reopened.body).toMatchObject({ frozen: false, published: true, editable: true })
    expect(await dirty()).toEqual({ n: 0 })
    expect((await t.auditOf('scheme.reopen', 2022))[0]).toMatchObject({ before: { frozen: true }, after: { frozen: false } })
    expect((await t.call('office', 'POST', '/api/schemes/2022/reopen')).status).toBe(409)
    expect((await put(2022, withIndicator(draftOf(frozen), 'lead.topic_meetings', { weight: 6 }), reopened.body.version)).status).toBe(200)
  })
})

describe('copying a scheme', () => {
  it('copies another year’s scheme, audited; unknown years are 404', async () => {
    const from = await schemeOf(t, 2026)
    const to = await schemeOf(t, 2021)
    expect((await t.call('office', 'POST', '/api/cycles/2021/unlock')).status).toBe(200)
    const res = await t.call('office', 'POST', '/api/schemes/2021/copy-from/2026')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(draftOf(res.body)).toEqual(draftOf(from))
    expect(res.body.version).toBe(to.version + 1)
    expect((await t.auditOf('scheme.copy', 2021))[0].after).toMatchObject({ fromYear: 2026 })
    expect((await t.call('office', 'POST', '/api/schemes/2021/copy-from/2019')).status).toBe(404)
    expect((await t.call('office', 'POST', '/api/schemes/2031/copy-from/2026')).status).toBe(404)
    expect((await t.call('office', 'POST', '/api/schemes/2021/copy-from/2021')).status).toBe(400)
  })

  it('starts a new year with a copy of the latest earlier year’s scheme', async () => {
    const latest = await schemeOf(t, 2026)
    expect((await t.call('office', 'POST', '/api/cycles', { year: 2027 })).status).toBe(201)
    const created = await schemeOf(t, 2027)
    expect(created).toMatchObject({ configured: true, frozen: false })
    expect(draftOf(created)).toEqual(draftOf(latest))
    expect((await t.auditOf('scheme.copy', 2027))[0].after).toMatchObject({ fromYear: 2026 })
  })
})
