import { CATALOG_BY_CODE, computeBureauScore, scoringContextFor, type StoredValue, type Summary, type YearIndicator } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, type TestContext } from '../../helpers/app'
import {
  addCounts,
  chinaDaysLate,
  endOfChinaDay,
  handScore,
  isReportedStatus,
  loadYear,
  rectCounts,
  type RawYear,
} from './raw'

const NOW = new Date('2026-11-22T00:00:00Z') // 22 Nov 2026, 08:00 in the county
let t: TestContext
let office: string

beforeAll(async () => {
  t = await createTestApp({ now: NOW })
  office = await login(t.app, 'office')
})
afterAll(() => t.close())

async function summary(year: number | string, cookie = office) {
  return t.app.inject({ method: 'GET', url: `/api/dashboard/summary?year=${year}`, headers: { cookie } })
}
const raw2025 = async () => await loadYear(t.sql, 2025)
const rowOf = (s: Summary, code: string) => {
  const row = s.bureaus.find((b) => b.code === code)
  if (!row) throw new Error(`no row for ${code}`)
  return row
}
const bureauByCode = (raw: RawYear, code: string) => {
  const b = raw.activeBureaus.find((x) => x.code === code)
  if (!b) throw new Error(`no bureau ${code}`)
  return b
}

describe('GET /api/dashboard/summary?year=2025: reporting', () => {
  it('上报率 and 按时上报率 match a count of the raw submissions', async () => {
    const raw = await raw2025()
    const expected = raw.activeBureaus.length
    const reportedSubs = raw.activeBureaus.map((b) => raw.submissionByBureau.get(b.id)).filter((s) => isReportedStatus(s?.status))
    const reported = reportedSubs.length
    const dueEnd = endOfChinaDay(raw.dueDate)
    const onTime = reportedSubs.filter((s) => s!.submitted_at !== null && Date.parse(s!.submitted_at) <= dueEnd).length

    // sanity of the demo data itself: 28 bureaus, 3 missing + 1 draft + 1 returned, 3 late
    expect(expected).toBe(28)
    expect(reported).toBe(23)
    expect(onTime).toBe(20)

    const res = await summary(2025)
    expect(res.statusCode).toBe(200)
    const s = res.json() as Summary
    expect(s.year).toBe(2025)
    expect(s.dueDate).toBe('2026-03-01')
    expect(s.expected).toBe(expected)
    expect(s.reported).toBe(reported)
    expect(s.onTime).toBe(onTime)
    expect(s.reportingRate).toBeCloseTo(reported / expected, 4)
    expect(s.onTimeRate).toBeCloseTo(onTime / expected, 4)
    expect(s.reportingRate).toBeLessThan(1)
    expect(s.onTimeRate).toBeLessThan(s.reportingRate)
  })

  it('lists every active bureau once with its raw status, and the three without a submission as missing', async () => {
    const raw = await raw2025()
    const s = (await summary(2025)).json() as Summary
    expect(s.bureaus.map((b) => b.bureauId).sort((a, b) => a - b)).toEqual(raw.activeBureaus.map((b) => b.id).sort((a, b) => a - b))
    for (const b of raw.activeBureaus) {
      expect(rowOf(s, b.code).status, b.code).toBe(raw.submissionByBureau.get(b.id)?.status ?? 'missing')
    }
    for (const code of ['xfj', 'tyjrj', 'mzzjj']) {
      const row = rowOf(s, code)
      expect(row.status).toBe('missing')
      expect(row.score).toBeNull()
      expect(row.rank).toBeNull()
      expect(row.onTime).toBeNull()
      expect(row.submittedAt).toBeNull()
    }
    expect(rowOf(s, 'gxj').status).toBe('draft')
    expect(rowOf(s, 'swj').status).toBe('returned')
    expect(s.bureaus.filter((b) => b.status === 'missing').map((b) => b.code).sort()).toEqual(['mzzjj', 'tyjrj', 'xfj'])
  })

  it('marks each reported bureau on time or late by the end of 1 March China time, and counts days late', async () => {
    const raw = await raw2025()
    const s = (await summary(2025)).json() as Summary
    const dueEnd = endOfChinaDay(raw.dueDate)
    for (const b of raw.activeBureaus) {
      const sub = raw.submissionByBureau.get(b.id)
      const row = rowOf(s, b.code)
      // Late is measured from the due date to the first submission (a return does not move it).
      const first = sub?.first_submitted_at ? Date.parse(sub.first_submitted_at) : null
      if (isReportedStatus(sub?.status)) {
        expect(row.onTime, b.code).toBe(first! <= dueEnd)
        expect(row.daysOverdue, b.code).toBe(chinaDaysLate(raw.dueDate, first!))
      } else {
        expect(row.onTime, b.code).toBeNull()
        // still not in: late by every China day from 2 March to today, unless it first came in before
        expect(row.daysOverdue, b.code).toBe(chinaDaysLate(raw.dueDate, first ?? NOW.getTime()))
      }
    }
    for (const code of ['jtysj', 'sjj', 'lyj']) expect(rowOf(s, code).onTime, code).toBe(false)
    // 2 March … 22 November 2026 = 30 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 22 days
    expect(rowOf(s, 'xfj').daysOverdue).toBe(266)
  })
})

describe('GET /api/dashboard/summary?year=2025: last year', () => {
  it('carries 2024’s totals (what the headline figures compare with), and none before the first cycle', async () => {
    const { year: _year2025, dueDate: _dueDate2025, bureaus: _bureaus2025, previous, ...totals2025 } = (await summary(2025)).json() as Summary
    const { year, dueDate: _dueDate, bureaus: _bureaus, previous: _before, ...totals2024 } = (await summary(2024)).json() as Summary
    expect(previous).toEqual({ year, ...totals2024 })
    expect(previous).not.toEqual({ year, ...totals2025 })
    const first = (await t.sql.get('select min(year) as year from cycles') as { year: number }).year
    expect(((await summary(first)).json() as Summary).previous).toBeNull()
  })
})

describe('GET /api/dashboard/summary?year=2025: 整改 counts', () => {
  function check(s: Summary, raw: RawYear, nowMs: number) {
    const per = raw.activeBureaus.map((b) => ({ code: b.code, c: rectCounts(raw.itemsByBureau.get(b.id) ?? [], nowMs) }))
    for (const { code, c } of per) expect(rowOf(s, code).rectification, code).toMatchObject(c)
    const total = addCounts(per.map((p) => p.c))
    expect(s.rectification).toMatchObject(total)
    // disjoint: they add up to the total
    expect(total.done + total.pending + total.overdue + total.inProgress + total.notStarted).toBe(total.total)
    expect(s.rectification.completionRate).toBeCloseTo(total.done / total.total, 4)
    return total
  }

  it('match the raw items at the server clock (all 2025 deadlines passed)', async () => {
    const raw = await raw2025()
    const total = check((await summary(2025)).json(), raw, NOW.getTime())
    expect(total.total).toBeGreaterThan(0)
    expect(total.inProgress + total.notStarted).toBe(0)
    expect(total.overdue).toBeGreaterThan(0)
  })

  it('an item due 31 Dec is not overdue at 23:59:59 China time that day, and is at 00:00 on 1 Jan', async () => {
    const raw = await raw2025()
    const before = new Date('2025-12-31T23:59:59+08:00')
    const after = new Date('2026-01-01T00:00:00+08:00')
    try {
      t.setNow(before)
      // Another account than the office's of beforeAll: a login ends the account's earlier session.
      const s1 = (await summary(2025, await login(t.app, 'leader'))).json() as Summary
      const c1 = check(s1, raw, before.getTime())
      t.setNow(after)
      const s2 = (await summary(2025, await login(t.app, 'leader'))).json() as Summary
      const c2 = check(s2, raw, after.getTime())
      // the seed has open items due 31 Dec, so the boundary really moves them
      expect(c1.inProgress + c1.notStarted).toBeGreaterThan(0)
      expect(c2.inProgress + c2.notStarted).toBe(0)
      expect(c2.overdue).toBe(c1.overdue + c1.inProgress + c1.notStarted)
    } finally {
      t.setNow(NOW)
    }
  })
})

describe('GET /api/dashboard/summary?year=2025: scores', () => {
  it('科技局 (kjj): score, 达标率 and 填报完整率 recomputed by hand from its raw values', async () => {
    const raw = await raw2025()
    const kjj = bureauByCode(raw, 'kjj')
    expect(kjj.has_enforcement).toBe(0)
    const mine = handScore(raw, kjj, NOW.getTime())
    // without enforcement powers 4 indicators drop out; the rest of the 27 scored ones remain
    // unless a rate's denominator is 0 or there are no rectification items
    expect(mine.indicators.filter((i) => i.code.startsWith('enforcement.')).every((i) => !i.applicable)).toBe(true)

    const s = (await summary(2025)).json() as Summary
    const row = rowOf(s, 'kjj')
    expect(Math.abs(row.score! - mine.score)).toBeLessThanOrEqual(0.005 + 1e-9)
    expect(Math.abs(row.completion! - mine.completion)).toBeLessThanOrEqual(0.00005 + 1e-9)
    expect(Math.abs(row.fillRate! - mine.fillRate)).toBeLessThanOrEqual(0.00005 + 1e-9)

    // …and indicator by indicator, as the bureau's overview shows them
    const ov = await t.app.inject({ method: 'GET', url: `/api/bureaus/${kjj.id}/overview?year=2025`, headers: { cookie: office } })
    expect(ov.statusCode).toBe(200)
    for (const ind of mine.indicators) {
      const shown = ov.json().indicators.find((i: { code: string }) => i.code === ind.code)
      expect(shown, ind.code).toBeDefined()
      expect(shown.applicable, ind.code).toBe(ind.applicable)
      if (ind.attainment === null) expect(shown.attainment, ind.code).toBeNull()
      else expect(shown.attainment, ind.code).toBeCloseTo(ind.attainment, 9)
    }
  })

  const mismatchesFor = (s: Summary, raw: RawYear, codes: readonly string[]) => {
    const out: string[] = []
    for (const code of codes) {
      const row = rowOf(s, code)
      const mine = handScore(raw, bureauByCode(raw, code), NOW.getTime())
      if (Math.abs(row.score! - mine.score) > 0.005 + 1e-9) out.push(`${code} score ${row.score} ≠ ${mine.score.toFixed(4)}`)
      if (Math.abs(row.completion! - mine.completion) > 0.00005 + 1e-9) out.push(`${code} completion ${row.completion} ≠ ${mine.completion.toFixed(6)}`)
      if (Math.abs(row.fillRate! - mine.fillRate) > 0.00005 + 1e-9) out.push(`${code} fillRate ${row.fillRate} ≠ ${mine.fillRate.toFixed(6)}`)
    }
    return out
  }

  it('every reported bureau: score, 达标率, 填报完整率 match the hand computation', async () => {
    const raw = await raw2025()
    const s = (await summary(2025)).json() as Summary
    const codes = raw.activeBureaus.filter((b) => isReportedStatus(raw.submissionByBureau.get(b.id)?.status)).map((b) => b.code)
    expect(codes).toHaveLength(23)
    expect(mismatchesFor(s, raw, codes)).toEqual([])
  })

  it('unreported submissions (draft gxj, returned swj) show their status and no figures', async () => {
    const raw = await raw2025()
    for (const code of ['gxj', 'swj']) expect(raw.submissionByBureau.get(bureauByCode(raw, code).id), code).toBeDefined()
    const s = (await summary(2025)).json() as Summary
    for (const code of ['gxj', 'swj']) {
      const b = s.bureaus.find((x) => x.code === code)!
      expect(b.status, code).toBe(code === 'gxj' ? 'draft' : 'returned')
      expect([b.score, b.completion, b.fillRate, b.rank, b.onTime], code).toEqual([null, null, null, null, null])
      expect(Object.values(b.categories).every((v) => v === null), code).toBe(true)
    }
    // The returned report keeps its first submission (the 催报 list shows it) and is not late by it.
    const swj = raw.submissionByBureau.get(bureauByCode(raw, 'swj').id)!
    expect(swj.first_submitted_at).not.toBeNull()
    expect(s.bureaus.find((x) => x.code === 'swj')).toMatchObject({ firstSubmittedAt: swj.first_submitted_at, daysOverdue: 0 })
  })

  it('公安局 (gaj, with enforcement powers): computeBureauScore over the raw rows agrees with the summary', async () => {
    const raw = await raw2025()
    const gaj = bureauByCode(raw, 'gaj')
    expect(gaj.has_enforcement).toBe(1)
    const sub = raw.submissionByBureau.get(gaj.id)!
    // The year's scheme rows as stored; a derived indicator's derivation comes from the catalog (the demo's bonus and veto items are not derived).
    const indicators: YearIndicator[] = raw.indicators.map((i) => {
      const catalog = CATALOG_BY_CODE.get(i.code)
      return {
        code: i.code,
        category: i.category as YearIndicator['category'],
        kind: i.kind as YearIndicator['kind'],
        direction: i.direction as YearIndicator['direction'],
        enforcementOnly: !!i.enforcement_only,
        derivation: catalog?.derivation,
        derivedAs: catalog?.derivedAs,
        target: i.target,
        weight: i.weight,
        rule: i.rule,
        appliesTo: i.applies_to,
        unit: i.unit,
      }
    })
    const values: Record<string, StoredValue> = {}
    for (const [code, v] of raw.valuesBySubmission.get(sub.id) ?? []) values[code] = { value: v.value, notApplicable: !!v.not_applicable }
    const rect = rectCounts(raw.itemsByBureau.get(gaj.id) ?? [], NOW.getTime())
    const expected = computeBureauScore(
      indicators,
      values,
      scoringContextFor({
        hasEnforcement: true,
        category: gaj.category,
        publishedAt: sub.published_at,
        publishDeadline: raw.publishDeadline,
        timing: { firstSubmittedAt: sub.first_submitted_at, lateResubmissions: sub.late_resubmissions },
        dueDate: raw.dueDate,
        rectification: rect,
      }),
      { bonusCap: raw.bonusCap, lateDeduction: raw.lateDeduction },
    )
    const row = rowOf((await summary(2025)).json(), 'gaj')
    expect(row.score).toBe(expected.score)
    expect(row.completion).toBe(expected.completion)
    expect(row.fillRate).toBe(expected.fillRate)
    // and the hand computation agrees with both
    expect(Math.abs(handScore(raw, gaj, NOW.getTime()).score - expected.score)).toBeLessThanOrEqual(0.005 + 1e-9)
  })

  it('averageScore is the mean score of the reported bureaus only', async () => {
    const raw = await raw2025()
    const reported = raw.activeBureaus.filter((b) => isReportedStatus(raw.submissionByBureau.get(b.id)?.status))
    const mean = reported.reduce((sum, b) => sum + handScore(raw, b, NOW.getTime()).score, 0) / reported.length
    const s = (await summary(2025)).json() as Summary
    expect(Math.abs(s.averageScore! - mean)).toBeLessThanOrEqual(0.01)
  })
})

describe('GET /api/dashboard/summary: bad input', () => {
  it('answers 404 with a message for a year without a cycle', async () => {
    const res = await summary(2019)
    expect(res.statusCode).toBe(404)
    expect(res.json().message).toContain('2019')
  })

  it('answers 400 with a message naming the parameter for a malformed or out-of-range year', async () => {
    for (const year of ['abc', '2025.5', '1800']) {
      const res = await summary(year)
      expect(res.statusCode, year).toBe(400)
      expect(res.json(), year).toMatchObject({ statusCode: 400, error: 'Bad Request' })
      expect(res.json().message, year).toContain('year')
    }
    const missing = await t.app.inject({ method: 'GET', url: '/api/dashboard/summary', headers: { cookie: office } })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().message).toEqual(expect.any(String))
  })
})
