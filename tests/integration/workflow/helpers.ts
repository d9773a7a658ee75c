import { CATALOG, requiredIndicators, type SubmissionDetail } from '@fazhi/shared'
import { and, eq } from 'drizzle-orm'
import {
  auditEvents,
  bureaus,
  chaseRecords,
  cycles,
  evidenceFiles,
  legalityReviews,
  notifications,
  publicityEvents,
  rectificationItems,
  studySessions,
  submissions,
  submissionValues,
} from '../../../server/src/db/schema'
import { createTestApp, DEMO_PASSWORD, type TestContext } from '../../helpers/app'

export type Headers = Record<string, string>
/** A parsed JSON body: tests read responses loosely and assert on them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

export interface WorkflowContext extends TestContext {
  /** Request headers for a logged-in demo user (cookie, and the CSRF token when the API issues one). */
  as(username: string): Promise<Headers>
  call(username: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<{ status: number; body: Json }>
  bureauId(code: string): Promise<number>
  submissionOf(code: string, year: number): Promise<typeof submissions.$inferSelect | undefined>
  valuesOf(submissionId: number): Promise<(typeof submissionValues.$inferSelect)[]>
  auditOf(action: string, objectId?: string | number): Promise<(typeof auditEvents.$inferSelect)[]>
  /** Every business row the workflow can change: compare two snapshots to prove nothing was written. */
  snapshot(): Promise<unknown>
}

/** A value for every required indicator that passes the fill rules; ledger-fed ones take the roll-up. */
export function completeValues(detail: Pick<SubmissionDetail, 'hasEnforcement' | 'ledgerValues'>) {
  return requiredIndicators(CATALOG, { hasEnforcement: detail.hasEnforcement }).map((ind) => ({
    indicator: ind.code,
    value: ind.code in detail.ledgerValues ? detail.ledgerValues[ind.code] : ind.kind === 'boolean' ? true : ind.kind === 'percent' ? 100 : 2,
  }))
}

/** A fresh seeded app (2026 open, 2021–2023 locked) with cached logins for the demo users. */
export async function createWorkflowApp(opts: { now?: Date; fileQuotaMb?: number; city?: boolean } = {}): Promise<WorkflowContext> {
  const t = await createTestApp({ loginRateLimit: 10_000, ...opts })
  const sessions = new Map<string, Headers>()

  async function as(username: string): Promise<Headers> {
    const cached = sessions.get(username)
    if (cached) return cached
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } })
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`)
    const sid = res.cookies.find((c) => c.name === 'sid')!
    const csrf: string | undefined = res.json().csrfToken
    const headers: Headers = { cookie: `sid=${sid.value}`, ...(csrf ? { 'x-csrf-token': csrf } : {}) }
    sessions.set(username, headers)
    return headers
  }

  return {
    ...t,
    // Sessions expire when the clock jumps ahead: log in again after moving it.
    setNow(date) {
      t.setNow(date)
      sessions.clear()
    },
    as,
    async call(username, method, url, payload) {
      const res = await t.app.inject({ method, url, headers: await as(username), ...(payload === undefined ? {} : { payload: payload as object }) })
      return { status: res.statusCode, body: res.body ? res.json() : null }
    },
    bureauId: async (code) => ((await t.db.select().from(bureaus).where(eq(bureaus.code, code)).limit(1))[0])!.id,
    async submissionOf(code, year) {
      const b = ((await t.db.select().from(bureaus).where(eq(bureaus.code, code)).limit(1))[0])!
      return (await t.db
        .select()
        .from(submissions)
        .where(and(eq(submissions.bureauId, b.id), eq(submissions.year, year))).limit(1))[0]
    },
    valuesOf: (submissionId) =>
      t.db.select().from(submissionValues).where(eq(submissionValues.submissionId, submissionId)).orderBy(submissionValues.indicatorCode),
    auditOf: (action, objectId) =>
      t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, action), objectId === undefined ? undefined : eq(auditEvents.objectId, String(objectId)))),
    snapshot: async () => ({
      submissions: await t.db.select().from(submissions),
      values: await t.db.select().from(submissionValues),
      studySessions: await t.db.select().from(studySessions),
      legalityReviews: await t.db.select().from(legalityReviews),
      publicityEvents: await t.db.select().from(publicityEvents),
      rectificationItems: await t.db.select().from(rectificationItems),
      cycles: await t.db.select().from(cycles),
      evidenceFiles: await t.db.select().from(evidenceFiles),
      chaseRecords: await t.db.select().from(chaseRecords),
      notifications: await t.db.select().from(notifications),
    }),
  }
}
