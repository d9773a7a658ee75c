import ExcelJS from 'exceljs'
import type { SchemeImport } from '@fazhi/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { multipartFile } from '../../helpers/multipart'
import { createWorkflowApp, type WorkflowContext } from '../workflow/helpers'
import { draftOf, schemeOf, schemeRows, withIndicator } from './helpers'

let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
  // A scheme with a rule of every kind, a category rename and settings, so the round trip covers them.
  const s = await schemeOf(t, 2026)
  let draft = withIndicator(draftOf(s), 'lead.topic_meetings', { rule: { kind: 'perUnit', points: 0.3, cap: 1.2 } })
  draft = withIndicator(draft, 'study.exam_pass_rate', { rule: { kind: 'perPercentPoint', points: 0.5 } })
  draft = withIndicator(draft, 'oversight.litigation_lost', { rule: { kind: 'perViolation', points: 3, cap: null } })
  draft = withIndicator(draft, 'enforcement.misconduct_cases', { weight: 0, rule: { kind: 'veto', threshold: 1, gradeCap: '合格' } })
  draft = withIndicator(draft, 'publicity.events', { appliesTo: ['执法部门'] })
  draft = withIndicator(draft, 'lead.duty_report', { evidenceRequired: true })
  draft.indicators.push({ code: 'lead.demo_creation', category: 'lead', name: '获评法治政府建设示范', unit: '', kind: 'boolean', direction: 'higher', target: 1, weight: 0, enforcementOnly: false, appliesTo: null, rule: { kind: 'bonus', points: 2 }, plausibleMin: null, plausibleMax: null, yoyMinChange: null, evidenceRequired: false })
  draft.categories = draft.categories.map((c) => (c.code === 'lead' ? { ...c, name: '党政主要负责人职责' } : c))
  Object.assign(draft, { bonusCap: 3, lateDeduction: 0.5, excellentQuota: 0.3 })
  const saved = await t.call('office', 'PUT', '/api/schemes/2026', { ...draft, version: s.version })
  if (saved.status !== 200) throw new Error(JSON.stringify(saved.body))
})
afterAll(() => t.close())

async function exported(username = 'office') {
  const res = await t.app.inject({ method: 'GET', url: '/api/schemes/2026/export.xlsx', headers: await t.as(username) })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toContain('spreadsheetml')
  expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('2026年度考核细则.xlsx')
  return res.rawPayload
}

async function imported(file: Buffer): Promise<{ status: number; body: SchemeImport }> {
  const body = multipartFile('细则.xlsx', file)
  const res = await t.app.inject({ method: 'POST', url: '/api/schemes/2026/import', payload: body.payload, headers: { ...(await t.as('office')), ...body.headers } })
  return { status: res.statusCode, body: res.json() }
}

describe('the 考核细则 workbook', () => {
  it('lays out the categories merged with their points, the indicators, rules in words and the settings', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await exported('kjj')) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('考核细则')!
    expect(ws.getCell('A1').value).toBe('2026年度法治政府建设考核细则')
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['类别', '指标编码', '指标名称', '单位', '类型', '方向', '目标值', '分值', '适用单位类别', '评分规则', '合理范围下限', '合理范围上限', '需佐证材料'])
    const scheme = await schemeOf(t, 2026)
    const lead = scheme.categories.find((c) => c.code === 'lead')!
    expect(ws.getCell('A3').value).toBe(`党政主要负责人职责（${lead.points}分）`)
    expect(ws.model.merges).toContain(`A3:A${2 + scheme.indicators.filter((i) => i.category === 'lead').length}`)
    const meetings = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(2).value === 'lead.topic_meetings')!
    expect(meetings.getCell(10).value).toBe('每少1次扣0.3分，累计扣分不超过1.2分')
    const settings = wb.getWorksheet('方案设置')!
    const values = Object.fromEntries([...Array(settings.rowCount).keys()].slice(2).map((i) => [settings.getRow(i + 1).getCell(1).value, settings.getRow(i + 1).getCell(2).value]))
    expect(values).toMatchObject({ 优秀分数线: 90, 良好分数线: 80, 合格分数线: 60, 优秀比例上限: 0.3, 加分上限: 3, 逾期扣分: 0.5 })
  })

  it('reads an unchanged export back as the stored scheme: no differences, no errors, nothing written', async () => {
    const before = await schemeRows(t)
    const { status, body } = await imported(await exported())
    expect(status).toBe(200)
    expect(body.errors).toEqual([])
    expect(body.differences).toEqual([])
    expect(body.scheme).toEqual(draftOf(await schemeOf(t, 2026)))
    expect(await schemeRows(t)).toEqual(before)
  })

  it('shows an edited cell as its difference, and a cell it cannot read as a row error', async () => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await exported()) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('考核细则')!
    const rowOf = (code: string) => [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(2).value === code)!
    rowOf('lead.topic_meetings').getCell(8).value = 7
    rowOf('lead.duty_report').getCell(13).value = null
    rowOf('study.exam_pass_rate').getCell(10).value = '每低1个百分点扣1分，分值扣完为止'
    const bad = rowOf('publicity.events')
    bad.getCell(10).value = '酌情扣分'
    const { body } = await imported(Buffer.from(await wb.xlsx.writeBuffer()))
    const was = (await schemeOf(t, 2026)).indicators.find((i) => i.code === 'lead.topic_meetings')!.weight
    expect(body.differences).toEqual([
      { code: 'lead.topic_meetings', field: '分值', before: String(was), after: '7' },
      { code: 'lead.duty_report', field: '需佐证材料', before: '是', after: '否' },
      { code: 'study.exam_pass_rate', field: '评分规则', before: '每低1个百分点扣0.5分，分值扣完为止', after: '每低1个百分点扣1分，分值扣完为止' },
      { code: 'publicity.events', field: '移除指标', before: expect.any(String), after: null },
    ])
    expect(body.errors).toEqual([{ row: bad.number, column: '评分规则', message: expect.stringContaining('无法识别评分规则“酌情扣分”') }])
    expect(body.scheme.indicators.find((i) => i.code === 'lead.topic_meetings')!.weight).toBe(7)
  })

  // A file stores NUL as Excel escapes it, _x0000_ (exceljs writes a raw NUL as nothing), read back as NUL.
  it.each([
    ['NUL', '_x0000_'],
    ['a right-to-left override (U+202E)', '\u202E'],
  ])('refuses a cell holding %s as its row’s error, in both sheets; nothing of it reaches the draft', async (_, ch) => {
    const before = await schemeRows(t)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await exported()) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('考核细则')!
    const row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(2).value === 'lead.topic_meetings')!
    row.getCell(3).value = `专题会议${ch}fdp.exe`
    const settings = wb.getWorksheet('方案设置')!
    const mapping = settings.addRow(['编码对应（旧→新）', `lead.old${ch}`, 'lead.topic_meetings'])
    const { status, body } = await imported(Buffer.from(await wb.xlsx.writeBuffer()))
    expect(status).toBe(200)
    expect(body.errors).toEqual([
      { row: row.number, column: '指标名称', message: '含有不允许的控制字符' },
      { row: mapping.number, column: '方案设置', message: '含有不允许的控制字符' },
    ])
    expect(body.scheme.indicators.map((i) => i.code)).not.toContain('lead.topic_meetings')
    // JSON writes NUL as the escape \u0000, U+202E as itself.
    expect(JSON.stringify(body.scheme)).not.toMatch(/\\u0000|\u202E/)
    expect(await schemeRows(t)).toEqual(before)
  })

  it('answers a file that is not a workbook with an error, and only the office may import', async () => {
    const { status, body } = await imported(Buffer.from('not a workbook'))
    expect(status).toBe(200)
    expect(body.errors[0].message).toContain('无法读取该文件')
    const file = multipartFile('细则.xlsx', await exported())
    const res = await t.app.inject({ method: 'POST', url: '/api/schemes/2026/import', payload: file.payload, headers: { ...(await t.as('leader')), ...file.headers } })
    expect(res.statusCode).toBe(403)
  })
})
