import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkflowApp, type WorkflowContext } from '../workflow/helpers'

/**
 * The merge test: 信访局 (xfj, which last reported for 2024) is merged into a bureau created
 * in 2025. Its earlier years read in the successor's rank history, and each year's reporting rate
 * counts the bureaus that existed that year: the new one not in 2024, the merged one not in 2025.
 */
let t: WorkflowContext
let successor: number
let xfj: number
let bureauCount: number
/** A bureau set up in 2026. */
let laterBureau: number
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any
const expected = async (year: number) => (await t.call('office', 'GET', `/api/dashboard/summary?year=${year}`)).body
const versionOf = async (id: number) => (await t.sql.get('select version from bureaus where id = ?', [id]) as { version: number }).version

beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
  xfj = await t.bureauId('xfj')
  bureauCount = (await t.call('office', 'GET', '/api/bureaus')).body.length
  const regionId = (await t.sql.get("select id from regions where code = 'demo'") as { id: number }).id
  const created = await t.call('office', 'POST', '/api/bureaus', {
    code: 'xfzwj',
    name: '示例县信访和政务服务局',
    shortName: '信访和政务服务局',
    type: '信访局',
    hasEnforcement: false,
    regionId,
    activeFrom: 2025,
  })
  expect(created.status).toBe(201)
  successor = created.body.id
  const later = await t.call('office', 'POST', '/api/bureaus', { code: 'xsj', name: '示例县新设局', shortName: '新设局', type: '新设局', hasEnforcement: false, regionId, activeFrom: 2026 })
  laterBureau = later.body.id
})
afterAll(() => t.close())

describe('a merge', () => {
  it('counts a bureau created in 2025 from 2025 on, not in 2024', async () => {
    const [y2024, y2025, y2026] = [await expected(2024), await expected(2025), await expected(2026)]
    expect(y2024.expected).toBe(bureauCount)
    expect(y2024.bureaus.map((b: Json) => b.bureauId)).not.toContain(successor)
    expect(y2026.expected).toBe(bureauCount + 2)
    expect(y2025.expected).toBe(bureauCount + 1)
    expect(y2025.bureaus.map((b: Json) => b.bureauId)).toContain(successor)
  })

  it('ends the merged bureau at its last year under its successor, audited', async () => {
    const ownHistory = (await t.call('office', 'GET', `/api/bureaus/${xfj}/overview?year=2024`)).body.rankHistory
    const res = await t.call('office', 'POST', `/api/bureaus/${xfj}/merge`, { successorId: successor, lastYear: 2024, version: await versionOf(xfj) })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: xfj, activeUntil: 2024, successorId: successor, active: false })
    expect(await t.auditOf('bureau.merge', xfj)).toHaveLength(1)

    // The successor's trend: 2021–2024 are the merged bureau's ranks and scores, under its name; 2025 is its own.
    const overview = await t.call('office', 'GET', `/api/bureaus/${successor}/overview?year=2025`)
    expect(overview.status).toBe(200)
    const history = overview.body.rankHistory
    expect(history.map((h: Json) => h.year)).toEqual([2021, 2022, 2023, 2024, 2025])
    expect(ownHistory.some((h: Json) => h.rank !== null)).toBe(true)
    expect(history.slice(0, 4)).toEqual(ownHistory.map((h: Json) => ({ ...h, predecessor: '示例县信访局' })))
    expect(history[4]).toEqual({ year: 2025, rank: null, score: null, predecessor: null })
  })

  it('counts each year’s bureaus: the merged one in 2024, not in 2025', async () => {
    const [y2024, y2025] = [await expected(2024), await expected(2025)]
    expect(y2024.expected).toBe(bureauCount)
    expect(y2024.bureaus.map((b: Json) => b.bureauId)).toContain(xfj)
    expect(y2025.expected).toBe(bureauCount)
    expect(y2025.bureaus.map((b: Json) => b.bureauId)).not.toContain(xfj)
    expect(y2025.bureaus.map((b: Json) => b.bureauId)).toContain(successor)
    // 催报 follows the board: the successor is chased for 2025, the merged bureau is not.
    const chase = (await t.call('office', 'GET', '/api/reminders?year=2025')).body.chase.map((c: Json) => c.bureauId)
    expect(chase).toContain(successor)
    expect(chase).not.toContain(xfj)
  })

  it('refuses a report for a year the merged bureau no longer exists in', async () => {
    const res = await t.call('office', 'POST', '/api/submissions', { year: 2025, bureauId: xfj })
    expect(res.status).toBe(409)
    expect(await t.submissionOf('xfj', 2025)).toBeUndefined()
  })

  it.each([
    ['an already merged bureau', 'xfj', async () => ({ successorId: await t.bureauId('fgw'), lastYear: 2024 }), 409, '示例县信访局已合并入其他单位'],
    ['a merge into itself', 'mzzjj', async () => ({ successorId: await t.bureauId('mzzjj'), lastYear: 2024 }), 400, '不能将单位合并到其自身'],
    ['a last year before one it reported for', 'kjj', async () => ({ successorId: await t.bureauId('fgw'), lastYear: 2024 }), 409, '示例县科技局已有 2026 年度的填报，最后年度不能早于 2026 年'],
    ['a successor that does not exist the year after', 'mzzjj', () => ({ successorId: laterBureau, lastYear: 2024 }), 409, '示例县新设局在 2025 年度不存在，不能承接合并'],
    ['a successor that is gone', 'mzzjj', () => ({ successorId: 9999, lastYear: 2024 }), 400, '合并后的单位不存在'],
  ])('refuses %s with a clear message and writes nothing', async (_, code, input, status, message) => {
    const id = await t.bureauId(code)
    const before = await t.sql.all('select * from bureaus')
    const res = await t.call('office', 'POST', `/api/bureaus/${id}/merge`, { ...await input(), version: await versionOf(id) })
    expect(res.status).toBe(status)
    expect(res.body.message).toBe(message)
    expect(await t.sql.all('select * from bureaus')).toEqual(before)
  })
})
