import pg from 'pg'
import { openDatabase, migrateDatabase } from '../server/src/db/client'
import { seedDemo } from '../seed/demo'
import { buildApp } from '../server/src/app'
const admin = new pg.Client({ connectionString: 'postgres://fazhi:fazhi@127.0.0.1:5433/postgres' })
await admin.connect()
await admin.query('DROP DATABASE IF EXISTS lead_try')
await admin.query("CREATE DATABASE lead_try LOCALE 'C.UTF-8' TEMPLATE template0")
await admin.end()
const db = openDatabase('postgres://fazhi:fazhi@127.0.0.1:5433/lead_try', 'k')
let t = Date.now()
await migrateDatabase(db); console.log('migrated', Date.now() - t); t = Date.now()
await seedDemo(db, { password: 'Demo@2026' }); console.log('seeded', Date.now() - t)
const app = await buildApp({ db, clock: () => new Date(), loginRateLimit: 10000 })
await app.ready()
const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'office', password: 'Demo@2026' } })
console.log('login', res.statusCode, res.body.slice(0, 200))
const cookie = `sid=${res.cookies.find((c) => c.name === 'sid')?.value}`
for (const url of ['/api/submissions?year=2025', '/api/dashboard/summary?year=2025', '/api/ranking?year=2025', '/api/rectifications?year=2025', '/api/audit']) {
  const r = await app.inject({ method: 'GET', url, headers: { cookie } })
  console.log(url, r.statusCode, r.body.slice(0, 160))
}
await app.close()
