import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, type TestContext } from '../../helpers/app'
import { jsonOf } from '../../helpers/databases'
import { allText, get, loadWorkbook, parseCsv, rowsOf, sheet, XLSX_TYPE } from './workbook'

let t: TestContext
const cookies: Record<string, string> = {}
let names: Record<string, string>

const INJECTED = '=HYPERLINK("x")'

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-22T00:00:00Z') })
  const bureaus = await t.sql.all('SELECT id, code, name FROM bureaus') as { id: number; code: string; name: string }[]
  names = Object.fromEntries(bureaus.map((b) => [b.code, b.name]))
  const kjj = bureaus.find((b) => b.code === 'kjj')!
  // Text a bureau typed that a spreadsheet would run as a formula if it were exported as is.
  await t.sql.run(`INSERT INTO rectification_items (bureau_id, year, problem, measure, owner, deadline, status) VALUES (?, 2025, ?, ?, ?, '2026-12-31', 'in_progress')`, [kjj.id, INJECTED, '+SUM(1,2)', '@cmd'])
  for (const u of ['office', 'leader', 'kjj', 'sysadmin', 'auditor']) cookies[u] = await login(t.app, u)
})
afterAll(() => t.close())

const TABLES = [
  { kind: 'ranking', title: '2025年度排名', sheet: '排名', header: ['名次', '单位', '得分', '等次', '加分', '扣分', '达标率', '较上年', '是否按时'] },
  {
    kind: 'rectifications',
    title: '2025年度整改台账',
    sheet: '整改台账',
    header: ['序号', '单位', '存在问题', '整改措施', '责任人', '整改时限', '整改状态', '完成日期'],
  },
  {
    kind: 'reporting',
    title: '2025年度上报情况',
    sheet: '上报情况',
    header: ['序号', '单位', '上报状态', '首次上报时间', '是否按时', '逾期天数', '报告公开网址', '公开日期'],
  },
] as const
const ALL_URLS = ['/api/exports/summary.xlsx', ...TABLES.flatMap((x) => [`/api/exports/${x.kind}.xlsx`, `/api/exports/${x.kind}.csv`])]

const csvOf = (payload: Buffer) => parseCsv(payload.subarray(3).toString('utf8'))
const otherBureauNames = (own: string) => Object.entries(names).filter(([code]) => code !== own).map(([, name]) => name)

describe('single-table exports', () => {
  for (const table of TABLES) {
    it(`${table.kind}.csv: UTF-8 with BOM, Chinese header, Chinese file name (RFC 5987)`, async () => {
      const res = await get(t, `/api/exports/${table.kind}.csv?year=2025`, cookies.office)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
      expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const rows = csvOf(res.rawPayload)
      expect(rows[0]).toEqual(table.header)
      expect(rows.length).toBeGreaterThan(20)
      const disposition = String(res.headers['content-disposition'])
      expect(disposition).toMatch(/^attachment;/)
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${table.title}.csv`)}`)
    })

    it(`${table.kind}.xlsx: one sheet with the same rows as the CSV`, async () => {
      const res = await get(t, `/api/exports/${table.kind}.xlsx?year=2025`, cookies.office)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe(XLSX_TYPE)
      expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent(`${table.title}.xlsx`)}`)
      const wb = await loadWorkbook(res.rawPayload)
      expect(wb.worksheets.map((w) => w.name)).toEqual([table.sheet])
      const ws = sheet(wb, table.sheet)
      expect(rowsOf(ws, 3, 3)[0].slice(1)).toEqual([...table.header])
      const csv = csvOf((await get(t, `/api/exports/${table.kind}.csv?year=2025`, cookies.office)).rawPayload)
      const units = rowsOf(ws, 4).map((r) => r[2])
      expect(units).toEqual(csv.slice(1).map((r) => r[1]))
      expect(ws.pageSetup.orientation).toBe('landscape')
      expect(ws.pageSetup.printTitlesRow).toBe('3:3')
    })
  }

  it('summary.xlsx is named after the summary table', async () => {
    const res = await get(t, '/api/exports/summary.xlsx?year=2025', cookies.office)
    expect(String(res.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('2025年度法治政府建设情况汇总表.xlsx')}`,
    )
  })

  it('answers 400 for a malformed year and 404 for a year without a cycle, as JSON', async () => {
    for (const url of ALL_URLS) {
      for (const year of ['abc', '1999', '']) {
        const res = await get(t, `${url}?year=${year}`, cookies.office)
        expect(res.statusCode, `${url} ${year}`).toBe(400)
        expect(res.json().statusCode).toBe(400)
      }
      const res = await get(t, `${url}?year=2030`, cookies.office)
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type']).toMatch(/application\/json/)
      expect(res.json().message).toContain('2030')
    }
  })
})

describe('formula injection', () => {
  it('xlsx: text starting with = + @ comes out as text, never a formula', async () => {
    for (const url of ['/api/exports/summary.xlsx', '/api/exports/rectifications.xlsx']) {
      const wb = await loadWorkbook((await get(t, `${url}?year=2025`, cookies.office)).rawPayload)
      const ws = sheet(wb, '整改台账')
      let found = 0
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${url} ${cell.address}`).not.toBe(ExcelJS.ValueType.Formula)
          if (String(cell.value).includes('HYPERLINK')) {
            found++
            expect(cell.value).toBe(`'${INJECTED}`)
            expect(row.getCell(4).value).toBe(`'+SUM(1,2)`)
            expect(row.getCell(5).value).toBe(`'@cmd`)
          }
        }),
      )
      expect(found, url).toBe(1)
    }
  })

  it('csv: the same cells start with an apostrophe', async () => {
    const rows = csvOf((await get(t, '/api/exports/rectifications.csv?year=2025', cookies.office)).rawPayload)
    const row = rows.find((r) => r[2].includes('HYPERLINK'))!
    expect(row[2]).toBe(`'${INJECTED}`)
    expect(row[3]).toBe(`'+SUM(1,2)`)
    expect(row[4]).toBe(`'@cmd`)
    for (const r of rows) for (const field of r) expect(field).not.toMatch(/^[=+\-@\t\r]/)
  })
})

describe('who gets what', () => {
  it('a bureau user gets the whole ranking but only their own rows elsewhere (xlsx)', async () => {
    const res = await get(t, '/api/exports/summary.xlsx?year=2025', cookies.kjj)
    expect(res.statusCode).toBe(200)
    const wb = await loadWorkbook(res.rawPayload)
    const others = otherBureauNames('kjj')

    const summaryRows = rowsOf(sheet(wb, '汇总表'), 7)
    expect(summaryRows.map((r) => r[2] ?? r[1])).toEqual([names.kjj, '平均'])
    for (const name of ['汇总表', '整改台账', '上报情况']) {
      const text = allText(sheet(wb, name))
      for (const other of others) expect(text, `${name} shows ${other}`).not.toContain(other)
    }
    expect(rowsOf(sheet(wb, '整改台账'), 4).every((r) => r[2] === names.kjj)).toBe(true)
    expect(rowsOf(sheet(wb, '整改台账'), 4).length).toBeGreaterThan(0)
    expect(rowsOf(sheet(wb, '上报情况'), 4).map((r) => r[2])).toEqual([names.kjj])
    expect(String(sheet(wb, '汇总表').getCell('A2').value)).toContain(`导出范围：${names.kjj}`)

    const ranking = rowsOf(sheet(wb, '排名'), 4).map((r) => r[2])
    expect(ranking).toHaveLength(Object.keys(names).length)
    expect(ranking).toContain(names.jyj)
  })

  it('a bureau user’s CSVs hold only their own bureau, except the ranking', async () => {
    const others = otherBureauNames('kjj')
    for (const kind of ['rectifications', 'reporting']) {
      const res = await get(t, `/api/exports/${kind}.csv?year=2025`, cookies.kjj)
      expect(res.statusCode).toBe(200)
      const text = res.rawPayload.toString('utf8')
      for (const other of others) expect(text, `${kind} shows ${other}`).not.toContain(other)
      expect(csvOf(res.rawPayload).slice(1).every((r) => r[1] === names.kjj)).toBe(true)
    }
    const xlsx = await loadWorkbook((await get(t, '/api/exports/rectifications.xlsx?year=2025', cookies.kjj)).rawPayload)
    for (const other of others) expect(allText(xlsx.worksheets[0])).not.toContain(other)
    const ranking = csvOf((await get(t, '/api/exports/ranking.csv?year=2025', cookies.kjj)).rawPayload)
    expect(ranking.slice(1).map((r) => r[1])).toContain(names.jyj)
  })

  it('office and leader get every bureau', async () => {
    for (const user of ['office', 'leader']) {
      const rows = csvOf((await get(t, '/api/exports/reporting.csv?year=2025', cookies[user])).rawPayload)
      expect(rows.slice(1).map((r) => r[1]).sort(), user).toEqual(Object.values(names).sort())
    }
  })

  it('sysadmin and auditor get 403, anonymous 401, with no data', async () => {
    for (const url of ALL_URLS) {
      for (const user of ['sysadmin', 'auditor']) {
        const res = await get(t, `${url}?year=2025`, cookies[user])
        expect(res.statusCode, `${user} ${url}`).toBe(403)
        expect(res.body).not.toContain('示例县')
      }
      const anonymous = await get(t, `${url}?year=2025`)
      expect(anonymous.statusCode, url).toBe(401)
      expect(anonymous.json().statusCode).toBe(401)
    }
  })

  it('every export is audited: who, which file, year and rows', async () => {
    const before = (await t.sql.get(`SELECT max(id) AS id FROM audit_events`) as { id: number }).id
    await get(t, '/api/exports/summary.xlsx?year=2025', cookies.leader)
    await get(t, '/api/exports/rectifications.csv?year=2025', cookies.kjj)
    await get(t, '/api/exports/ranking.xlsx?year=2025', cookies.office)
    await get(t, '/api/exports/ranking.xlsx?year=2025', cookies.sysadmin)
    const events = await t.sql.all(`SELECT username, action, object_type, object_id, after FROM audit_events WHERE id > ? ORDER BY id`, [before]) as { username: string; action: string; object_type: string; object_id: string; after: unknown }[]
    const exports = events.filter((e) => e.action === 'export')
    expect(exports.map((e) => [e.username, e.object_type, e.object_id])).toEqual([
      ['leader', 'export', 'summary'],
      ['kjj', 'export', 'rectifications'],
      ['office', 'export', 'ranking'],
    ])
    const after = exports.map((e) => jsonOf<{ rows: number }>(e.after))
    expect(after[0]).toMatchObject({ year: 2025, format: 'xlsx', rows: Object.keys(names).length })
    const kjjItems = (await t.sql.get(`SELECT cast(count(*) as integer) AS n FROM rectification_items r JOIN bureaus b ON b.id = r.bureau_id WHERE r.year = 2025 AND b.code = 'kjj'`) as { n: number }).n
    expect(after[1]).toMatchObject({ year: 2025, format: 'csv', rows: kjjItems })
    expect(after[2].rows).toBe(Object.keys(names).length)
  })
})
