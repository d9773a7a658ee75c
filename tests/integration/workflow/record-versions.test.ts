import { LEDGER_TYPES } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LEDGER_TABLES } from '../../../server/src/db/schema'
import { eq } from 'drizzle-orm'
import { createWorkflowApp, type WorkflowContext } from './helpers'

/**
 * A version on every editable record: an edit names the version it read; of two edits based on the
 * same version, exactly one lands and the other gets 409 naming who changed the record, with
 * nothing of it written.
 */
let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
})
afterAll(() => t.close())

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any
type Edit = { user: string; body: object }

/** Two edits of the same version sent at once: exactly one 200, one 409 that names the winner, and the winner's edit stored. */
async function race(url: string, version: number, edits: [Edit, Edit], read: () => Promise<Json>, winnerName: (winner: Edit) => string) {
  const results = await Promise.all(edits.map((e) => t.call(e.user, 'PUT', url, { ...e.body, version })))
  expect(results.map((r) => r.status).sort()).toEqual([200, 409])
  const w = results.findIndex((r) => r.status === 200)
  const loser = results[1 - w]
  expect(loser.body.message).toMatch(new RegExp(`^该.+已被 ${winnerName(edits[w])} 于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 修改，请刷新后再保存$`))
  // Who won, by id: the client tells its user's own other window from someone else by it.
  const winner = await t.sql.get('select id from users where username = ?', [edits[w].user]) as { id: number }
  expect(loser.body.changedBy).toMatchObject({ userId: winner.id, name: winnerName(edits[w]) })
  const row = await read()
  expect(row.version).toBe(version + 1)
  expect(row).toMatchObject(edits[w].body)
  expect(results[w].body.version).toBe(version + 1)
}

/** A stale edit changes nothing; a missing version is a 400. */
async function staleChangesNothing(method: 'PUT' | 'DELETE', url: string, body?: object) {
  const before = { rows: await t.snapshot(), users: await t.sql.all('select * from users') }
  const res = await t.call('office', method, url, body)
  expect(res.status).toBe(409)
  expect(res.body.message).toContain('请刷新后再保存')
  expect({ rows: await t.snapshot(), users: await t.sql.all('select * from users') }).toEqual(before)
}

describe('rectification items', () => {
  it('two parallel PUTs of the same version: one wins, the other is 409; stale and versionless edits change nothing', async () => {
    const created = (await t.call('kjj', 'POST', '/api/rectifications', { problem: '公示不及时', deadline: '2026-12-31', year: 2026 })).body
    expect(created.version).toBe(1)
    const base = { problem: '公示不及时', deadline: '2026-12-31' }
    await race(
      `/api/rectifications/${created.id}`,
      1,
      [
        { user: 'kjj', body: { ...base, measure: '单位自查', status: 'in_progress' } },
        { user: 'office', body: { ...base, measure: '督办整改', status: 'not_started' } },
      ],
      async () => await t.sql.get('select problem, deadline, measure, status, version from rectification_items where id = ?', [created.id]),
      (w) => (w.user === 'kjj' ? '科技局法治联络员' : '县委依法治县办'),
    )
    await staleChangesNothing('PUT', `/api/rectifications/${created.id}`, { ...base, measure: '过期的修改', version: 1 })
    await staleChangesNothing('DELETE', `/api/rectifications/${created.id}?version=1`)
    const missing = await t.call('kjj', 'PUT', `/api/rectifications/${created.id}`, base)
    expect(missing.status).toBe(400)
    expect((await t.call('kjj', 'DELETE', `/api/rectifications/${created.id}`)).status).toBe(400)
    const listed = (await t.call('kjj', 'GET', '/api/rectifications?year=2026')).body.find((i: Json) => i.id === created.id)
    expect(listed.version).toBe(2)
  })
})

describe.each(LEDGER_TYPES)('ledger rows: %s', (type) => {
  const SAMPLE: Record<string, object> = {
    'study-sessions': { date: '2026-04-01', topic: '学习《行政处罚法》', form: '集体学法', participants: 20 },
    'legality-reviews': { date: '2026-04-01', title: '采购合同', kind: '合同协议', reviewer: '法律顾问', outcome: '通过' },
    'publicity-events': { date: '2026-04-01', title: '法律进企业', form: '宣讲', audience: 30, enterprisesCovered: 4 },
  }
  const CHANGED: Record<string, [object, object]> = {
    'study-sessions': [{ participants: 31 }, { participants: 45 }],
    'legality-reviews': [{ title: '租赁合同' }, { title: '服务合同' }],
    'publicity-events': [{ audience: 60 }, { audience: 90 }],
  }

  it('two parallel PUTs of the same version: one wins, the other is 409; stale edits change nothing', async () => {
    const created = (await t.call('kjj', 'POST', `/api/ledgers/${type}`, { ...SAMPLE[type], year: 2026 })).body
    expect(created.version).toBe(1)
    const table = LEDGER_TABLES[type]
    await race(
      `/api/ledgers/${type}/${created.id}`,
      1,
      [
        { user: 'kjj', body: { ...SAMPLE[type], ...CHANGED[type][0] } },
        { user: 'office', body: { ...SAMPLE[type], ...CHANGED[type][1] } },
      ],
      () => t.db.select().from(table).where(eq(table.id, created.id)).limit(1).then((rows) => rows[0]),
      (w) => (w.user === 'kjj' ? '科技局法治联络员' : '县委依法治县办'),
    )
    await staleChangesNothing('PUT', `/api/ledgers/${type}/${created.id}`, { ...SAMPLE[type], version: 1 })
    await staleChangesNothing('DELETE', `/api/ledgers/${type}/${created.id}?version=1`)
    expect((await t.call('kjj', 'PUT', `/api/ledgers/${type}/${created.id}`, SAMPLE[type])).status).toBe(400)
    const listed = (await t.call('kjj', 'GET', `/api/ledgers/${type}?year=2026`)).body.find((r: Json) => r.id === created.id)
    expect(listed.version).toBe(2)
  })
})

describe('users (account administration)', () => {
  it('two parallel PUTs of the same version: one wins, the other is 409; a stale edit changes nothing', async () => {
    const leader = (await t.call('sysadmin', 'GET', '/api/users')).body.find((u: Json) => u.username === 'leader')
    expect(leader.version).toBe(1)
    await race(
      `/api/users/${leader.id}`,
      1,
      [
        { user: 'sysadmin', body: { displayName: '县领导甲' } },
        { user: 'sysadmin', body: { displayName: '县领导乙' } },
      ],
      async () => await t.sql.get('select display_name as "displayName", version from users where id = ?', [leader.id]),
      () => '系统管理员',
    )
    const before = await t.sql.all('select * from users')
    const stale = await t.call('sysadmin', 'PUT', `/api/users/${leader.id}`, { displayName: '过期的修改', version: 1 })
    expect(stale.status).toBe(409)
    expect(await t.sql.all('select * from users')).toEqual(before)
    expect((await t.call('sysadmin', 'PUT', `/api/users/${leader.id}`, { displayName: '无版本' })).status).toBe(400)
  })
})

describe('cycles', () => {
  it('two parallel PUTs of the same version: one wins, the other is 409; lock and unlock bump the version', async () => {
    const cycle = (await t.call('office', 'GET', '/api/cycles')).body.find((c: Json) => c.year === 2026)
    await race(
      '/api/cycles/2026',
      cycle.version,
      [
        { user: 'office', body: { dueDate: '2027-03-05', publishDeadline: '2027-04-01' } },
        { user: 'office', body: { dueDate: '2027-03-10', publishDeadline: '2027-04-10' } },
      ],
      async () => await t.sql.get('select due_date as "dueDate", publish_deadline as "publishDeadline", version from cycles where year = 2026'),
      () => '县委依法治县办',
    )
    await staleChangesNothing('PUT', '/api/cycles/2026', { dueDate: '2027-03-20', publishDeadline: '2027-04-20', version: cycle.version })
    const locked = (await t.call('office', 'POST', '/api/cycles/2026/lock')).body
    expect(locked.version).toBe(cycle.version + 2)
    const unlocked = (await t.call('office', 'POST', '/api/cycles/2026/unlock')).body
    expect(unlocked.version).toBe(cycle.version + 3)
    expect((await t.call('office', 'PUT', '/api/cycles/2026', { dueDate: '2027-03-20', publishDeadline: '2027-04-20', version: cycle.version + 1 })).status).toBe(409)
  })
})
