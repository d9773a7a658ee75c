import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, login, withCsrf, type TestContext } from '../../helpers/app'
import { pdfOf } from '../../helpers/evidence'
import { multipartFile } from '../../helpers/multipart'
import { watchWrites, type WriteMarks } from '../../helpers/writes'

/**
 * Text with control or text-direction characters (issue 16, item 10) is refused at the root, on every
 * route and in every part of a request, with one Chinese message and nothing changed; the same request
 * with ordinary text (tabs, line breaks and the LRM/RLM marks included) goes through.
 */

const MESSAGE = '文本包含不允许的控制字符（如 NUL 或文字方向控制符）'
/** NUL, an escape, DEL, a C1 control, a right-to-left override and a first-strong isolate. */
const FORBIDDEN = ['\u0000', '\u001b', '\u007f', '\u0085', '\u202e', '\u2068']

let t: TestContext
const cookies: Record<string, string> = {}
let kjj: number
let region: number
let submission: number
let writes: () => Promise<WriteMarks>
beforeAll(async () => {
  t = await createTestApp()
  for (const who of ['office', 'kjj']) cookies[who] = await login(t.app, who)
  const one = async (sql: string) => await t.sql.value(sql) as number
  kjj = await one("SELECT id FROM bureaus WHERE code = 'kjj'")
  region = await one('SELECT region_id FROM bureaus WHERE id = ' + kjj)
  submission = await one(`SELECT id FROM submissions WHERE bureau_id = ${kjj} AND year = 2026`)
  writes = await watchWrites(t.db)
})
afterAll(() => t.close())

interface Case {
  name: string
  send(text: string): Promise<{ statusCode: number; json(): { message?: string } }>
  /** The statuses of the same request with ordinary text. */
  accepted: number[]
}

const ledgerRow = (topic: string) => ({ date: '2026-04-01', topic, form: '集体学法', participants: 20, year: 2026, bureauId: kjj })
const CASES: Case[] = [
  {
    name: 'a ledger row’s topic',
    send: (text) => t.app.inject({ method: 'POST', url: '/api/ledgers/study-sessions', headers: withCsrf(cookies.kjj!), payload: ledgerRow(`学习${text}民法典`) }),
    accepted: [201],
  },
  {
    name: 'a bureau’s name',
    send: (text) =>
      t.app.inject({
        method: 'POST',
        url: '/api/bureaus',
        headers: withCsrf(cookies.office!),
        payload: { code: `x${Math.random().toString(36).slice(2, 8)}`, name: `示例县${text}应急管理局`, shortName: '应急管理局', type: '应急管理局', hasEnforcement: true, activeFrom: 2025, regionId: region },
      }),
    accepted: [201],
  },
  {
    name: 'a value’s note, deep in the body',
    send: async (text) => {
      const version = await t.sql.value('SELECT version FROM submissions WHERE id = ?', [submission]) as number
      return t.app.inject({
        method: 'PUT',
        url: `/api/submissions/${submission}`,
        headers: withCsrf(cookies.kjj!),
        payload: { version, values: [{ indicator: 'lead.topic_meetings', value: 3, note: `会议${text}纪要` }] },
      })
    },
    accepted: [200],
  },
  {
    name: 'a login username',
    send: (text) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `kjj${text}`, password: 'wrong' } }),
    accepted: [401],
  },
  {
    name: 'an evidence file’s name',
    send: (text) => {
      const body = multipartFile(`会议纪要${text}fdp.exe.pdf`, pdfOf('guard'), 'application/pdf', { submissionId: submission, indicator: 'lead.topic_meetings' })
      return t.app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...withCsrf(cookies.kjj!), ...body.headers } })
    },
    accepted: [201],
  },
  {
    name: 'a multipart text field',
    send: (text) => {
      const body = multipartFile('会议纪要.pdf', pdfOf('field'), 'application/pdf', { submissionId: submission, indicator: `lead.topic_meetings${text}` })
      return t.app.inject({ method: 'POST', url: '/api/files', payload: body.payload, headers: { ...withCsrf(cookies.kjj!), ...body.headers } })
    },
    // The indicator with ordinary text appended does not exist.
    accepted: [400],
  },
  {
    name: 'a query value',
    send: (text) => t.app.inject({ method: 'GET', url: `/api/ledgers/study-sessions?year=2026&bureauId=${kjj}&q=${encodeURIComponent(`学习${text}`)}`, headers: { cookie: cookies.kjj! } }),
    accepted: [200],
  },
  {
    name: 'a route parameter',
    send: (text) => t.app.inject({ method: 'GET', url: `/api/schemes/${encodeURIComponent(`2026${text}`)}`, headers: { cookie: cookies.kjj! } }),
    // The year's validation trims white space: 2026 with a tab is 2026; with an LRM mark it is no year.
    accepted: [200, 400],
  },
]

describe('a control or direction character is refused', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('in %s: 400, the message, nothing changed', async (_name, c) => {
    for (const char of FORBIDDEN) {
      const before = await writes()
      const res = await c.send(char)
      expect(res.statusCode, JSON.stringify(char)).toBe(400)
      expect(res.json().message, JSON.stringify(char)).toBe(MESSAGE)
      expect(await writes()).toEqual(before)
    }
  })

  it.each(CASES.map((c) => [c.name, c] as const))('in %s: ordinary text with a tab, a line break or an LRM mark goes through', async (_name, c) => {
    for (const text of ['\t', '\n', '\u200e']) {
      const res = await c.send(text)
      expect(c.accepted, JSON.stringify(text)).toContain(res.statusCode)
      expect(res.json().message ?? '').not.toBe(MESSAGE)
    }
  })

  it('in a JSON key', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/ledgers/study-sessions', headers: withCsrf(cookies.kjj!), payload: { ...ledgerRow('学习'), 'x\u202e': 1 } })
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toBe(MESSAGE)
  })
})
