import type { BureauOverview, Ranking, ResultVersion, Summary } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { completeValues, createWorkflowApp, type WorkflowContext } from '../workflow/helpers'
import { loadWorkbook, rowsOf, sheet } from '../exports/workbook'

/**
 * 定稿发布: a published version freezes the summary, ranking, overviews and exports of a year; later
 * approvals, reopenings and value changes move only the live figures.
 */

const NOW = new Date('2026-11-22T00:00:00Z')
let t: WorkflowContext

beforeAll(async () => {
  t = await createWorkflowApp({ now: NOW })
})
afterAll(() => t.close())

async function raw(username: string, url: string) {
  return t.app.inject({ method: 'GET', url, headers: await t.as(username) })
}
async function json<T>(username: string, url: string): Promise<T> {
  const res = await raw(username, url)
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return res.json() as T
}
const publish = (title: string, year = 2025, username = 'office') => t.call(username, 'POST', `/api/cycles/${year}/publish`, { title })

/** Every cell of every sheet of an export. */
async function cells(username: string, url: string) {
  const res = await raw(username, url)
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
  const wb = await loadWorkbook(res.rawPayload)
  return Object.fromEntries(wb.worksheets.map((ws) => [ws.name, rowsOf(ws, 1)]))
}

/** Reopens an approved report, lowers one value, resubmits it, and approves it again. */
async function reopenChangeAndApprove(code: string) {
  const id = (await t.submissionOf(code, 2025))!.id
  expect((await t.call('office', 'POST', `/api/submissions/${id}/reopen`)).status).toBe(200)
  const detail = (await t.call(code, 'GET', `/api/submissions/${id}`)).body
  const saved = await t.call(code, 'PUT', `/api/submissions/${id}`, { version: detail.version, values: [{ indicator: 'lead.duty_report', value: false }] })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  expect((await t.call(code, 'POST', `/api/submissions/${id}/submit`)).status).toBe(200)
  expect((await t.call('office', 'POST', `/api/submissions/${id}/approve`)).status).toBe(200)
}

/** A draft filled in completely and submitted: a bureau that enters the ranking. */
async function submitDraft(code: string) {
  const id = (await t.submissionOf(code, 2025))!.id
  const detail = (await t.call(code, 'GET', `/api/submissions/${id}`)).body
  const saved = await t.call(code, 'PUT', `/api/submissions/${id}`, { version: detail.version, values: completeValues(detail) })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  const submitted = await t.call(code, 'POST', `/api/submissions/${id}/submit`)
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
}

describe('publishing a year and reading it back frozen', () => {
  let v1: { figures: string; summary: Summary; ranking: Ranking; overview: BureauOverview; workbook: Awaited<ReturnType<typeof cells>>; rankingCsv: string }
  let changed: string
  const V = '?year=2025&version=1'

  it('numbers versions from 1 per year, audited, and freezes the figures the pages show', async () => {
    const first = await publish('2025年度考核定稿')
    expect(first).toEqual({ status: 201, body: { version: 1 } })
    expect(await t.auditOf('results.publish', '2025/1')).toHaveLength(1)

    const kjj = await t.bureauId('kjj')
    v1 = {
      figures: (await raw('office', '/api/results/2025/1')).body,
      summary: await json<Summary>('office', `/api/dashboard/summary${V}`),
      ranking: await json<Ranking>('office', `/api/ranking${V}`),
      overview: await json<BureauOverview>('office', `/api/bureaus/${kjj}/overview${V}`),
      workbook: await cells('office', `/api/exports/summary.xlsx${V}`),
      rankingCsv: (await raw('office', `/api/exports/ranking.csv${V}`)).body,
    }
    // Version 1 is what the live pages said at publication.
    expect(v1.summary).toEqual(await json<Summary>('office', '/api/dashboard/summary?year=2025'))
    expect(v1.ranking).toEqual(await json<Ranking>('office', '/api/ranking?year=2025'))
    expect(v1.overview).toEqual(await json<BureauOverview>('office', `/api/bureaus/${kjj}/overview?year=2025`))
    const figures = JSON.parse(v1.figures)
    expect(figures).toMatchObject({ year: 2025, version: 1, title: '2025年度考核定稿', publishedAt: NOW.toISOString() })
    expect(figures.overviews).toHaveLength(v1.summary.bureaus.length)

    const versions = await json<ResultVersion[]>('office', '/api/results/2025')
    expect(versions).toEqual([
      { version: 1, title: '2025年度考核定稿', publishedAt: NOW.toISOString(), publishedBy: '县委依法治县办', changes: { ranksMoved: [], scoresChanged: [], added: [], removed: [] } },
    ])
    // The workbook names the version and its publication, not the time of download.
    expect(String(v1.workbook['排名'][1][1])).toContain('定稿 第1版（2026-11-22）《2025年度考核定稿》　发布时间：2026-11-22 08:00')
  })

  it('stays byte-identical and unchanged after approvals, reopenings and value changes, while live moves', async () => {
    changed = v1.ranking.rows[0].code
    t.setNow(new Date(NOW.getTime() + 86_400_000))
    await reopenChangeAndApprove(changed)
    await submitDraft('gxj')

    const kjj = await t.bureauId('kjj')
    expect((await raw('office', '/api/results/2025/1')).body).toBe(v1.figures)
    expect((await raw('leader', '/api/results/2025/1')).body).toBe(v1.figures)
    expect(await json<Summary>('office', `/api/dashboard/summary${V}`)).toEqual(v1.summary)
    expect(await json<Ranking>('office', `/api/ranking${V}`)).toEqual(v1.ranking)
    expect(await json<BureauOverview>('office', `/api/bureaus/${kjj}/overview${V}`)).toEqual(v1.overview)
    expect(await cells('office', `/api/exports/summary.xlsx${V}`)).toEqual(v1.workbook)
    expect((await raw('office', `/api/exports/ranking.csv${V}`)).body).toBe(v1.rankingCsv)

    const live = await json<Ranking>('office', '/api/ranking?year=2025')
    expect(live).not.toEqual(v1.ranking)
    expect(live.rows.map((r) => r.code)).toContain('gxj')
    expect(v1.ranking.rows.map((r) => r.code)).not.toContain('gxj')
    const liveScore = live.rows.find((r) => r.code === changed)!.score
    expect(liveScore).toBeLessThan(v1.ranking.rows[0].score)
    expect((await json<Summary>('office', '/api/dashboard/summary?year=2025')).reported).toBe(v1.summary.reported + 1)
  })

  it('republishing records the ranks moved, scores changed and bureaus added against the version before', async () => {
    expect((await publish('复核后定稿')).body).toEqual({ version: 2 })
    const v2 = await json<Ranking>('office', '/api/ranking?year=2025&version=2')
    const { changes } = (await json<ResultVersion[]>('office', '/api/results/2025'))[1]

    const before = new Map(v1.ranking.rows.map((r) => [r.bureauId, r]))
    const moved = v2.rows.filter((r) => before.has(r.bureauId) && before.get(r.bureauId)!.rank !== r.rank)
    expect(changes.ranksMoved).toEqual(moved.map((r) => ({ bureauId: r.bureauId, name: r.name, from: before.get(r.bureauId)!.rank, to: r.rank })))
    expect(changes.ranksMoved.length).toBeGreaterThan(0)
    const gxj = v2.rows.find((r) => r.code === 'gxj')!
    expect(changes.added).toEqual([{ bureauId: gxj.bureauId, name: gxj.name, rank: gxj.rank, score: gxj.score }])
    const top = v2.rows.find((r) => r.code === changed)!
    expect(changes.scoresChanged).toContainEqual({ bureauId: top.bureauId, name: top.name, from: v1.ranking.rows[0].score, to: top.score })
    expect(changes.removed).toEqual([])
    // Version 1 is still as it was.
    expect((await raw('office', '/api/results/2025/1')).body).toBe(v1.figures)
  })

  it('serves a version’s exports with the same cells on every download', async () => {
    for (const file of ['summary.xlsx', 'ranking.xlsx', 'reporting.xlsx', 'rectifications.xlsx']) {
      const first = await cells('office', `/api/exports/${file}?year=2025&version=2`)
      t.setNow(new Date(Date.now()))
      expect(await cells('office', `/api/exports/${file}?year=2025&version=2`), file).toEqual(first)
    }
    const res = await raw('office', '/api/exports/ranking.xlsx?year=2025&version=2')
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('2025年度排名（定稿第2版）.xlsx')
  })
})

describe('publishing in parallel', () => {
  it('gives distinct consecutive version numbers', async () => {
    const results = await Promise.all([1, 2, 3, 4].map((i) => publish(`并发定稿 ${i}`, 2024)))
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201])
    expect(results.map((r) => r.body.version).sort()).toEqual([1, 2, 3, 4])
    expect((await json<ResultVersion[]>('office', '/api/results/2024')).map((v) => v.version)).toEqual([1, 2, 3, 4])
  })
})

describe('late reports', () => {
  it('are marked 逾期 in the published ranking, the ranking table and the 汇总表', async () => {
    const ranking = await json<Ranking>('office', '/api/ranking?year=2025&version=1')
    const late = ranking.rows.filter((r) => !r.onTime)
    expect(late.length).toBeGreaterThan(0)
    const wb = await loadWorkbook((await raw('office', '/api/exports/summary.xlsx?year=2025&version=1')).rawPayload)
    const [headers] = rowsOf(sheet(wb, '排名'), 3, 3)
    const onTimeColumn = headers.indexOf('是否按时')
    const deductionColumn = headers.indexOf('扣分')
    expect(onTimeColumn).toBeGreaterThan(0)
    expect(deductionColumn).toBeGreaterThan(0)
    const table = rowsOf(sheet(wb, '排名'), 4)
    ranking.rows.forEach((r, i) => expect(table[i][onTimeColumn], r.code).toBe(r.onTime ? '按时' : '逾期'))
    // the year's late deduction is taken from the late reports, and shown in the table
    const lateDeduction = (await t.sql.value('SELECT late_deduction FROM schemes WHERE year = 2025') as number | undefined) ?? 0
    expect(lateDeduction).toBeGreaterThan(0)
    for (const r of ranking.rows) expect(r.deduction, r.code).toBe(r.onTime ? 0 : lateDeduction)
    ranking.rows.forEach((r, i) => expect(table[i][deductionColumn], r.code).toBe(r.deduction))
    const summary = rowsOf(sheet(wb, '汇总表'), 7)
    for (const r of late) expect(summary.find((row) => row[2] === r.name)![3], r.code).toMatch(/（逾期）$/)
  })
})

describe('who may publish and read', () => {
  it('lets only the office publish, with a title, for an existing year', async () => {
    for (const who of ['leader', 'kjj']) expect((await publish('越权定稿', 2025, who)).status).toBe(403)
    const blank = await publish('   ')
    expect(blank.status).toBe(400)
    expect(blank.body.message).toContain('请填写定稿标题')
    expect((await publish('无此年度', 2019)).status).toBe(404)
    expect((await json<ResultVersion[]>('office', '/api/results/2025')).map((v) => v.version)).toEqual([1, 2])
  })

  it('lets a bureau user list the versions and read the published ranking, but no other bureau’s details', async () => {
    const kjj = await t.bureauId('kjj')
    const jyj = await t.bureauId('jyj')
    expect((await json<ResultVersion[]>('kjj', '/api/results/2025')).map((v) => v.version)).toEqual([1, 2])
    expect((await raw('kjj', '/api/results/2025/1')).statusCode).toBe(403)
    // The same ranking as the office's; another bureau's row without its details (bureau-exposure.test.ts).
    const league = (r: Ranking) => r.rows.map((row) => [row.rank, row.name, row.score, row.grade])
    const published = await json<Ranking>('kjj', '/api/ranking?year=2025&version=1')
    expect(league(published)).toEqual(league(await json<Ranking>('office', '/api/ranking?year=2025&version=1')))
    expect(Object.keys(published.rows.find((row) => row.bureauId === jyj)!)).not.toContain('completion')
    expect((await json<BureauOverview>('kjj', `/api/bureaus/${kjj}/overview?year=2025&version=1`)).bureau.id).toBe(kjj)
    const other = await raw('kjj', `/api/bureaus/${jyj}/overview?year=2025&version=1`)
    expect(other.statusCode).toBe(403)
    const csv = (await raw('kjj', '/api/exports/reporting.csv?year=2025&version=1')).body
    expect(csv.trim().split('\n')).toHaveLength(2)
  })

  it('answers an unknown version with 404 and a clear message, everywhere', async () => {
    for (const url of ['/api/results/2025/9', '/api/dashboard/summary?year=2025&version=9', '/api/ranking?year=2025&version=9', '/api/exports/ranking.csv?year=2025&version=9', `/api/bureaus/${await t.bureauId('kjj')}/overview?year=2025&version=9`]) {
      const res = await raw('office', url)
      expect(res.statusCode, url).toBe(404)
      expect(res.json().message, url).toBe('2025 年度没有定稿第 9 版')
    }
    expect((await raw('office', '/api/results/2019')).statusCode).toBe(404)
    const bad = await raw('office', '/api/ranking?year=2025&version=abc')
    expect(bad.statusCode).toBe(400)
  })
})
