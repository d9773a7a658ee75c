import { ADMIN_ROLES, LEDGER_TYPES } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROUTE_ACCESS } from '../../../server/src/plugins/access'
import { createWorkflowApp, type WorkflowContext } from './helpers'

/** Ids of kjj's data: every case below targets another bureau than the one the bureau user (jyj) belongs to. */
interface Fixture {
  kjj: number
  submission: { id: number; version: number }
  /** kjj's 2025 report, reopened: its publication can be recorded (a 2026 one's date would still lie ahead). */
  published: number
  ledger: Record<string, number>
  rectification: number
}
type Case = (f: Fixture) => { url: string; payload?: unknown }

const LEDGER_BODIES: Record<string, object> = {
  'study-sessions': { date: '2026-04-01', topic: '学习《行政处罚法》', form: '集体学法', participants: 20 },
  'legality-reviews': { date: '2026-04-01', title: '采购合同', kind: '合同协议', reviewer: '法律顾问', outcome: '通过' },
  'publicity-events': { date: '2026-04-01', title: '法律进企业', form: '宣讲', audience: 30, enterprisesCovered: 4 },
}
const RECTIFICATION = { problem: '审查记录不完整', measure: '完善台账', owner: '法规股', deadline: '2026-12-31', status: 'not_started' }

/**
 * Every mutating workflow route, with a request that is valid apart from who sends it. A route added
 * to ROUTE_ACCESS without a case here fails the first test.
 */
const MUTATIONS: Record<string, Case> = {
  // Uploads: authorisation is decided before the (here missing) file is read.
  'POST /api/submissions/:id/template': (f) => ({ url: `/api/submissions/${f.submission.id}/template` }),
  'POST /api/cycles/:year/templates': () => ({ url: '/api/cycles/2026/templates' }),
  'POST /api/submissions': (f) => ({ url: '/api/submissions', payload: { year: 2026, bureauId: f.kjj } }),
  'PUT /api/submissions/:id': (f) => ({
    url: `/api/submissions/${f.submission.id}`,
    payload: { version: f.submission.version, values: [{ indicator: 'lead.topic_meetings', value: 7 }] },
  }),
  'POST /api/submissions/:id/submit': (f) => ({ url: `/api/submissions/${f.submission.id}/submit` }),
  'POST /api/submissions/:id/return': (f) => ({ url: `/api/submissions/${f.submission.id}/return`, payload: { reason: '请核实' } }),
  'POST /api/submissions/:id/approve': (f) => ({ url: `/api/submissions/${f.submission.id}/approve` }),
  'POST /api/submissions/:id/reopen': (f) => ({ url: `/api/submissions/${f.submission.id}/reopen` }),
  'POST /api/submissions/batch/approve': (f) => ({ url: '/api/submissions/batch/approve', payload: { items: [{ id: f.submission.id, version: f.submission.version }] } }),
  'POST /api/submissions/batch/return': (f) => ({
    url: '/api/submissions/batch/return',
    payload: { items: [{ id: f.submission.id, version: f.submission.version, reason: '请核实' }] },
  }),
  'PUT /api/submissions/:id/publication': (f) => ({
    url: `/api/submissions/${f.published}/publication`,
    payload: { publishedUrl: 'https://www.example.gov.cn/kjj/2025.html', publishedAt: '2026-03-15' },
  }),
  ...Object.fromEntries(
    LEDGER_TYPES.flatMap((type): [string, Case][] => [
      [`POST /api/ledgers/${type}`, (f) => ({ url: `/api/ledgers/${type}`, payload: { ...LEDGER_BODIES[type], year: 2026, bureauId: f.kjj } })],
      [`PUT /api/ledgers/${type}/:id`, (f) => ({ url: `/api/ledgers/${type}/${f.ledger[type]}`, payload: { ...LEDGER_BODIES[type], version: 1 } })],
      [`DELETE /api/ledgers/${type}/:id`, (f) => ({ url: `/api/ledgers/${type}/${f.ledger[type]}?version=1` })],
    ]),
  ),
  'POST /api/rectifications': (f) => ({ url: '/api/rectifications', payload: { ...RECTIFICATION, year: 2026, bureauId: f.kjj } }),
  'PUT /api/rectifications/:id': (f) => ({ url: `/api/rectifications/${f.rectification}`, payload: { ...RECTIFICATION, version: 1 } }),
  'DELETE /api/rectifications/:id': (f) => ({ url: `/api/rectifications/${f.rectification}?version=1` }),
  'POST /api/rectifications/:id/verify': (f) => ({ url: `/api/rectifications/${f.rectification}/verify`, payload: { approve: false, reason: '佐证不足' } }),
  'POST /api/rectifications/carry-over': (f) => ({ url: '/api/rectifications/carry-over', payload: { year: 2026, bureauId: f.kjj } }),
  'POST /api/rectifications/batch': (f) => ({ url: '/api/rectifications/batch', payload: { year: 2026, bureauId: f.kjj, items: [RECTIFICATION] } }),
  'POST /api/reminders/chase': () => ({ url: '/api/reminders/chase', payload: { year: 2026 } }),
  'POST /api/cycles': () => ({ url: '/api/cycles', payload: { year: 2027 } }),
  'PUT /api/cycles/:year': () => ({ url: '/api/cycles/2026', payload: { dueDate: '2027-03-05', publishDeadline: '2027-04-01', version: 1 } }),
  'POST /api/cycles/:year/lock': () => ({ url: '/api/cycles/2026/lock' }),
  'POST /api/cycles/:year/unlock': () => ({ url: '/api/cycles/2023/unlock' }),
  'POST /api/cycles/:year/publish': () => ({ url: '/api/cycles/2025/publish', payload: { title: '2025年度定稿' } }),
}

const OFFICE_ONLY = new Set(Object.entries(ROUTE_ACCESS).filter(([, a]) => 'roles' in a && a.roles.length === 1 && a.roles[0] === 'office').map(([k]) => k))
const WORKFLOW_ROUTE = /^(GET|POST|PUT|DELETE) \/api\/(submissions|ledgers|rectifications|reminders|cycles\/|cycles$)/
const workflowRoutes = Object.keys(ROUTE_ACCESS).filter((k) => WORKFLOW_ROUTE.test(k) && k !== 'GET /api/cycles')
const mutatingRoutes = workflowRoutes.filter((k) => !k.startsWith('GET '))

let t: WorkflowContext
let f: Fixture
beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
  const kjj = await t.bureauId('kjj')
  const ledger: Record<string, number> = {}
  for (const type of LEDGER_TYPES)
    ledger[type] = (await t.call('office', 'POST', `/api/ledgers/${type}`, { ...LEDGER_BODIES[type], year: 2026, bureauId: kjj })).body.id
  const rectification = (await t.call('office', 'POST', '/api/rectifications', { ...RECTIFICATION, year: 2026, bureauId: kjj })).body.id
  const s = (await t.submissionOf('kjj', 2026))!
  const published = (await t.submissionOf('kjj', 2025))!.id
  expect((await t.call('office', 'POST', `/api/submissions/${published}/reopen`)).status).toBe(200)
  f = { kjj, submission: { id: s.id, version: s.version }, published, ledger, rectification }
})
afterAll(() => t.close())

async function send(user: string, key: string) {
  const [method] = key.split(' ') as ['POST' | 'PUT' | 'DELETE']
  const { url, payload } = MUTATIONS[key](f)
  return t.call(user, method, url, payload)
}

describe('authorisation of the workflow routes', () => {
  it('has a case for every mutating workflow route in ROUTE_ACCESS, and no stale ones', () => {
    expect(mutatingRoutes.length).toBeGreaterThan(20)
    expect(Object.keys(MUTATIONS).sort()).toEqual([...mutatingRoutes].sort())
  })

  it.each(mutatingRoutes)('%s: a bureau user cannot act on another bureau’s data (403, nothing changes)', async (key) => {
    const before = await t.snapshot()
    const res = await send('jyj', key)
    expect(res.status).toBe(403)
    expect(await t.snapshot()).toEqual(before)
  })

  it.each(mutatingRoutes)('%s: the leader reads but never mutates (403, nothing changes)', async (key) => {
    const before = await t.snapshot()
    expect((await send('leader', key)).status).toBe(403)
    expect(await t.snapshot()).toEqual(before)
  })

  it.each(workflowRoutes)('%s: the three administrators have no business access (403, nothing changes)', async (key) => {
    const [method, path] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE', string]
    const url = MUTATIONS[key]?.(f).url ?? path.replace(':id', String(f.submission.id)).concat(path.includes('reminders') ? '?year=2026' : '')
    const before = await t.snapshot()
    // The demo's administrators are named after their roles.
    for (const user of ADMIN_ROLES) expect((await t.call(user, method, url, MUTATIONS[key]?.(f).payload)).status, user).toBe(403)
    expect(await t.snapshot()).toEqual(before)
  })

  // The same requests from the rightful user get past authorisation: the 403s above are not an artefact of the fixtures.
  it.each(mutatingRoutes)('%s: the rightful user is let through', async (key) => {
    const res = await send(OFFICE_ONLY.has(key) ? 'office' : 'kjj', key)
    expect(res.status).not.toBe(403)
    expect(res.status).toBeLessThan(500)
  })
})
