import type { BureauOverview, Ranking, Summary } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DEMO_PASSWORD, login, type TestContext } from '../../helpers/app'
import { setSchemeIndicator, writeScheme } from '../../helpers/scheme'
import { endOfChinaDay, isReportedStatus, loadYear } from './raw'

/**
 * The year's rules through HTTP: 开江's "每少一次扣0.3分，累计扣分不超过1.2分" on one indicator, the late
 * deduction and a veto, scored over the seeded county's 2025 reports, and every figure the ranking,
 * the summary and a bureau's page show worked out by hand below.
 *
 * The scheme is written in SQL on the migrated, seeded database (as a saved scheme is stored); saving
 * it through `PUT /api/schemes/:year` is tested with the schemes feature.
 */

const NOW = new Date('2026-11-22T00:00:00Z')
const YEAR = 2025
const MEETINGS = 'lead.topic_meetings'
const LOST = 'oversight.litigation_lost'
/** 1, 3 and 6 meetings short of 8. */
const SHORT: Record<string, number> = { kjj: 7, jyj: 5, gaj: 2 }
/** Lost 2 lawsuits: at the veto's threshold. */
const VETOED = 'sfj'

let t: TestContext
let office: string
/** Codes of the reported bureaus, and of those whose report was late. */
let reported: string[]
let late: string[]
let ids: Map<string, number>

beforeAll(async () => {
  t = await createTestApp({ now: NOW })
  office = await login(t.app, 'office')
  const sql = t.sql
  const raw = await loadYear(sql, YEAR)
  ids = new Map(raw.activeBureaus.map((b) => [b.code, b.id]))
  const reportedSubs = raw.activeBureaus.filter((b) => isReportedStatus(raw.submissionByBureau.get(b.id)?.status)).map((b) => ({ code: b.code, sub: raw.submissionByBureau.get(b.id)! }))
  reported = reportedSubs.map((r) => r.code)
  late = reportedSubs
    .filter(({ sub }) => Date.parse(sub.first_submitted_at!) > endOfChinaDay(raw.dueDate) || sub.late_resubmissions > 0)
    .map((r) => r.code)
    .sort()

  // 2025's scheme: one indicator carries points — 专题研究 8 times, 2 points, 开江's rule; 行政诉讼败诉
  // 2 cases or more caps the grade at 合格; a late report loses 0.5; 90/80/60 with at most half 优秀.
  await writeScheme(sql, YEAR, { excellentQuota: 0.5, lateDeduction: 0.5 })
  await sql.run('UPDATE scheme_indicators SET weight = 0 WHERE year = ? AND indicator_code <> ?', [YEAR, MEETINGS])
  await setSchemeIndicator(sql, YEAR, MEETINGS, { target: 8, weight: 2, rule: { kind: 'perUnit', points: 0.3, cap: 1.2 } })
  await setSchemeIndicator(sql, YEAR, LOST, { rule: { kind: 'veto', threshold: 2, gradeCap: '合格' } })
  // Every reported bureau holds 8 meetings and lost no lawsuit, but for the four the tests are about.
  const put = (submission: number, indicator: string, value: number) =>
    sql.run(
      `INSERT INTO submission_values (submission_id, indicator_code, value) VALUES (?, ?, ?)
       ON CONFLICT (submission_id, indicator_code) DO UPDATE SET value = excluded.value, not_applicable = false`,
      [submission, indicator, value],
    )
  for (const { code, sub } of reportedSubs) {
    await put(sub.id, MEETINGS, SHORT[code] ?? 8)
    await put(sub.id, LOST, code === VETOED ? 2 : 0)
  }
})
afterAll(() => t.close())

async function get<T>(url: string, cookie = office): Promise<T> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } })
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json() as T
}
const overview = (code: string, cookie = office) => get<BureauOverview>(`/api/bureaus/${ids.get(code)}/overview?year=${YEAR}`, cookie)

/**
 * The figures by hand. The base is 100 × points earned ÷ 2 (the one indicator with points):
 * - 8 meetings: nothing taken, 100; a late report: 100 − 0.5 = 99.5;
 * - kjj 7 (1 short): 0.3 taken, 1.7 earned → 85;
 * - jyj 5 (3 short): 0.9 taken, 1.1 earned → 55;
 * - gaj 2 (6 short): 1.8 would be taken, the cap keeps it at 1.2, 0.8 earned → 40.
 * Ranks: by score, then 达标率 (1 with the target met, 0 without); equal on both share a rank (并列),
 * listed by code.
 * Grades: 90 and up 优秀, 80 良好, 60 合格, below 不合格; sfj's veto caps it at 合格; 优秀 at most
 * ⌊0.5 × 23⌋ = 11, given in rank order to those eligible; the other eligible ones are 良好.
 */
function expected() {
  const scoreOf = (code: string) => ({ kjj: 85, jyj: 55, gaj: 40 })[code] ?? (late.includes(code) ? 99.5 : 100)
  const met = (code: string) => !(code in SHORT)
  const order = [...reported].sort((a, b) => scoreOf(b) - scoreOf(a) || Number(met(b)) - Number(met(a)) || a.localeCompare(b))
  const seats = 11
  let excellent = 0
  const rows = order.map((code) => {
    const score = scoreOf(code)
    let grade = score >= 90 ? '优秀' : score >= 80 ? '良好' : score >= 60 ? '合格' : '不合格'
    if (code === VETOED) grade = '合格'
    if (grade === '优秀' && ++excellent > seats) grade = '良好'
    // 并列: equal score and 达标率 share the rank of the first of them.
    const first = order.findIndex((c) => scoreOf(c) === score && met(c) === met(code))
    return { code, rank: first + 1, score, grade, deduction: late.includes(code) ? 0.5 : 0 }
  })
  return new Map(rows.map((r) => [r.code, r]))
}

describe('the year’s rules, through the ranking, the summary and the bureau page', () => {
  it('the county as the hand figures assume it', () => {
    // 23 reported; 3 late (交通运输局, 审计局, 林业局); the four bureaus of the rules reported on time
    expect(reported).toHaveLength(23)
    expect(late).toEqual(['jtysj', 'lyj', 'sjj'])
    for (const code of [...Object.keys(SHORT), VETOED, 'fgw']) expect(reported, code).toContain(code)
    for (const code of [...Object.keys(SHORT), VETOED]) expect(late, code).not.toContain(code)
  })

  it('GET /api/ranking: scores, ranks, grades and deductions by the rules', async () => {
    const ranking = await get<Ranking>(`/api/ranking?year=${YEAR}`)
    const want = expected()
    expect(ranking.rows.map((r) => r.code)).toEqual([...want.keys()])
    for (const r of ranking.rows) expect({ code: r.code, rank: r.rank, score: r.score, grade: r.grade, deduction: r.deduction }, r.code).toEqual(want.get(r.code))
    for (const r of ranking.rows) expect(r.bonus, r.code).toBe(0)
    // the bottom three, spelled out: 85 良好, 55 不合格, 40 不合格 at ranks 21–23
    expect(ranking.rows.slice(-3).map((r) => [r.code, r.rank, r.score, r.grade])).toEqual([
      ['kjj', 21, 85, '良好'],
      ['jyj', 22, 55, '不合格'],
      ['gaj', 23, 40, '不合格'],
    ])
    // 11 优秀 (the quota), sfj 合格 at 100 whatever its score
    expect(ranking.rows.filter((r) => r.grade === '优秀')).toHaveLength(11)
    expect(ranking.rows.find((r) => r.code === VETOED)).toMatchObject({ score: 100, grade: '合格' })
  })

  it('GET /api/dashboard/summary: the same scores, ranks and grades; the average over them', async () => {
    const s = await get<Summary>(`/api/dashboard/summary?year=${YEAR}`)
    const want = expected()
    for (const [code, w] of want) expect(s.bureaus.find((b) => b.code === code), code).toMatchObject({ score: w.score, rank: w.rank, grade: w.grade })
    for (const b of s.bureaus.filter((x) => !want.has(x.code))) expect([b.score, b.rank, b.grade ?? null], b.code).toEqual([null, null, null])
    // 17 at 100 (sfj among them), 3 at 99.5, 85, 55, 40: (1700 + 298.5 + 180) ÷ 23 = 2178.5 ÷ 23 = 94.717…
    expect(s.averageScore).toBeCloseTo(94.72, 2)
  })

  it('GET /api/bureaus/:id/overview: each deduction in a sentence, and the points still to gain', async () => {
    const cases = [
      // [code, value, explanation, base and score, 可提升分值 = 100 × points not earned ÷ 2]
      ['kjj', 7, '少1次，扣0.3分', 85, 15],
      ['jyj', 5, '少3次，扣0.9分', 55, 45],
      ['gaj', 2, '少6次，扣1.2分（扣分上限1.2分）', 40, 60],
    ] as const
    const want = expected()
    for (const [code, value, explanation, score, available] of cases) {
      const o = await overview(code)
      expect(o, code).toMatchObject({ score, baseScore: score, bonus: 0, deduction: 0, adjustments: [], rank: want.get(code)!.rank, grade: want.get(code)!.grade })
      const ind = o.indicators.find((i) => i.code === MEETINGS)!
      expect(ind, code).toMatchObject({ value, target: 8, weight: 2, explanation, pointsAvailable: available, ruleText: '每少1次扣0.3分，累计扣分不超过1.2分' })
      // indicators without points have nothing to gain
      expect(o.indicators.filter((i) => i.code !== MEETINGS).every((i) => i.pointsAvailable === 0), code).toBe(true)
    }
    // the bureau itself reads the same sentence on its own page
    expect((await overview('kjj', await login(t.app, 'kjj', DEMO_PASSWORD))).indicators.find((i) => i.code === MEETINGS)!.explanation).toBe('少1次，扣0.3分')
  })

  it('a late report: 0.5 off the base of 100, said in a sentence', async () => {
    for (const code of late) {
      const o = await overview(code)
      expect(o, code).toMatchObject({ baseScore: 100, deduction: 0.5, score: 99.5, adjustments: [{ kind: 'late', points: 0.5, text: '逾期上报，扣0.5分' }] })
      expect(o.indicators.find((i) => i.code === MEETINGS)!.explanation, code).toBeNull()
    }
  })

  it('a veto: 100 points and graded 合格, with the reason on the page', async () => {
    const o = await overview(VETOED)
    expect(o).toMatchObject({ score: 100, grade: '合格', adjustments: [{ kind: 'veto', points: 0, text: '触发一票否决，等次不高于合格' }] })
    expect(o.indicators.find((i) => i.code === LOST)!.explanation).toBe('一票否决：等次不高于合格')
    // a bureau with no lawsuit lost is not capped
    expect((await overview('fgw')).indicators.find((i) => i.code === LOST)!.explanation).toBeNull()
  })
})
