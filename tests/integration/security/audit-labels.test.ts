import { CATALOG } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkflowApp, type WorkflowContext } from '../workflow/helpers'

// A parsed JSON body: the test reads the answer loosely and asserts on it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp()
})
afterAll(() => t.close())

const nameOf = (code: string) => CATALOG.find((i) => i.code === code)!.name

/** One page of the log as the auditor reads it, newest first. */
async function readLog(query: string): Promise<Json[]> {
  const res = await t.call('auditor', 'GET', `/api/audit?${query}`)
  expect(res.status).toBe(200)
  return res.body.rows
}

describe('the audit log names what it records (GET /api/audit)', () => {
  it('names a saved report by its bureau and year, the actor by name and username, and the indicators it changed', async () => {
    const s = (await t.submissionOf('kjj', 2026))!
    const saved = await t.call('kjj', 'PUT', `/api/submissions/${s.id}`, { version: s.version, values: [{ indicator: 'lead.topic_meetings', value: 4 }] })
    expect(saved.status).toBe(200)
    const [row] = await readLog(`action=submission.save&object=submission:${s.id}`)
    expect(row).toMatchObject({ action: 'submission.save', objectType: 'submission', objectId: String(s.id), username: 'kjj' })
    expect(row.objectLabel).toBe('示例县科技局 2026 年度填报')
    expect(row.actorLabel).toBe('科技局法治联络员（kjj）')
    expect(row.fieldNames).toEqual({ 'lead.topic_meetings': nameOf('lead.topic_meetings') })
  })

  it('names a changed account and the administrator who changed it', async () => {
    const leader = (await t.call('sysadmin', 'GET', '/api/users')).body.find((u: Json) => u.username === 'leader')
    expect((await t.call('sysadmin', 'PUT', `/api/users/${leader.id}`, { displayName: '县领导甲', version: leader.version })).status).toBe(200)
    const [row] = await readLog(`action=user.update&object=user:${leader.id}`)
    // The account's name as it is now; the row's before/after still hold the change.
    expect(row.objectLabel).toBe('县领导甲（leader）')
    expect(row.actorLabel).toBe('系统管理员（sysadmin）')
    expect(row.before.displayName).not.toBe(row.after.displayName)
  })

  it('names a rectification item by its problem, and one deleted since by its id with (已删除)', async () => {
    const body = { problem: '行政执法公示栏未及时更新', measure: '每月更新', owner: '法规股', deadline: '2026-12-31', status: 'in_progress', year: 2026 }
    const item = (await t.call('kjj', 'POST', '/api/rectifications', body)).body
    const [created] = await readLog(`action=rectification.create&object=rectification_item:${item.id}`)
    expect(created.objectLabel).toBe('示例县科技局 2026 年度整改事项：行政执法公示栏未及时更新')

    expect((await t.call('kjj', 'DELETE', `/api/rectifications/${item.id}?version=${item.version}`)).status).toBe(200)
    const rows = await readLog(`object=rectification_item:${item.id}`)
    expect(rows.map((r: Json) => r.action)).toEqual(['rectification.delete', 'rectification.create'])
    for (const r of rows) expect(r.objectLabel).toBe(`整改事项 #${item.id}（已删除）`)
  })

  it('still records each read as audit.read, and a failed login by the username tried', async () => {
    const before = (await t.auditOf('audit.read')).length
    await readLog('action=login')
    await readLog('page=2')
    expect(await t.auditOf('audit.read')).toHaveLength(before + 2)

    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'wrong-password' } })
    const [failed] = await readLog('action=login&user=nobody')
    expect(failed).toMatchObject({ success: false, actorLabel: 'nobody', userId: null })
  })

  it('exports the Chinese labels beside the raw codes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/audit/export.csv?action=submission.save', headers: await t.as('auditor') })
    expect(res.statusCode).toBe(200)
    const [header, first] = res.body.replace(/^\uFEFF/, '').split('\r\n')
    expect(header).toBe('时间,用户,用户名,IP,操作,操作代码,对象,对象类型,对象编号,结果,变更前,变更后')
    expect(first).toContain(',科技局法治联络员（kjj）,kjj,')
    expect(first).toContain(',保存填报,submission.save,示例县科技局 2026 年度填报,submission,')
  })
})
