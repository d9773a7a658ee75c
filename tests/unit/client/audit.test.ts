import { describe, expect, it } from 'vitest'
import { chainSummary, shortHash } from '../../../client/src/features/audit/chain'
import { diffRecords, fieldLabel, formatValue } from '../../../client/src/features/audit/diff'
import {
  auditFilterQuery,
  auditPageQuery,
  auditViewFromParams,
  auditViewToParams,
  EMPTY_AUDIT_FILTER,
  objectFilterProblem,
} from '../../../client/src/features/audit/filter'

describe('audit filter → API query', () => {
  it('sends only the fields that are set, trimmed', () => {
    expect(auditFilterQuery({ ...EMPTY_AUDIT_FILTER, user: ' office ', action: 'login' })).toEqual({ user: 'office', action: 'login' })
    expect(auditFilterQuery(EMPTY_AUDIT_FILTER)).toEqual({})
  })

  it('adds the page and page size for one page of the log', () => {
    const view = { filter: { user: 'kjj', action: 'user', object: 'user:5', from: '2026-01-01', to: '2026-01-31' }, page: 3, pageSize: 50 }
    expect(auditPageQuery(view)).toEqual({ user: 'kjj', action: 'user', object: 'user:5', from: '2026-01-01', to: '2026-01-31', page: 3, pageSize: 50 })
  })

  it('reads the view from the URL and writes it back without the defaults', () => {
    const params = new URLSearchParams('user=office&action=login&page=2')
    const view = auditViewFromParams(params)
    expect(view).toEqual({ filter: { ...EMPTY_AUDIT_FILTER, user: 'office', action: 'login' }, page: 2, pageSize: 20 })
    expect(auditViewToParams(view).toString()).toBe('user=office&action=login&page=2')
    expect(auditViewToParams({ ...view, page: 1 }).toString()).toBe('user=office&action=login')
  })

  it('drops from the URL what the server would refuse', () => {
    const view = auditViewFromParams(new URLSearchParams('from=2026-1-1&to=yesterday&object=user:5;drop&page=-1&pageSize=9999'))
    expect(view).toEqual({ filter: EMPTY_AUDIT_FILTER, page: 1, pageSize: 20 })
  })

  it('explains a malformed object filter', () => {
    expect(objectFilterProblem('user:5')).toBeNull()
    expect(objectFilterProblem('rectification_item')).toBeNull()
    expect(objectFilterProblem('')).toBeNull()
    expect(objectFilterProblem('user 5')).toMatch(/类型:编号/)
  })
})

describe('audit before/after diff', () => {
  it('lists changed fields first and marks what was added, removed or changed', () => {
    const before = { displayName: '张三', role: 'bureau', bureauId: 3, active: true }
    const after = { displayName: '张三', role: 'leader', bureauId: null, active: true, mustChangePassword: false }
    const diff = diffRecords(before, after)
    expect(diff.map((d) => [d.path, d.change])).toEqual([
      ['role', 'changed'],
      ['bureauId', 'changed'],
      ['mustChangePassword', 'added'],
      ['displayName', 'same'],
      ['active', 'same'],
    ])
  })

  it('follows nested objects by dotted path and keeps lists whole', () => {
    const diff = diffRecords({ values: { a: 1, b: [1, 2] } }, { values: { a: 2, b: [1, 2] } })
    expect(diff).toEqual([
      { path: 'values.a', before: 1, after: 2, change: 'changed' },
      { path: 'values.b', before: [1, 2], after: [1, 2], change: 'same' },
    ])
  })

  it('shows a creation as all added and a deletion as all removed', () => {
    expect(diffRecords(null, { year: 2025, format: 'csv' }).map((d) => d.change)).toEqual(['added', 'added'])
    expect(diffRecords({ id: 7 }, null).map((d) => d.change)).toEqual(['removed'])
    expect(diffRecords(null, null)).toEqual([])
  })

  it('formats leaf values as text', () => {
    expect(formatValue('文本')).toBe('文本')
    expect(formatValue(null)).toBe('null')
    expect(formatValue([1, 'a'])).toBe('[1,"a"]')
    expect(formatValue(true)).toBe('true')
  })
})

describe('the hash chain’s state for the auditor', () => {
  const intact = { rows: 120, head: { id: 120, hash: 'ab'.repeat(32) }, broken: null, brokenRows: [], brokenCount: 0, missingTriggers: [], keyed: true, checkedAt: '2026-03-01T02:00:00.000Z' }

  it('intact and keyed: success, nothing more to say', () => {
    expect(chainSummary(intact)).toEqual({ type: 'success', title: '审计日志完整：已校验全部 120 行', notes: [] })
  })

  it('without a key or with triggers missing: a warning that says why', () => {
    const unkeyed = chainSummary({ ...intact, keyed: false })
    expect(unkeyed.type).toBe('warning')
    expect(unkeyed.notes).toEqual([expect.stringContaining('未设置 AUDIT_HMAC_KEY')])
    const triggers = chainSummary({ ...intact, missingTriggers: ['audit_events_no_delete'] })
    expect(triggers).toMatchObject({ type: 'warning', notes: [expect.stringContaining('audit_events_no_delete')] })
  })

  it('broken: an error naming the first changed row, then every broken row with its reason', () => {
    const rows = [
      { id: 57, reason: '本行内容与其哈希不符' },
      { id: 90, reason: '编号不连续' },
    ]
    const broken = chainSummary({ ...intact, broken: rows[0]!, brokenRows: rows, brokenCount: 2, missingTriggers: ['audit_events_no_update'] })
    expect(broken.type).toBe('error')
    expect(broken.title).toBe('审计日志自第 57 行起被篡改，共 2 行不符')
    expect(broken.notes).toEqual(['#57：本行内容与其哈希不符', '#90：编号不连续', expect.stringContaining('audit_events_no_update')])
  })

  it('more broken rows than listed: says how many more', () => {
    const rows = [{ id: 3, reason: '该行没有哈希（未入链）' }]
    const broken = chainSummary({ ...intact, broken: rows[0]!, brokenRows: rows, brokenCount: 250 })
    expect(broken.title).toBe('审计日志自第 3 行起被篡改，共 250 行不符')
    expect(broken.notes).toEqual(['#3：该行没有哈希（未入链）', expect.stringContaining('另有 249 行不符')])
  })

  it('shortens a hash to its first 12 and last 6 digits', () => {
    expect(shortHash('0123456789abcdef'.repeat(4))).toBe('0123456789ab…abcdef')
  })
})

describe('audit diff field labels', () => {
  const context = { objectType: 'submission', fieldNames: { 'enforcement.published_items': '行政执法信息公示条数' } }

  it('names a value by its indicator and the part of it that changed', () => {
    expect(fieldLabel('values.enforcement.published_items.value', context)).toBe('「行政执法信息公示条数」数值')
    expect(fieldLabel('values.enforcement.published_items.note', context)).toBe('「行政执法信息公示条数」说明')
    // A value that did not exist before is one leaf: the indicator alone.
    expect(fieldLabel('values.enforcement.published_items', context)).toBe('「行政执法信息公示条数」')
    // An indicator the server could not name keeps its code.
    expect(fieldLabel('values.custom.x.value', context)).toBe('「custom.x」数值')
  })

  it('names a ledger row’s fields from the ledger definition, and records’ fields from the label map', () => {
    expect(fieldLabel('topic', { objectType: 'study_session', fieldNames: {} })).toBe('学习主题')
    expect(fieldLabel('title', { objectType: 'publicity_event', fieldNames: {} })).toBe('活动名称')
    expect(fieldLabel('displayName', { objectType: 'user', fieldNames: {} })).toBe('姓名')
    expect(fieldLabel('problem', { objectType: 'rectification_item', fieldNames: {} })).toBe('问题')
    expect(fieldLabel('filter.page', { objectType: 'audit', fieldNames: {} })).toBe('筛选条件.page')
    expect(fieldLabel('somethingNew', { objectType: 'user', fieldNames: {} })).toBe('somethingNew')
  })

  it('labels every path of a real diff', () => {
    const rows = diffRecords({ version: 3, values: { 'enforcement.published_items': null } }, { version: 4, values: { 'enforcement.published_items': { value: 12, notApplicable: false, note: null, source: 'manual' } } })
    expect(rows.map((r) => fieldLabel(r.path, context))).toEqual([
      '版本号',
      '「行政执法信息公示条数」',
      '「行政执法信息公示条数」数值',
      '「行政执法信息公示条数」不适用',
      '「行政执法信息公示条数」说明',
      '「行政执法信息公示条数」来源',
    ])
  })
})
