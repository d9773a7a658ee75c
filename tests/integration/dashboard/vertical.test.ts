import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, type TestContext } from '../../helpers/app'
import { insertPerfectValues } from './raw'

let t: TestContext
let cookie: string
beforeAll(async () => {
  t = await createTestApp()
  cookie = await login(t.app, 'office')
})
afterAll(() => t.close())

const vertical = (query: string) => t.app.inject({ method: 'GET', url: `/api/vertical?${query}`, headers: { cookie } })

describe('vertical view: one bureau type across regions', () => {
  it('offers no type to compare while there is one region', async () => {
    const res = await vertical('year=2025')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ types: [], type: null, rows: [] })
  })

  it('compares every 科技局 of two regions, ranked among themselves', async () => {
    const sql = t.sql
    const region = await sql.get("insert into regions (code, name, level) values ('east', '东区', 'county') returning id") as { id: number }
    const bureau = await sql.get("insert into bureaus (region_id, code, name, short_name, type, has_enforcement) values (?, 'east-kjj', '东区科技局', '科技局', '科技局', false) returning id", [region.id]) as { id: number }
    const sub = await sql.get("insert into submissions (bureau_id, year, status, submitted_at) values (?, 2025, 'submitted', '2026-02-10T02:00:00.000Z') returning id", [bureau.id]) as { id: number }
    // A perfect report: every input indicator at or beyond its target, no bonus claimed.
    await insertPerfectValues(sql, sub.id, 2025)
    await sql.run("update submissions set published_at = '2026-03-20' where id = ?", [sub.id])

    const res = await vertical('year=2025&type=科技局')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.types).toEqual(['科技局'])
    expect(body.rows.map((r: { name: string }) => r.name).sort()).toEqual(['东区科技局', '示例县科技局'])
    const east = body.rows.find((r: { name: string }) => r.name === '东区科技局')
    expect(east).toMatchObject({ regionName: '东区', score: 100, typeRank: 1 })
    expect(body.rows[0].name).toBe('东区科技局')
    const home = body.rows.find((r: { name: string }) => r.name === '示例县科技局')
    expect(home.typeRank).toBe(2)
    expect(home.regionName).toBe('示例县')
  })

  it('follows the business read roles', async () => {
    const admin = await login(t.app, 'sysadmin')
    expect((await t.app.inject({ method: 'GET', url: '/api/vertical?year=2025', headers: { cookie: admin } })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/vertical?year=2025' })).statusCode).toBe(401)
  })
})
