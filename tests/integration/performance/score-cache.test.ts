import { CATEGORIES, type Summary } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CATEGORY_COLUMNS, scoreStore } from '../../../server/src/features/dashboard/scores'
import { handScore, isReportedStatus, loadYear } from '../dashboard/raw'
import { truthOf } from '../../helpers/databases'
import { failInserts } from '../../helpers/fail-inserts'
import { setSchemeIndicator, writeScheme } from '../../helpers/scheme'
import { createWorkflowApp, type WorkflowContext } from '../workflow/helpers'

/**
 * The pre-aggregated table `bureau_year_scores` against a from-scratch computation: after every
 * kind of write that feeds the scores, once the dashboard reads, it must hold exactly what scoring
 * the source tables gives; and a rebuild from nothing must reproduce it.
 */

let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp()
})
afterAll(() => t.close())

type Row = Record<string, unknown>
const rowsOf = async (year?: number) =>
  (await t.sql.all<Row>(`select * from bureau_year_scores ${year === undefined ? '' : 'where year = ?'} order by year, bureau_id`, year === undefined ? [] : [year])).map((r): Row => ({
    ...r,
    dirty: truthOf(r.dirty),
  }))
const dirtyCount = async (year?: number) =>
  (
    await t.sql.get(`select cast(count(*) as integer) as n from bureau_year_scores where dirty = true ${year === undefined ? '' : 'and year = ?'}`, (year === undefined ? [] : [year])) as { n: number }
  ).n
const years = async () => (await t.sql.all('select year from cycles order by year') as { year: number }[]).map((c) => c.year)

/** Every year scored from the source tables in one whole-year pass, compared with the table. */
async function mismatches(now = new Date()): Promise<string[]> {
  const out: string[] = []
  for (const year of await years()) {
    const stored = new Map((await rowsOf(year)).map((r) => [r.bureau_id as number, r]))
    const { rows } = await scoreStore(t.db).compute(year, null, now)
    const scored = new Set(rows.map((r) => r.bureauId))
    for (const bureauId of stored.keys()) if (!scored.has(bureauId)) out.push(`${year} #${bureauId}: a row without a submission or items`)
    for (const r of rows) {
      const row = stored.get(r.bureauId)
      const label = `${year} #${r.bureauId}`
      if (!row) {
        out.push(`${label}: no row`)
        continue
      }
      const expected: Row = {
        dirty: 0,
        submission_id: r.submissionId,
        status: r.status,
        submitted_at: r.submittedAt,
        score: r.score,
        completion: r.completion,
        fill_rate: r.fillRate,
        bonus: r.bonus,
        deduction: r.deduction,
        grade_cap: r.gradeCap,
        rect_total: r.rectTotal,
        rect_not_started: r.rectNotStarted,
        rect_in_progress: r.rectInProgress,
        rect_pending: r.rectPending,
        rect_done: r.rectDone,
        rect_overdue: r.rectOverdue,
        ...Object.fromEntries(CATEGORIES.map((c) => [CATEGORY_COLUMNS[c.code], r.categories[c.code]])),
      }
      for (const [column, value] of Object.entries(expected)) if (row[column] !== value) out.push(`${label} ${column}: ${row[column]} ≠ ${value}`)
      const applicable = r.indicators ? Object.fromEntries(r.indicators.filter((i) => i.applicable && i.value !== null).map((i) => [i.code, i.value])) : null
      const storedValues = row.indicator_values === null ? null : JSON.parse(row.indicator_values as string)
      if (JSON.stringify(storedValues) !== JSON.stringify(applicable)) out.push(`${label} indicator_values differ`)
    }
  }
  return out
}

const submissionId = async (code: string, year: number) => (await t.submissionOf(code, year))!.id
type Item = { id: number; problem: string; deadline: string; status: string; verifiedAt: string | null; version: number }

describe('bureau_year_scores', () => {
  it('starts equal to the from-scratch computation of the seeded county', async () => {
    expect((await rowsOf()).length).toBeGreaterThan(100)
    expect(await dirtyCount()).toBe(0)
    expect(await mismatches()).toEqual([])
  })

  it('is equal again after each kind of write once the dashboard reads (every year)', async () => {
    const gxj = await submissionId('gxj', 2025)
    const writes: [string, () => Promise<{ status: number; body: unknown }>][] = [
      [
        'value save',
        async () => {
          const { version } = (await t.call('office', 'GET', `/api/submissions/${gxj}`)).body
          return t.call('office', 'PUT', `/api/submissions/${gxj}`, {
            version,
            values: [
              { indicator: 'lead.topic_meetings', value: 1 },
              { indicator: 'review.normative_docs_issued', value: 0 },
              { indicator: 'oversight.litigation_lost', value: 2 },
            ],
          })
        },
      ],
      ['value cleared', async () => {
        const { version } = (await t.call('office', 'GET', `/api/submissions/${gxj}`)).body
        return t.call('office', 'PUT', `/api/submissions/${gxj}`, { version, values: [{ indicator: 'disclosure.items_published', value: null }] })
      }],
      [
        'ledger entry rolled up',
        async () =>
          t.call('office', 'POST', '/api/ledgers/publicity-events', {
            year: 2025,
            bureauId: await t.bureauId('gxj'),
            date: '2025-06-01',
            title: '民法典进企业',
            form: '宣讲',
            audience: 40,
            enterprisesCovered: 25,
          }),
      ],
      [
        'rectification item added (open, deadline ahead)',
        async () =>
          t.call('office', 'POST', '/api/rectifications', {
            year: 2025,
            bureauId: await t.bureauId('kjj'),
            problem: '规范性文件备案不及时',
            measure: '建立备案台账',
            owner: '办公室',
            deadline: '2099-12-31',
            status: 'in_progress',
          }),
      ],
      [
        'rectification item to a bureau-year with no submission',
        async () =>
          t.call('office', 'POST', '/api/rectifications', {
            year: 2025,
            bureauId: await t.bureauId('xfj'),
            problem: '信访事项办理不及时',
            deadline: '2025-09-30',
            status: 'not_started',
          }),
      ],
      [
        'rectification item done (waits for verification)',
        async () => {
          const items = (await t.call('office', 'GET', `/api/rectifications?year=2025&bureauId=${await t.bureauId('jyj')}`)).body as Item[]
          const open = items.find((i) => i.status !== 'done') ?? items.find((i) => i.verifiedAt === null)!
          return t.call('office', 'PUT', `/api/rectifications/${open.id}`, {
            problem: open.problem,
            deadline: open.deadline,
            status: 'done',
            completedAt: '2025-11-30',
            evidence: '整改报告已归档',
            version: open.version,
          })
        },
      ],
      [
        'rectification item verified (销号)',
        async () => {
          const pending = (await t.call('office', 'GET', '/api/rectifications?year=2025&status=pending')).body as Item[]
          return t.call('office', 'POST', `/api/rectifications/${pending[0].id}/verify`, { approve: true, version: pending[0].version })
        },
      ],
      [
        'rectification item deleted',
        async () => {
          // A verified item is final: the one deleted is still open.
          const items = (await t.call('office', 'GET', `/api/rectifications?year=2025&bureauId=${await t.bureauId('gaj')}`)).body as Item[]
          const open = items.find((i) => i.verifiedAt === null) ?? (await t.call('office', 'GET', '/api/rectifications?year=2025&status=overdue')).body[0]
          return t.call('office', 'DELETE', `/api/rectifications/${open.id}?version=${open.version}`)
        },
      ],
      [
        'publication after the deadline',
        async () => t.call('office', 'PUT', `/api/submissions/${await submissionId('czj', 2025)}/publication`, { publishedUrl: 'http://www.example.gov.cn/czj/2025.html', publishedAt: '2026-04-20' }),
      ],
      ['submission returned', async () => t.call('office', 'POST', `/api/submissions/${await submissionId('kjj', 2025)}/reopen`)],
      [
        'publish deadline moved',
        async () => {
          const cycle = ((await t.call('office', 'GET', '/api/cycles')).body as { year: number; version: number }[]).find((c) => c.year === 2025)!
          return t.call('office', 'PUT', '/api/cycles/2025', { dueDate: '2026-03-01', publishDeadline: '2026-03-20', version: cycle.version })
        },
      ],
    ]
    for (const [what, write] of writes) {
      const res = await write()
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBeLessThan(300)
      // The write only marked its rows dirty; a trend over every year recomputes them.
      expect((await t.call('office', 'GET', '/api/trends?from=2000&to=2100')).status).toBe(200)
      expect(await dirtyCount(), what).toBe(0)
      expect(await mismatches(), what).toEqual([])
    }
    // the writes did change scores, so the comparison above was not between two unchanged tables
    const gxjId = await t.bureauId('gxj')
    const gxjRow = (await rowsOf(2025)).find((r) => r.bureau_id === gxjId)!
    expect(gxjRow.score).not.toBeNull()
    const xfjId = await t.bureauId('xfj')
    expect((await rowsOf(2025)).find((r) => r.bureau_id === xfjId)).toMatchObject({ submission_id: null, status: null, rect_total: 1 })
  })

  it('changes made straight in SQL (the scheme: targets, points, rules, late deduction; enforcement powers) are picked up before the next read', async () => {
    const sql = t.sql
    await writeScheme(sql, 2025)
    await setSchemeIndicator(sql, 2025, 'lead.topic_meetings', { target: 4, weight: 9, rule: { kind: 'perUnit', points: 2, cap: 5 } })
    await sql.run('update schemes set late_deduction = 0.5 where year = 2025')
    await sql.run("update bureaus set has_enforcement = not has_enforcement where code = 'kjj'")
    expect(await dirtyCount(2025)).toBeGreaterThan(20)
    // A read recomputes what it reads: the year and the year before (for the rank change)…
    const summary = (await t.call('office', 'GET', '/api/dashboard/summary?year=2025')).body as Summary
    expect(await dirtyCount(2025)).toBe(0)
    expect(await dirtyCount(2024)).toBe(0)
    // …and a trend over every year, every year.
    expect((await t.call('office', 'GET', '/api/trends?from=2021&to=2026')).status).toBe(200)
    expect(await dirtyCount()).toBe(0)
    expect(await mismatches()).toEqual([])

    // …and the summary served shows the new scheme: each reported score agrees with a hand computation
    const raw = await loadYear(sql, 2025)
    let late = 0
    for (const b of raw.activeBureaus.filter((x) => isReportedStatus(raw.submissionByBureau.get(x.id)?.status))) {
      const shown = summary.bureaus.find((x) => x.bureauId === b.id)!
      const mine = handScore(raw, b, Date.now())
      expect(Math.abs(shown.score! - mine.score), b.code).toBeLessThanOrEqual(0.005 + 1e-9)
      if (mine.deduction > 0) late++
    }
    // the late reports of the demo county did lose the 0.5 points
    expect(late).toBeGreaterThan(0)
  })

  it('a rebuild in one transaction reproduces the table row for row', async () => {
    const before = await rowsOf()
    const written = await scoreStore(t.db).rebuild()
    expect(written).toBe(before.length)
    expect(await rowsOf()).toEqual(before)
  })

  it('a rebuild is all or nothing: a failure leaves the table as it was', async () => {
    const before = await rowsOf()
    // A trigger that fails the rebuild half-way, after it has emptied the table.
    const restore = await failInserts(t.sql, 'bureau_year_scores', 'boom', 'new.year = 2024')
    try {
      await expect(scoreStore(t.db).rebuild()).rejects.toThrow('boom')
    } finally {
      await restore()
    }
    expect(await rowsOf()).toEqual(before)
  })
})
