import type { Reminders } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channelSwitches } from '../../../server/src/features/notifications/settings'
import { createTestApp, login, withCsrf, type TestContext } from '../../helpers/app'
import { get, loadWorkbook, parseCsv, rowsOf, sheet } from './workbook'

/** 催报记录: the 催报 list with each bureau's chases, for the 通报. 2026's due date is 2027-03-01. */
let t: TestContext
let list: Extract<Reminders, { scope: 'county' }>
const ids: Record<string, number> = {}
const csvOf = (payload: Buffer) => parseCsv(payload.subarray(3).toString('utf8'))

async function chaseAt(now: Date, codes: string[]) {
  t.setNow(now)
  const office = await login(t.app, 'office')
  const res = await t.app.inject({ method: 'POST', url: '/api/reminders/chase', payload: { year: 2026, bureauIds: codes.map((c) => ids[c]) }, headers: withCsrf(office) })
  expect(res.statusCode, res.body).toBe(200)
}

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2027-02-20T02:00:00Z') })
  for (const b of await t.sql.all('select id, code from bureaus') as { id: number; code: string }[]) ids[b.code] = b.id
  await channelSwitches(t.db).set({ email: true, webhook: false })
  await t.sql.run("update users set email = 'kjj@example.gov.cn' where username = 'kjj'")
  await chaseAt(new Date('2027-02-20T02:00:00Z'), ['kjj', 'jyj'])
  await chaseAt(new Date('2027-03-05T02:00:00Z'), ['kjj'])
  await t.sql.run("update notification_deliveries set status = 'sent', attempts = 1, delivered_at = '2027-03-05T02:01:00.000Z'")
  list = (await get(t, '/api/reminders?year=2026', await login(t.app, 'office'))).json()
}, 60_000)
afterAll(() => t.close())

describe('GET /api/exports/chase.xlsx|csv', () => {
  it('has one row per bureau of the 催报 list, with how often and how each was chased', async () => {
    const office = await login(t.app, 'office')
    const rows = csvOf((await get(t, '/api/exports/chase.csv?year=2026', office)).rawPayload)
    expect(rows[0]).toEqual(['序号', '单位', '上报状态', '逾期天数', '催报次数', '最近催报时间', '最近催报级别', '送达情况', '催报经过'])
    expect(rows.slice(1).map((r) => r[1])).toEqual(list.chase.map((b) => b.name))
    const byName = new Map(rows.slice(1).map((r) => [r[1], r]))
    const kjj = byName.get('示例县科技局')!
    expect(kjj.slice(2)).toEqual([
      '草稿',
      '4',
      '2',
      '2027-03-05 10:00',
      '催报',
      '已送达（站内已读 0/1）',
      '2027-02-20 10:00 提醒（已送达（站内已读 0/1））；2027-03-05 10:00 催报（已送达（站内已读 0/1））',
    ])
    // jyj has no e-mail address: its message was in the app only.
    expect(byName.get('示例县教育局')!.slice(4, 8)).toEqual(['1', '2027-02-20 10:00', '提醒', '仅站内消息（站内已读 0/1）'])
    const never = rows.slice(1).find((r) => r[1] === '示例县公安局')!
    expect(never.slice(4)).toEqual(['0', '', '', '', ''])

    const wb = await loadWorkbook((await get(t, '/api/exports/chase.xlsx?year=2026', office)).rawPayload)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['催报记录'])
    const sheetRows = rowsOf(sheet(wb, '催报记录'), 4)
    expect(sheetRows.map((r) => r[2])).toEqual(rows.slice(1).map((r) => r[1]))
    expect(sheetRows.find((r) => r[2] === '示例县科技局')!.slice(5, 8)).toEqual([2, '2027-03-05 10:00', '催报'])
  })

  it('gives a bureau user only its own row', async () => {
    const rows = csvOf((await get(t, '/api/exports/chase.csv?year=2026', await login(t.app, 'kjj'))).rawPayload)
    expect(rows.slice(1).map((r) => r[1])).toEqual(['示例县科技局'])
  })
})
