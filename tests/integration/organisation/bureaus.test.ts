import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkflowApp, type WorkflowContext } from '../workflow/helpers'

/**
 * 组织机构: the office creates, edits (renames, ends) bureaus and adds regions; every write is
 * checked (Chinese 400/409, nothing written), audited, and names the version it read.
 */
let t: WorkflowContext
let demoRegion: number
beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
  demoRegion = (await t.sql.get("select id from regions where code = 'demo'") as { id: number }).id
})
afterAll(() => t.close())

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any
const bureauRows = async () => await t.sql.all('select * from bureaus order by id')
const body = (over: object = {}) => ({
  code: 'yjglj',
  name: '示例县应急管理局',
  shortName: '应急管理局',
  type: '应急管理局',
  category: '执法部门',
  hasEnforcement: true,
  regionId: demoRegion,
  activeFrom: 2025,
  ...over,
})
const fieldsOf = (b: Json) => ({ code: b.code, name: b.name, shortName: b.shortName, type: b.type, category: b.category, hasEnforcement: b.hasEnforcement, regionId: b.regionId, activeFrom: b.activeFrom, activeUntil: b.activeUntil })

describe('GET /api/bureaus', () => {
  it('lists every bureau with its category, years, successor and version', async () => {
    const res = await t.call('office', 'GET', '/api/bureaus')
    expect(res.status).toBe(200)
    const kjj = res.body.find((b: Json) => b.code === 'kjj')
    expect(kjj).toMatchObject({ name: '示例县科技局', regionId: demoRegion, activeFrom: 2000, activeUntil: null, successorId: null, version: 1, active: true })
    expect(kjj).toHaveProperty('category')
    // The sysadmin binds accounts to them.
    expect((await t.call('sysadmin', 'GET', '/api/bureaus')).body).toHaveLength(res.body.length)
  })
})

describe('POST /api/bureaus', () => {
  it('creates a bureau that exists from its first year, audited', async () => {
    const res = await t.call('office', 'POST', '/api/bureaus', body())
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ ...body(), activeUntil: null, successorId: null, version: 1, active: true, regionName: '示例县' })
    expect(await t.auditOf('bureau.create', res.body.id)).toHaveLength(1)
    const listed = (await t.call('leader', 'GET', '/api/bureaus')).body.find((b: Json) => b.id === res.body.id)
    expect(listed.name).toBe('示例县应急管理局')
  })

  it.each([
    ['a code already in use', { code: 'kjj' }, 409, '单位编码 kjj 已被「示例县科技局」使用'],
    ['an unknown region', { code: 'x1', regionId: 9999 }, 400, '所属地区不存在'],
    ['a last year before the first', { code: 'x2', activeFrom: 2025, activeUntil: 2024 }, 400, '终止年度不能早于起始年度'],
    ['a code with spaces', { code: 'a b' }, 400, '单位编码为 1–32 位字母、数字、下划线、点或连字符'],
    ['no name', { code: 'x3', name: ' ' }, 400, '请填写单位名称'],
    ['a year as text', { code: 'x4', activeFrom: '2025' }, 400, '起始年度应为年份数字'],
  ])('refuses %s with a clear message and writes nothing', async (_, over, status, message) => {
    const before = await bureauRows()
    const res = await t.call('office', 'POST', '/api/bureaus', body(over))
    expect(res.status).toBe(status)
    expect(res.body.message).toContain(message)
    expect(await bureauRows()).toEqual(before)
  })
})

describe('PUT /api/bureaus/:id', () => {
  it('renames a bureau under the same id: its history stays, the version moves on', async () => {
    const kjj = await t.bureauId('kjj')
    const current = (await t.call('office', 'GET', '/api/bureaus')).body.find((b: Json) => b.id === kjj)
    const res = await t.call('office', 'PUT', `/api/bureaus/${kjj}`, { ...fieldsOf(current), name: '示例县科学技术局', shortName: '科学技术局', version: current.version })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: kjj, name: '示例县科学技术局', shortName: '科学技术局', version: current.version + 1 })
    const overview = await t.call('office', 'GET', `/api/bureaus/${kjj}/overview?year=2024`)
    expect(overview.body.bureau.name).toBe('示例县科学技术局')
    expect(overview.body.rank).not.toBeNull()
    expect((await t.auditOf('bureau.update', kjj)).at(-1)).toMatchObject({ before: expect.objectContaining({ name: '示例县科技局' }), after: expect.objectContaining({ name: '示例县科学技术局' }) })
  })

  it('refuses a stale version (409 naming who changed it) and writes nothing', async () => {
    const kjj = await t.bureauId('kjj')
    const current = (await t.call('office', 'GET', '/api/bureaus')).body.find((b: Json) => b.id === kjj)
    const before = await bureauRows()
    const res = await t.call('office', 'PUT', `/api/bureaus/${kjj}`, { ...fieldsOf(current), name: '旧名', version: current.version - 1 })
    expect(res.status).toBe(409)
    expect(res.body.message).toMatch(/^该单位已被 .+ 修改，请刷新后再保存$/)
    expect(await bureauRows()).toEqual(before)
  })

  it.each([
    ['a last year before a year it reported for', 'xfj', { activeUntil: 2023 }, '该单位已有 2024 年度的填报，终止年度不能早于 2024 年'],
    ['a first year after one it reported for', 'kjj', { activeFrom: 2022 }, '该单位已有 2021 年度的填报，起始年度不能晚于 2021 年'],
    ['another bureau’s code', 'xfj', { code: 'jyj' }, '单位编码 jyj 已被「示例县教育局」使用'],
  ])('refuses %s (409) and writes nothing', async (_, code, over, message) => {
    const id = await t.bureauId(code)
    const current = (await t.call('office', 'GET', '/api/bureaus')).body.find((b: Json) => b.id === id)
    const before = await bureauRows()
    const res = await t.call('office', 'PUT', `/api/bureaus/${id}`, { ...fieldsOf(current), ...over, version: current.version })
    expect(res.status).toBe(409)
    expect(res.body.message).toBe(message)
    expect(await bureauRows()).toEqual(before)
  })

  it('ends a bureau at the last year it reported for: it is then 已撤销, not active', async () => {
    const xfj = await t.bureauId('xfj')
    const current = (await t.call('office', 'GET', '/api/bureaus')).body.find((b: Json) => b.id === xfj)
    const res = await t.call('office', 'PUT', `/api/bureaus/${xfj}`, { ...fieldsOf(current), activeUntil: 2024, version: current.version })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ activeUntil: 2024, active: false, successorId: null })
  })

  it('of two edits based on the same version, exactly one lands', async () => {
    const id = await t.bureauId('jyj')
    const current = (await t.call('office', 'GET', '/api/bureaus')).body.find((b: Json) => b.id === id)
    const names = ['示例县教育和体育局', '示例县教育科技局']
    const results = await Promise.all(names.map((name) => t.call('office', 'PUT', `/api/bureaus/${id}`, { ...fieldsOf(current), name, version: current.version })))
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const winner = results.find((r) => r.status === 200)!.body
    const stored = await t.sql.get('select name, version from bureaus where id = ?', [id])
    expect(stored).toEqual({ name: winner.name, version: current.version + 1 })
  })
})

describe('regions', () => {
  it('lists the regions flat, with their parent', async () => {
    const res = await t.call('leader', 'GET', '/api/regions')
    expect(res.status).toBe(200)
    expect(res.body).toEqual([{ id: demoRegion, code: 'demo', name: '示例县', level: 'county', parentId: null }])
  })

  it('adds a region under an existing one, a level below it', async () => {
    const city = await t.call('office', 'POST', '/api/regions', { code: 'city', name: '示例市', level: 'city' })
    expect(city.status).toBe(201)
    const county = await t.call('office', 'POST', '/api/regions', { code: 'east', name: '东城区', level: 'county', parentId: city.body.id })
    expect(county.status).toBe(201)
    expect(county.body).toMatchObject({ code: 'east', parentId: city.body.id })
    expect(await t.auditOf('region.create', county.body.id)).toHaveLength(1)
    const listed = (await t.call('office', 'GET', '/api/regions')).body
    expect(listed.map((r: Json) => [r.code, r.parentId])).toEqual([['demo', null], ['city', null], ['east', city.body.id]])
    // A bureau can belong to the new region.
    expect((await t.call('office', 'POST', '/api/bureaus', body({ code: 'east-kjj', regionId: county.body.id }))).status).toBe(201)
  })

  it.each([
    ['a code in use', () => ({ code: 'demo', name: '重复', level: 'county' }), 409, '地区编码 demo 已存在'],
    ['an unknown parent', () => ({ code: 'r1', name: '新区', level: 'county', parentId: 9999 }), 400, '上级地区不存在'],
    ['a level not below its parent', () => ({ code: 'r2', name: '新区', level: 'county', parentId: demoRegion }), 400, '下级地区的级别应低于上级地区（示例县）'],
  ])('refuses %s and writes nothing', async (_, payload, status, message) => {
    const before = await t.sql.all('select * from regions')
    const res = await t.call('office', 'POST', '/api/regions', payload())
    expect(res.status).toBe(status)
    expect(res.body.message).toBe(message)
    expect(await t.sql.all('select * from regions')).toEqual(before)
  })
})
