import { sqlOf } from '../../helpers/databases'
import fs from 'node:fs'
import ExcelJS from 'exceljs'
import path from 'node:path'
import { LEDGER_TYPES, PENDING_FACTORS, ROLES, type Role, type SchemeDraft, type User } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Secret, TOTP } from 'otpauth'
import { ROUTE_ACCESS, type RouteAccess } from '../../../server/src/plugins/access'
import { PENDING_FACTOR_ROUTES } from '../../../server/src/plugins/auth'
import { sessionIdOf } from '../../../server/src/features/auth/service'
import type { Db } from '../../../server/src/db/client'
import { resultsOn } from '../../../server/src/features/results/service'
import { schemesOn } from '../../../server/src/features/schemes/service'
import { schemeWorkbook } from '../../../server/src/features/schemes/workbook'
import { createTestApp, DEMO_PASSWORD, login, seededTemplate, withCsrf, type TestContext } from '../../helpers/app'
import { multipartFile } from '../../helpers/multipart'
import { pdfOf } from '../../helpers/evidence'
import { evidenceDirOf, putBlob, sha256Of } from '../../../server/src/features/files/store'

/**
 * Authorisation as data, checked from both ends: every registered route has a rule, and every
 * route is called by every kind of caller with a request that is valid apart from who sends it.
 */

type Identity = 'anonymous' | 'office' | 'leader' | 'ownBureau' | 'otherBureau' | 'sysadmin' | 'secadmin' | 'auditor'
const IDENTITIES: Identity[] = ['anonymous', 'office', 'leader', 'ownBureau', 'otherBureau', 'sysadmin', 'secadmin', 'auditor']
const USERNAME: Record<Exclude<Identity, 'anonymous'>, string> = {
  office: 'office',
  leader: 'leader',
  ownBureau: 'kjj',
  otherBureau: 'jyj',
  sysadmin: 'sysadmin',
  secadmin: 'secadmin',
  auditor: 'auditor',
}
const ROLE: Record<Exclude<Identity, 'anonymous'>, Role> = {
  office: 'office',
  leader: 'leader',
  ownBureau: 'bureau',
  otherBureau: 'bureau',
  sysadmin: 'sysadmin',
  secadmin: 'secadmin',
  auditor: 'auditor',
}

/** Ids in the template database; every request targets 科技局 (kjj), which `otherBureau` (jyj) may not touch. */
interface Ids {
  kjj: number
  fgw: number
  region: number
  submission: number
  version: number
  /** kjj's 2025 report: a publication date must lie after the reported year and not ahead of today. */
  submission2025: number
  ledger: Record<string, number>
  rectification: number
  /** An office comment (批注) on kjj's 2026 report, sent with a return: the bureau may answer it. */
  comment: number
  leaderUser: number
  sessionOfLeader: string
  /** An evidence file (a PDF) on kjj's 2026 value. */
  file: number
  /** 2026's scheme as the office edits it, its version, and its 考核细则 workbook. */
  scheme2026: SchemeDraft
  schemeVersion: number
  schemeWorkbook: Buffer
  /** kjj's 2026 fill-in template as downloaded. */
  fillInTemplate: Buffer
}
interface Request {
  url: string
  payload?: unknown
  headers?: Record<string, string>
}

const LEDGER_BODIES: Record<string, object> = {
  'study-sessions': { date: '2026-04-01', topic: '学习《行政处罚法》', form: '集体学法', participants: 20 },
  'legality-reviews': { date: '2026-04-01', title: '采购合同', kind: '合同协议', reviewer: '法律顾问', outcome: '通过' },
  'publicity-events': { date: '2026-04-01', title: '法律进企业', form: '宣讲', audience: 30, enterprisesCovered: 4 },
}
const RECTIFICATION = { problem: '审查记录不完整', measure: '完善台账', owner: '法规股', deadline: '2026-12-31', status: 'not_started' }
const NEW_BUREAU = { code: 'yjglj', name: '示例县应急管理局', shortName: '应急管理局', type: '应急管理局', hasEnforcement: true, activeFrom: 2025 }
/** A bureau sheet with one new bureau, built in beforeAll. */
let bureauSheet: Buffer
/** The second factor every account of a copy gets for the TOTP routes, and the code an app would show now. */
const MATRIX_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const totpCodeNow = () => TOTP.generate({ secret: Secret.fromBase32(MATRIX_TOTP_SECRET), timestamp: Date.now() })
const EVIDENCE_PDF = pdfOf('route matrix')
const REPORT = fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/reports/xixia-kjj-2023.txt'))

/** One valid request per route. `setup` puts the template copy in the state the route needs. */
const SAMPLES: Record<string, { request: (ids: Ids) => Request; setup?: (db: Db, ids: Ids) => Promise<void> }> = {
  'GET /api/health': { request: () => ({ url: '/api/health' }) },
  'GET /api/ready': { request: () => ({ url: '/api/ready' }) },
  'POST /api/auth/login': { request: () => ({ url: '/api/auth/login', payload: { username: 'leader', password: DEMO_PASSWORD } }) },
  'POST /api/auth/logout': { request: () => ({ url: '/api/auth/logout' }) },
  'GET /api/auth/me': { request: () => ({ url: '/api/auth/me' }) },
  'POST /api/auth/password': { request: () => ({ url: '/api/auth/password', payload: { currentPassword: DEMO_PASSWORD, newPassword: 'Fresh#2026pw' } }) },
  // Enrolment is open to an account without a second factor (the demo's mode is off: a full session).
  'POST /api/auth/totp/enrolment': { request: () => ({ url: '/api/auth/totp/enrolment' }) },
  'POST /api/auth/totp/enrol': {
    request: () => ({ url: '/api/auth/totp/enrol', payload: { code: totpCodeNow() } }),
    setup: async (db) => await sqlOf(db).run('update users set totp_pending_secret = ?', [MATRIX_TOTP_SECRET]),
  },
  // With a second factor, the login waits for the code the request sends.
  'POST /api/auth/totp/verify': {
    request: () => ({ url: '/api/auth/totp/verify', payload: { code: totpCodeNow() } }),
    setup: async (db) => await sqlOf(db).run('update users set totp_secret = ?', [MATRIX_TOTP_SECRET]),
  },
  'GET /api/security/settings': { request: () => ({ url: '/api/security/settings' }) },
  'PUT /api/security/settings': { request: () => ({ url: '/api/security/settings', payload: { secondFactor: 'privileged' } }) },
  'GET /api/notifications/channels': { request: () => ({ url: '/api/notifications/channels' }) },
  'PUT /api/notifications/channels': {
    request: () => ({
      url: '/api/notifications/channels',
      payload: {
        email: { enabled: false, host: 'smtp.example.gov.cn', port: 465, secure: true, username: 'fazhi', password: 'Mail#2026', from: 'fazhi@example.gov.cn' },
        webhook: { enabled: false, url: 'https://sms.example.gov.cn/hook', secret: '' },
      },
    }),
  },
  // The webhook is not configured in the template: the test answers its outcome (not delivered) without leaving the machine.
  'POST /api/notifications/channels/test': { request: () => ({ url: '/api/notifications/channels/test', payload: { channel: 'webhook' } }) },
  'GET /api/notifications/deliveries': { request: () => ({ url: '/api/notifications/deliveries?status=pending&channel=email&page=1' }) },
  'GET /api/cycles': { request: () => ({ url: '/api/cycles' }) },
  'GET /api/bureaus': { request: () => ({ url: '/api/bureaus' }) },
  'POST /api/bureaus': { request: (ids) => ({ url: '/api/bureaus', payload: { ...NEW_BUREAU, regionId: ids.region } }) },
  'PUT /api/bureaus/:id': {
    request: (ids) => ({
      url: `/api/bureaus/${ids.kjj}`,
      payload: { code: 'kjj', name: '示例县科学技术局', shortName: '科学技术局', type: '科技局', hasEnforcement: false, regionId: ids.region, activeFrom: 2000, version: 1 },
    }),
  },
  // kjj reports for 2026: it can end then, 发展改革委 taking it over from 2027.
  'POST /api/bureaus/:id/merge': { request: (ids) => ({ url: `/api/bureaus/${ids.kjj}/merge`, payload: { successorId: ids.fgw, lastYear: 2026, version: 1 } }) },
  'GET /api/bureaus/template.xlsx': { request: () => ({ url: '/api/bureaus/template.xlsx' }) },
  'POST /api/bureaus/import': {
    request: () => {
      const body = multipartFile('单位.xlsx', bureauSheet)
      return { url: '/api/bureaus/import?commit=true', payload: body.payload, headers: body.headers }
    },
  },
  'GET /api/regions': { request: () => ({ url: '/api/regions' }) },
  'GET /api/regions/ranking': { request: () => ({ url: '/api/regions/ranking?year=2025' }) },
  'POST /api/regions': { request: () => ({ url: '/api/regions', payload: { code: 'east', name: '东城区', level: 'county', parentId: null} }) },
  'GET /api/indicators': { request: () => ({ url: '/api/indicators?year=2025' }) },
  'GET /api/dashboard/summary': { request: () => ({ url: '/api/dashboard/summary?year=2025' }) },
  'GET /api/ranking': { request: () => ({ url: '/api/ranking?year=2025' }) },
  'GET /api/bureaus/:id/overview': { request: (ids) => ({ url: `/api/bureaus/${ids.kjj}/overview?year=2025` }) },
  'GET /api/vertical': { request: () => ({ url: '/api/vertical?year=2025' }) },
  'GET /api/trends': { request: () => ({ url: '/api/trends' }) },
  ...Object.fromEntries(
    ['summary.xlsx', 'ranking.xlsx', 'ranking.csv', 'rectifications.xlsx', 'rectifications.csv', 'reporting.xlsx', 'reporting.csv', 'chase.xlsx', 'chase.csv'].map((file) => [
      `GET /api/exports/${file}`,
      { request: () => ({ url: `/api/exports/${file}?year=2025` }) },
    ]),
  ),
  'GET /api/submissions': { request: (ids) => ({ url: `/api/submissions?year=2026&bureauId=${ids.kjj}` }) },
  'POST /api/submissions': { request: (ids) => ({ url: '/api/submissions', payload: { year: 2026, bureauId: ids.kjj } }) },
  'GET /api/submissions/:id': { request: (ids) => ({ url: `/api/submissions/${ids.submission}` }) },
  'PUT /api/submissions/:id': {
    request: (ids) => ({ url: `/api/submissions/${ids.submission}`, payload: { version: ids.version, values: [{ indicator: 'lead.topic_meetings', value: 3 }] } }),
  },
  'POST /api/submissions/:id/submit': {
    request: (ids) => ({ url: `/api/submissions/${ids.submission}/submit` }),
    setup: async (db, ids) => {
      // Fill every input indicator so the fill rules pass.
      await sqlOf(db).run(`insert into submission_values (submission_id, indicator_code, value, source)
           select ?, code, case when direction = 'lower' then 0 when kind = 'boolean' then 1 else coalesce(default_target, 1) end, 'manual'
           from indicators where kind <> 'derived' and enforcement_only = false
           on conflict (submission_id, indicator_code) do update set value = excluded.value, source = excluded.source`, [ids.submission])
    },
  },
  'POST /api/submissions/:id/return': { request: (ids) => ({ url: `/api/submissions/${ids.submission}/return`, payload: { reason: '请核实' } }), setup: async (db, ids) => await setStatus(db, ids, 'submitted') },
  'POST /api/submissions/:id/approve': { request: (ids) => ({ url: `/api/submissions/${ids.submission}/approve` }), setup: async (db, ids) => await setStatus(db, ids, 'submitted') },
  'POST /api/submissions/:id/reopen': { request: (ids) => ({ url: `/api/submissions/${ids.submission}/reopen` }), setup: async (db, ids) => await setStatus(db, ids, 'approved') },
  'GET /api/submissions/:id/changes': { request: (ids) => ({ url: `/api/submissions/${ids.submission}/changes` }) },
  'POST /api/submissions/batch/approve': {
    request: (ids) => ({ url: '/api/submissions/batch/approve', payload: { items: [{ id: ids.submission, version: ids.version }] } }),
    setup: async (db, ids) => await setStatus(db, ids, 'submitted'),
  },
  'POST /api/submissions/batch/return': {
    request: (ids) => ({ url: '/api/submissions/batch/return', payload: { items: [{ id: ids.submission, version: ids.version, reason: '请核实' }] } }),
    setup: async (db, ids) => await setStatus(db, ids, 'submitted'),
  },
  'PUT /api/submissions/:id/publication': {
    request: (ids) => ({ url: `/api/submissions/${ids.submission2025}/publication`, payload: { publishedUrl: 'https://www.example.gov.cn/kjj/2025.html', publishedAt: '2026-03-15' } }),
    // An approved report's publication is fixed: the sample's is not approved.
    setup: async (db, ids) => await sqlOf(db).run("update submissions set status = 'submitted' where id = ?", [ids.submission2025]),
  },
  'GET /api/reminders': { request: () => ({ url: '/api/reminders?year=2026' }) },
  // 消息中心: each caller reads and marks its own messages and sets its own preferences.
  'GET /api/notifications': { request: () => ({ url: '/api/notifications?unread=1&page=1' }) },
  'POST /api/notifications/read': { request: () => ({ url: '/api/notifications/read', payload: { all: true } }) },
  'GET /api/notifications/preferences': { request: () => ({ url: '/api/notifications/preferences' }) },
  'PUT /api/notifications/preferences': {
    request: () => ({ url: '/api/notifications/preferences', payload: { email: 'liaison@example.gov.cn', mobile: '13800000000', channels: { due: { email: false } } } }),
  },
  'GET /api/workbench': { request: () => ({ url: '/api/workbench?year=2026' }) },
  'POST /api/workbench/seen': { request: () => ({ url: '/api/workbench/seen', payload: { at: '2026-11-20T02:00:00.000Z' } }) },
  'POST /api/reminders/chase': { request: () => ({ url: '/api/reminders/chase', payload: { year: 2026 } }) },
  'GET /api/reminders/history': { request: () => ({ url: '/api/reminders/history?year=2026' }) },
  'GET /api/comments': { request: (ids) => ({ url: `/api/comments?submissionId=${ids.submission}` }) },
  // A reply: the office follows up and the bureau answers on a returned report; a bureau cannot start a thread.
  'POST /api/comments': {
    request: (ids) => ({ url: '/api/comments', payload: { submissionId: ids.submission, replyTo: ids.comment, text: '已核实，会议纪要见附件' } }),
    setup: async (db, ids) => await sqlOf(db).run("update submissions set status = 'returned' where id = ?", [ids.submission]),
  },
  ...Object.fromEntries(
    LEDGER_TYPES.flatMap((type) => [
      [`GET /api/ledgers/${type}`, { request: (ids: Ids) => ({ url: `/api/ledgers/${type}?year=2026&bureauId=${ids.kjj}` }) }],
      [`POST /api/ledgers/${type}`, { request: (ids: Ids) => ({ url: `/api/ledgers/${type}`, payload: { ...LEDGER_BODIES[type], year: 2026, bureauId: ids.kjj } }) }],
      [`PUT /api/ledgers/${type}/:id`, { request: (ids: Ids) => ({ url: `/api/ledgers/${type}/${ids.ledger[type]}`, payload: { ...LEDGER_BODIES[type], version: 1 } }) }],
      [`DELETE /api/ledgers/${type}/:id`, { request: (ids: Ids) => ({ url: `/api/ledgers/${type}/${ids.ledger[type]}?version=1` }) }],
    ]),
  ),
  'GET /api/rectifications': { request: (ids) => ({ url: `/api/rectifications?year=2026&bureauId=${ids.kjj}` }) },
  'POST /api/rectifications': { request: (ids) => ({ url: '/api/rectifications', payload: { ...RECTIFICATION, year: 2026, bureauId: ids.kjj } }) },
  'PUT /api/rectifications/:id': { request: (ids) => ({ url: `/api/rectifications/${ids.rectification}`, payload: { ...RECTIFICATION, version: 1 } }) },
  'DELETE /api/rectifications/:id': { request: (ids) => ({ url: `/api/rectifications/${ids.rectification}?version=1` }) },
  'POST /api/rectifications/:id/verify': {
    request: (ids) => ({ url: `/api/rectifications/${ids.rectification}/verify`, payload: { approve: true, version: 2 } }),
    setup: async (db, ids) => {
      await sqlOf(db).run("update rectification_items set status = 'done', completed_at = '2026-10-08', evidence = '整改报告已归档', version = 2 where id = ?", [ids.rectification])
    },
  },
  'POST /api/rectifications/carry-over': { request: (ids) => ({ url: '/api/rectifications/carry-over', payload: { year: 2026, bureauId: ids.kjj } }) },
  'POST /api/rectifications/batch': { request: (ids) => ({ url: '/api/rectifications/batch', payload: { year: 2026, bureauId: ids.kjj, items: [RECTIFICATION] } }) },
  'POST /api/cycles': { request: () => ({ url: '/api/cycles', payload: { year: 2027 } }) },
  'PUT /api/cycles/:year': { request: () => ({ url: '/api/cycles/2026', payload: { dueDate: '2027-03-05', publishDeadline: '2027-04-01', version: 1 } }) },
  'POST /api/cycles/:year/lock': { request: () => ({ url: '/api/cycles/2026/lock' }) },
  'POST /api/cycles/:year/unlock': { request: () => ({ url: '/api/cycles/2023/unlock' }) },
  'POST /api/cycles/:year/publish': { request: () => ({ url: '/api/cycles/2025/publish', payload: { title: '2025年度定稿' } }) },
  'GET /api/results/:year': { request: () => ({ url: '/api/results/2025' }) },
  'GET /api/results/:year/:version': { request: () => ({ url: '/api/results/2025/1' }) },
  'GET /api/schemes/:year': { request: () => ({ url: '/api/schemes/2026' }) },
  'GET /api/schemes/:year/export.xlsx': { request: () => ({ url: '/api/schemes/2026/export.xlsx' }) },
  'PUT /api/schemes/:year': { request: (ids) => ({ url: '/api/schemes/2026', payload: { ...ids.scheme2026, version: ids.schemeVersion } }) },
  'POST /api/schemes/:year/copy-from/:fromYear': { request: () => ({ url: '/api/schemes/2026/copy-from/2024' }) },
  // 2025's scheme was frozen when its results were published (the template publishes version 1).
  'POST /api/schemes/:year/reopen': { request: () => ({ url: '/api/schemes/2025/reopen' }) },
  'POST /api/schemes/:year/preview': { request: (ids) => ({ url: '/api/schemes/2026/preview', payload: ids.scheme2026 }) },
  'POST /api/schemes/:year/import': {
    request: (ids) => {
      const body = multipartFile('考核细则.xlsx', ids.schemeWorkbook)
      return { url: '/api/schemes/2026/import', payload: body.payload, headers: body.headers }
    },
  },
  'GET /api/users': { request: () => ({ url: '/api/users' }) },
  'POST /api/users': { request: () => ({ url: '/api/users', payload: { username: 'newoffice', displayName: '新同事', password: 'Init#2026pw' } }) },
  'PUT /api/users/:id/role': { request: (ids) => ({ url: `/api/users/${ids.leaderUser}/role`, payload: { role: 'office', bureauId: null, version: 1 } }) },
  'POST /api/users/:id/unlock': { request: (ids) => ({ url: `/api/users/${ids.leaderUser}/unlock` }) },
  'POST /api/users/:id/totp/reset': { request: (ids) => ({ url: `/api/users/${ids.leaderUser}/totp/reset` }) },
  'PUT /api/users/:id': { request: (ids) => ({ url: `/api/users/${ids.leaderUser}`, payload: { displayName: '县领导', version: 1 } }) },
  'POST /api/users/:id/reset-password': { request: (ids) => ({ url: `/api/users/${ids.leaderUser}/reset-password`, payload: { password: 'Reset#2026pw' } }) },
  'GET /api/users/:id/sessions': { request: (ids) => ({ url: `/api/users/${ids.leaderUser}/sessions` }) },
  'DELETE /api/sessions/:sessionId': { request: (ids) => ({ url: `/api/sessions/${ids.sessionOfLeader}` }) },
  'GET /api/audit': { request: () => ({ url: '/api/audit' }) },
  'GET /api/audit/export.csv': { request: () => ({ url: '/api/audit/export.csv' }) },
  'GET /api/audit/chain': { request: () => ({ url: '/api/audit/chain' }) },
  'POST /api/imports': {
    request: (ids) => {
      const body = multipartFile('report.txt', REPORT)
      return { url: `/api/imports?year=2026&bureauId=${ids.kjj}&confirmCounty=1`, payload: body.payload, headers: body.headers }
    },
  },
  'GET /api/submissions/:id/template.xlsx': { request: (ids) => ({ url: `/api/submissions/${ids.submission}/template.xlsx` }) },
  'POST /api/submissions/:id/template': {
    request: (ids) => {
      const body = multipartFile('填报模板.xlsx', ids.fillInTemplate)
      return { url: `/api/submissions/${ids.submission}/template`, payload: body.payload, headers: body.headers }
    },
  },
  'GET /api/cycles/:year/templates.zip': { request: () => ({ url: '/api/cycles/2026/templates.zip' }) },
  'POST /api/cycles/:year/templates': {
    request: (ids) => {
      const body = multipartFile('填报模板.xlsx', ids.fillInTemplate)
      return { url: '/api/cycles/2026/templates', payload: body.payload, headers: body.headers }
    },
  },
  'POST /api/files': {
    request: (ids) => {
      const body = multipartFile('会议纪要.pdf', EVIDENCE_PDF, 'application/pdf', { submissionId: ids.submission, indicator: 'lead.topic_meetings' })
      return { url: '/api/files', payload: body.payload, headers: body.headers }
    },
  },
  'GET /api/files': { request: (ids) => ({ url: `/api/files?submissionId=${ids.submission}` }) },
  'GET /api/files/usage': { request: (ids) => ({ url: `/api/files/usage?bureauId=${ids.kjj}` }) },
  'GET /api/files/:id': { request: (ids) => ({ url: `/api/files/${ids.file}` }) },
  'DELETE /api/files/:id': { request: (ids) => ({ url: `/api/files/${ids.file}` }) },
  'PUT /api/bureaus/:id/file-quota': { request: (ids) => ({ url: `/api/bureaus/${ids.kjj}/file-quota`, payload: { quotaMb: 800 } }) },
  'GET /api/imports/latest': { request: (ids) => ({ url: `/api/imports/latest?year=2026&bureauId=${ids.kjj}` }) },
}

async function setStatus(db: Db, ids: Ids, status: string) {
  await sqlOf(db).run("update submissions set status = ?, submitted_at = '2027-02-10T02:00:00.000Z' where id = ?", [status, ids.submission])
}

/** Routes that answer another bureau's user as if the record did not exist (evidence files, a report's changes since its return). */
const HIDDEN_FROM_OTHER_BUREAUS = /^((GET|POST|DELETE) \/api\/files|GET \/api\/submissions\/:id\/changes$)/

/** What a caller should get: 401 without a session, 403 for a role or bureau the rule leaves out (404 where hidden), else success. */
function expected(access: RouteAccess, identity: Identity, key: string): 'ok' | 401 | 403 | 404 {
  if ('public' in access) return 'ok'
  if (identity === 'anonymous') return 401
  if (!access.roles.includes(ROLE[identity])) return 403
  if (identity === 'otherBureau' && access.ownBureau) return HIDDEN_FROM_OTHER_BUREAUS.test(key) ? 404 : 403
  return 'ok'
}

let template: string
let ids: Ids
/** One app for every request that changes nothing; changes each get a fresh copy of the template. */
let shared: TestContext

beforeAll(async () => {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('单位')
  sheet.addRow(['单位编码', '单位名称', '简称', '单位类型', '考核类别', '有无行政执法职能', '所属地区', '起始年度', '终止年度'])
  sheet.addRow([NEW_BUREAU.code, NEW_BUREAU.name, NEW_BUREAU.shortName, NEW_BUREAU.type, null, '有', 'demo', NEW_BUREAU.activeFrom, null])
  bureauSheet = Buffer.from(await workbook.xlsx.writeBuffer())
  template = await seededTemplate(async (db) => {
    const sql = sqlOf(db)
    const kjj = (await sql.get("select id from bureaus where code = 'kjj'") as { id: number }).id
    const fgw = (await sql.get("select id from bureaus where code = 'fgw'") as { id: number }).id
    const region = (await sql.get("select id from regions where code = 'demo'") as { id: number }).id
    const sub = await sql.get('select id, version from submissions where bureau_id = ? and year = 2026', [kjj]) as { id: number; version: number }
    const submission2025 = (await sql.get('select id from submissions where bureau_id = ? and year = 2025', [kjj]) as { id: number }).id
    const ledger: Record<string, number> = {}
    for (const [type, table] of [['study-sessions', 'study_sessions'], ['legality-reviews', 'legality_reviews'], ['publicity-events', 'publicity_events']] as const)
      ledger[type] = (await sql.get(`select max(id) as id from ${table} where bureau_id = ? and year = 2026`, [kjj]) as { id: number }).id
    const rectification = (await sql.get("insert into rectification_items (bureau_id, year, source_year, problem, deadline) values (?, 2026, 2025, '执法台账不完整', '2026-12-31') returning id", [kjj]) as { id: number }).id
    const leaderUser = (await sql.get("select id from users where username = 'leader'") as { id: number }).id
    const officeUser = (await sql.get("select id from users where username = 'office'") as { id: number }).id
    const returnStep = (await sql.get("insert into submission_events (submission_id, action, at, user_id, reason) values (?, 'return', '2026-11-01T02:00:00.000Z', ?, '请核实') returning id", [sub.id, officeUser]) as { id: number }).id
    const comment = (await sql.get("insert into review_comments (submission_id, indicator_code, text, author_id, author_side, at, event_id) values (?, 'lead.topic_meetings', '请核对会议次数', ?, 'office', '2026-11-01T01:00:00.000Z', ?) returning id", [sub.id, officeUser, returnStep]) as { id: number }).id
    const file = (await sql.get("insert into evidence_files (bureau_id, year, submission_id, indicator_code, name, size, type, sha256) values (?, 2026, ?, 'lead.topic_meetings', '纪要.pdf', ?, 'application/pdf', ?) returning id", [kjj, sub.id, EVIDENCE_PDF.length, sha256Of(EVIDENCE_PDF)]) as { id: number }).id
    await sql.run("insert into sessions (id, user_id, expires_at) values (?, ?, '2099-01-01T00:00:00.000Z')", ['a'.repeat(64), leaderUser])
    // Version 1 of 2025's published results, for the routes that read a version.
    const office = await sql.get("select id, username, display_name as \"displayName\", role, bureau_id as \"bureauId\" from users where username = 'office'") as User
    await resultsOn(db, () => new Date()).publish({ user: { ...office, mustChangePassword: false }, ip: null }, 2025, '2025年度定稿')
    const schemes = schemesOn(db, () => new Date(), async () => false)
    ids = { kjj, fgw, region, submission: sub.id, version: sub.version, submission2025, ledger, rectification, comment, leaderUser, sessionOfLeader: 'a'.repeat(64), file, scheme2026: await schemes.draft(2026), schemeVersion: (await schemes.scheme(2026)).version, schemeWorkbook: Buffer.alloc(0), fillInTemplate: Buffer.alloc(0) }
  })
  shared = await createTestApp({ template })
  // Each copy of the template sits in its own folder: the download reads the bytes beside the shared one.
  putBlob(evidenceDirOf(shared.db), EVIDENCE_PDF)
  ids.schemeWorkbook = await schemeWorkbook(await schemesOn(shared.db, () => new Date(), async () => false).scheme(2026))
  const office = await shared.app.inject({ method: 'GET', url: `/api/submissions/${ids.submission}/template.xlsx`, headers: { cookie: await login(shared.app, 'office') } })
  ids.fillInTemplate = office.rawPayload
}, 120_000)
afterAll(() => shared.close())

async function call(t: TestContext, key: string, identity: Identity, query = '') {
  const sample = SAMPLES[key]
  const [method] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE']
  // The shared app stays as the template left it: a refused request needs no state, and a setup
  // (every account with a second factor) would change what later callers get.
  if (sample.setup && t !== shared) await sample.setup(t.db, ids)
  const request = sample.request(ids)
  const { payload, headers } = request
  const url = request.url + query
  let auth: Record<string, string> = {}
  if (identity !== 'anonymous') {
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: USERNAME[identity], password: DEMO_PASSWORD } })
    auth = withCsrf(`sid=${login.cookies.find((c) => c.name === 'sid')!.value}`)
  }
  return t.app.inject({ method, url, payload: payload as never, headers: { ...auth, ...headers } })
}

describe('the access table', () => {
  it('has a rule for every registered route, and every rule names a registered route', () => {
    const registered = new Set(shared.app.apiRoutes)
    expect([...registered].filter((r) => !(r in ROUTE_ACCESS))).toEqual([])
    expect(Object.keys(ROUTE_ACCESS).filter((r) => !registered.has(r))).toEqual([])
  })

  it('is called by a user of every role (a new role must be added here)', () => {
    expect(ROLES.filter((role) => !Object.values(ROLE).includes(role))).toEqual([])
  })

  it('has a sample request for every route (a new route must be added here)', () => {
    expect(Object.keys(ROUTE_ACCESS).filter((r) => !(r in SAMPLES))).toEqual([])
  })
})

describe.each(IDENTITIES)('every route called by %s', (identity) => {
  it.each(Object.keys(ROUTE_ACCESS))('%s', async (key) => {
    const want = expected(ROUTE_ACCESS[key], identity, key)
    const changes = !key.startsWith('GET ')
    const t = want === 'ok' && changes ? await createTestApp({ template }) : shared
    try {
      const res = await call(t, key, identity)
      if (want === 'ok') expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(300)
      else expect(res.statusCode, res.body.slice(0, 300)).toBe(want)
    } finally {
      if (t !== shared) await t.close()
    }
  })
})

/**
 * A session opened by the password alone, its second factor pending: the office's, so that a refusal
 * is the pending factor's (401), never the role's. Nothing is called that could change anything.
 */
describe.each(PENDING_FACTORS)('every route called by a session waiting to %s its second factor', (pending) => {
  let app: TestContext
  const token = `pending-${pending}`
  beforeAll(async () => {
    app = await createTestApp({ template })
    await sqlOf(app.db).run("insert into sessions (id, user_id, expires_at, pending_factor) values (?, (select id from users where username = 'office'), '2099-01-01T00:00:00.000Z', ?)", [sessionIdOf(token), pending])
  })
  afterAll(() => app.close())
  const guarded = Object.keys(ROUTE_ACCESS).filter((key) => !('public' in ROUTE_ACCESS[key]) && !PENDING_FACTOR_ROUTES[pending].has(key))

  it.each(guarded)('%s answers 401', async (key) => {
    const { url, payload, headers } = SAMPLES[key].request(ids)
    const [method] = key.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE']
    const res = await app.app.inject({ method, url, payload: payload as never, headers: { ...withCsrf(`sid=${token}`), ...headers } })
    expect(res.statusCode, res.body.slice(0, 300)).toBe(401)
    expect(res.json().message).toBe(pending === 'enrol' ? '须先设置双因素认证' : '请输入动态验证码完成登录')
  })

  it('reaches what it needs to finish the login', async () => {
    const me = await app.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `sid=${token}` } })
    expect(me.json()).toMatchObject({ username: 'office', pendingFactor: pending })
  })
})

/** The pages and exports that take `version` (a published version) keep the live rules. */
const VERSIONED = Object.keys(ROUTE_ACCESS).filter((key) => /^GET \/api\/(dashboard\/summary|ranking|regions\/ranking|bureaus\/:id\/overview|exports\/)/.test(key))

describe.each(IDENTITIES)('every page and export of a published version called by %s', (identity) => {
  it.each(VERSIONED)('%s?version=1', async (key) => {
    const want = expected(ROUTE_ACCESS[key], identity, key)
    const res = await call(shared, key, identity, '&version=1')
    if (want === 'ok') expect(res.statusCode, res.body.slice(0, 300)).toBe(200)
    else expect(res.statusCode, res.body.slice(0, 300)).toBe(want)
  })
})
