import type { BureauOverview, Indicator, Ranking, Summary } from '@fazhi/shared'
import type ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, type TestContext } from '../../helpers/app'
import { chinaDate, endOfChinaDay } from '../dashboard/raw'
import { columnLetter, get, loadWorkbook, rowsOf, sheet, XLSX_TYPE } from './workbook'

const NOW = new Date('2026-11-22T00:00:00Z') // 08:00 in the county
let t: TestContext
let office: string
let wb: ExcelJS.Workbook
let summary: Summary
let indicators: Indicator[]

const SHEETS = ['汇总表', '排名', '整改台账', '上报情况']
/** 汇总表 layout: title, generation time, category row, indicator row, units, targets; bureaus from row 7. */
const FIRST_BUREAU_ROW = 7
const FIXED_LEFT = 3 // 序号, 单位, 上报状态

beforeAll(async () => {
  t = await createTestApp({ now: NOW })
  office = await login(t.app, 'office')
  summary = (await get(t, '/api/dashboard/summary?year=2025', office)).json()
  indicators = (await get(t, '/api/indicators?year=2025', office)).json()
  const res = await get(t, '/api/exports/summary.xlsx?year=2025', office)
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
  expect(res.headers['content-type']).toBe(XLSX_TYPE)
  wb = await loadWorkbook(res.rawPayload)
})
afterAll(() => t.close())

const num = (v: ExcelJS.CellValue) => (typeof v === 'number' ? v : null)
const summaryRows = () => {
  const ws = sheet(wb, '汇总表')
  const rows = rowsOf(ws, FIRST_BUREAU_ROW)
  const avgIndex = rows.findIndex((r) => r[1] === '平均')
  return { ws, bureaus: rows.slice(0, avgIndex), average: rows[avgIndex], averageRow: FIRST_BUREAU_ROW + avgIndex }
}
const scoreCol = () => FIXED_LEFT + indicators.length + 1

describe('GET /api/exports/summary.xlsx: the meeting workbook', () => {
  it('has the four sheets, each with the title and the generation time (China time)', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(SHEETS)
    const titles = wb.worksheets.map((w) => String(w.getCell('A1').value))
    expect(titles[0]).toBe('示例县2025年度法治政府建设情况汇总表')
    for (const title of titles) expect(title).toMatch(/^示例县2025年度/)
    for (const ws of wb.worksheets) expect(String(ws.getCell('A2').value), ws.name).toMatch(/^生成时间：2026-11-22 08:00/)
  })

  it('prints A4 landscape, fit to one page wide, with the header rows on every page and frozen', () => {
    const headerRows: Record<string, string> = { 汇总表: '3:6', 排名: '3:3', 整改台账: '3:3', 上报情况: '3:3' }
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup.paperSize, ws.name).toBe(9)
      expect(ws.pageSetup.orientation, ws.name).toBe('landscape')
      expect(ws.pageSetup.fitToWidth, ws.name).toBe(1)
      expect(ws.pageSetup.fitToHeight, ws.name).toBe(0)
      expect(ws.pageSetup.printTitlesRow, ws.name).toBe(headerRows[ws.name])
      const view = ws.views[0] as ExcelJS.WorksheetView & { ySplit?: number }
      expect(view.state, ws.name).toBe('frozen')
      expect(view.ySplit, ws.name).toBe(Number(headerRows[ws.name].split(':')[1]))
      for (let c = 1; c <= ws.columnCount; c++) expect(ws.getColumn(c).width, `${ws.name} ${c}`).toBeGreaterThanOrEqual(5)
    }
  })

  it('汇总表 has a two-level header: each category cell spans exactly its indicators', () => {
    const ws = sheet(wb, '汇总表')
    const merges = new Set(ws.model.merges)
    let col = FIXED_LEFT + 1
    const categories = [...new Set(indicators.map((i) => i.categoryName))]
    for (const category of categories) {
      const members = indicators.filter((i) => i.categoryName === category)
      const start = col
      const end = col + members.length - 1
      expect(ws.getCell(3, start).value).toBe(category)
      if (end > start) expect(merges, category).toContain(`${columnLetter(start)}3:${columnLetter(end)}3`)
      members.forEach((ind, k) => expect(ws.getCell(4, start + k).value).toBe(ind.name))
      col = end + 1
    }
    expect(col).toBe(FIXED_LEFT + indicators.length + 1)
    // 序号/单位/上报状态 span both header rows; the units and targets rows follow.
    for (const c of ['A', 'B', 'C']) expect(merges).toContain(`${c}3:${c}4`)
    expect(ws.getCell('A5').value).toBe('计量单位')
    expect(ws.getCell('A6').value).toBe('目标值')
    const lead = indicators.findIndex((i) => i.code === 'lead.topic_meetings') + FIXED_LEFT + 1
    expect(ws.getCell(5, lead).value).toBe('次')
    expect(ws.getCell(6, lead).value).toBe('≥2')
    const right = ['得分', '等次', '加分', '扣分', '达标率', '填报完整率', '排名']
    expect(right.map((_, i) => ws.getCell(3, scoreCol() + i).value)).toEqual(right)
  })

  it('has one row per active bureau, with the dashboard’s score, 等次, 加分, 扣分, 达标率, 填报完整率 and rank', async () => {
    const ranking: Ranking = (await get(t, '/api/ranking?year=2025', office)).json()
    const ranked = new Map(ranking.rows.map((r) => [r.bureauId, r]))
    const { bureaus } = summaryRows()
    expect(bureaus).toHaveLength(summary.bureaus.length)
    expect(bureaus.map((r) => r[2])).toEqual(summary.bureaus.map((b) => b.name))
    const col = scoreCol()
    summary.bureaus.forEach((b, i) => {
      const row = bureaus[i]
      if (b.score === null) expect(row[col], b.code).toBe('—')
      else expect(num(row[col]), b.code).toBeCloseTo(b.score, 2)
      // The grade, bonus and deduction are the ranking's, and the summary's grade is the same.
      const r = ranked.get(b.bureauId)
      expect(row[col + 1], b.code).toBe(b.grade ?? '—')
      expect(r?.grade ?? null, b.code).toBe(b.grade ?? null)
      expect(row[col + 2], b.code).toBe(r ? r.bonus : '—')
      expect(row[col + 3], b.code).toBe(r ? r.deduction : '—')
      if (b.completion !== null) expect(num(row[col + 4]), b.code).toBeCloseTo(b.completion, 4)
      if (b.fillRate !== null) expect(num(row[col + 5]), b.code).toBeCloseTo(b.fillRate, 4)
      expect(row[col + 6], b.code).toBe(b.rank === null ? '—' : b.tied ? `${b.rank}（并列）` : b.rank)
    })
    const missing = summary.bureaus.findIndex((b) => b.code === 'xfj')
    expect(bureaus[missing][3]).toBe('未上报')
  })

  it('scores only reported submissions: a draft shows its status and no figures, as on the dashboard', async () => {
    const { bureaus } = summaryRows()
    const index = summary.bureaus.findIndex((b) => b.code === 'gxj')
    const draft = summary.bureaus[index]
    expect(draft.status).toBe('draft')
    expect([draft.score, draft.completion, draft.fillRate, draft.rank]).toEqual([null, null, null, null])
    expect(Object.values(draft.categories).every((v) => v === null)).toBe(true)
    const row = bureaus[index]
    expect(row[3]).toBe('草稿')
    expect(row[FIXED_LEFT + 1]).toBe('草稿，未计分')
    for (let c = FIXED_LEFT + 2; c <= FIXED_LEFT + indicators.length; c++) expect(row[c], `column ${c}`).toBe('草稿，未计分') // merged
    expect(row.slice(scoreCol(), scoreCol() + 7)).toEqual(['—', '—', '—', '—', '—', '—', '—'])
    const overview: BureauOverview = (await get(t, `/api/bureaus/${draft.bureauId}/overview?year=2025`, office)).json()
    expect(overview.status).toBe('draft')
    expect(overview.score).toBeNull()
    expect(overview.indicators.every((i) => i.value === null && !i.applicable)).toBe(true)
  })

  it('shows each indicator as the bureau overview does, and fills unmet and unfilled cells', async () => {
    const { ws } = summaryRows()
    for (const code of ['kjj', 'jyj']) {
      const index = summary.bureaus.findIndex((b) => b.code === code)
      const overview: BureauOverview = (await get(t, `/api/bureaus/${summary.bureaus[index].bureauId}/overview?year=2025`, office)).json()
      const row = ws.getRow(FIRST_BUREAU_ROW + index)
      overview.indicators.forEach((ind, k) => {
        const cell = row.getCell(FIXED_LEFT + 1 + k)
        const isBoolean = ind.kind === 'boolean' || ind.derivedAs === 'boolean'
        if (ind.value !== null) {
          if (isBoolean) expect(cell.value, `${code} ${ind.code}`).toBe(ind.value >= 1 ? '是' : '否')
          else expect(num(cell.value), `${code} ${ind.code}`).toBeCloseTo(ind.value, 2)
        }
        const filled = (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb
        if (ind.applicable && !ind.met) expect(filled, `${code} ${ind.code} should be marked`).toBeTruthy()
        else expect(filled, `${code} ${ind.code} should be plain`).toBeUndefined()
      })
    }
  })

  it('ends with the county row: the dashboard’s average score, indicator averages, 是 counts and the county 整改完成率', async () => {
    const { average, averageRow, ws } = summaryRows()
    expect(average[1]).toBe('平均')
    expect(num(average[scoreCol()])).toBeCloseTo(summary.averageScore!, 2)
    const kjj = summary.bureaus.find((b) => b.code === 'kjj')!
    const overview: BureauOverview = (await get(t, `/api/bureaus/${kjj.bureauId}/overview?year=2025`, office)).json()
    let yesNo = 0
    overview.indicators.forEach((ind, k) => {
      const v = average[FIXED_LEFT + 1 + k]
      if (ind.countyYes?.of) {
        // 是/否 columns: how many answered 是, a whole number, never a mean (— where no bureau's value counts: bonus items, vetoes).
        yesNo++
        expect(v, ind.code).toBe(ind.countyYes.yes)
        expect(Number.isInteger(v), ind.code).toBe(true)
        expect(ws.getCell(averageRow, FIXED_LEFT + 1 + k).numFmt, ind.code).toBe('"是"0"家"')
      } else if (ind.countyAverage === null) expect(v, ind.code).toBe('—')
      else expect(num(v), ind.code).toBeCloseTo(ind.countyAverage, 2)
    })
    expect(yesNo).toBeGreaterThanOrEqual(3)
    // One county 整改完成率 (items pooled): the summary's, the overview's and the workbook's.
    const rate = overview.indicators.find((i) => i.code === 'rectification.completion_rate')!
    expect(rate.countyAverage).toBeCloseTo(summary.rectification.completionRate! * 100, 2)
    const reportedRates = summary.bureaus.filter((b) => b.rectification.completionRate !== null && (b.status === 'submitted' || b.status === 'approved'))
    const meanOfRates = (reportedRates.reduce((s, b) => s + b.rectification.completionRate!, 0) / reportedRates.length) * 100
    expect(Math.abs(meanOfRates - rate.countyAverage!)).toBeGreaterThan(0.1) // the two definitions differ on the demo county
    const reported = summary.bureaus.filter((b) => b.status === 'submitted' || b.status === 'approved')
    const meanCompletion = reported.reduce((s, b) => s + b.completion!, 0) / reported.length
    expect(num(average[scoreCol() + 4])).toBeCloseTo(meanCompletion, 3)
  })
})

describe('the other sheets', () => {
  it('排名: ranked bureaus in order with ▲/▼/持平/上年未排名 change, then the unreported as 未上报', async () => {
    const ranking: Ranking = (await get(t, '/api/ranking?year=2025', office)).json()
    const rows = rowsOf(sheet(wb, '排名'), 4)
    expect(rows).toHaveLength(ranking.rows.length + ranking.unreported.length)
    ranking.rows.forEach((r, i) => {
      expect(rows[i][1]).toBe(r.tied ? `${r.rank}（并列）` : r.rank)
      expect(rows[i][2]).toBe(r.name)
      expect(num(rows[i][3])).toBeCloseTo(r.score, 2)
      expect([rows[i][4], rows[i][5], rows[i][6]]).toEqual([r.grade, r.bonus, r.deduction])
      const change = r.rankChange
      expect(rows[i][8]).toBe(change === null ? '上年未排名' : change === 0 ? '持平' : change > 0 ? `▲ ${change}` : `▼ ${-change}`)
    })
    expect(ranking.rows.some((r) => (r.rankChange ?? 0) < 0)).toBe(true)
    const tail = rows.slice(ranking.rows.length)
    expect(tail.map((r) => r[1])).toEqual(ranking.unreported.map(() => '未上报'))
    expect(tail.map((r) => r[2])).toEqual(ranking.unreported.map((u) => u.name))
  })

  it('整改台账: every item of the year, overdue derived from the clock, done items 待销号 until verified', async () => {
    const items = await t.sql.all(`SELECT b.name, r.problem, r.status, r.deadline, r.completed_at, r.verified_at FROM rectification_items r JOIN bureaus b ON b.id = r.bureau_id
          WHERE r.year = 2025 ORDER BY r.bureau_id, r.deadline, r.id`) as { name: string; problem: string; status: string; deadline: string; completed_at: string | null; verified_at: string | null }[]
    const rows = rowsOf(sheet(wb, '整改台账'), 4)
    expect(rows).toHaveLength(items.length)
    expect(sheet(wb, '整改台账').getRow(3).values).toEqual([undefined, '序号', '单位', '存在问题', '整改措施', '责任人', '整改时限', '整改状态', '完成日期'])
    const labels: Record<string, string> = { not_started: '未启动', in_progress: '整改中' }
    const seen = new Set<string>()
    items.forEach((it, i) => {
      expect(rows[i][2]).toBe(it.name)
      expect(rows[i][3]).toBe(it.problem)
      const isOverdue = it.status !== 'done' && NOW.getTime() > endOfChinaDay(it.deadline)
      const label = it.status === 'done' ? (it.verified_at ? '已销号' : '待销号') : isOverdue ? '逾期' : labels[it.status]
      seen.add(label)
      expect(rows[i][7], it.problem).toBe(label)
      expect(rows[i][8] ?? null).toBe(it.completed_at)
    })
    expect([...seen]).toEqual(expect.arrayContaining(['逾期', '待销号', '已销号']))
  })

  it('上报情况: status, China-time submission, 按时/逾期/未上报, days overdue, publication', async () => {
    const rows = rowsOf(sheet(wb, '上报情况'), 4)
    expect(rows).toHaveLength(summary.bureaus.length)
    const subs = await t.sql.all('SELECT b.code, s.published_url, s.published_at FROM submissions s JOIN bureaus b ON b.id = s.bureau_id WHERE s.year = 2025') as {
      code: string
      published_url: string | null
      published_at: string | null
    }[]
    const byCode = new Map(subs.map((s) => [s.code, s]))
    summary.bureaus.forEach((b, i) => {
      const row = rows[i]
      expect(row[2]).toBe(b.name)
      if (b.status === 'missing') {
        expect(row[3]).toBe('未上报')
        expect(row[5]).toBe('未上报')
      }
      if (b.firstSubmittedAt) {
        // A returned report keeps its first submission time; it is not reported until resubmitted.
        const china = new Date(Date.parse(b.firstSubmittedAt) + 8 * 3_600_000).toISOString()
        expect(row[4]).toBe(`${china.slice(0, 10)} ${china.slice(11, 16)}`)
        expect(row[5]).toBe(b.onTime === null ? '未上报' : b.onTime ? '按时' : '逾期')
      }
      expect(row[6]).toBe(b.daysOverdue > 0 ? b.daysOverdue : '—')
      const sub = byCode.get(b.code)
      expect(row[7] ?? null).toBe(sub?.published_url ?? null)
      expect(row[8] ?? null).toBe(sub?.published_at ? chinaDate(Date.parse(sub.published_at)) : null)
    })
    const returned = rows[summary.bureaus.findIndex((b) => b.code === 'swj')]
    expect([returned[3], returned[5]]).toEqual(['已退回', '未上报'])
    expect(returned[4]).not.toBeNull()
    const late = rows[summary.bureaus.findIndex((b) => b.code === 'jtysj')]
    expect(late[5]).toBe('逾期')
    expect(late[6]).toBeGreaterThan(0)
  })
})
