import type { RectificationItem } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { filterRectifications, formValuesOfItem, inputOfForm, rectificationCounts } from '../../../client/src/features/rectifications/rectification'

const item = (overrides: Partial<RectificationItem>): RectificationItem => ({
  id: 1,
  bureauId: 3,
  bureauName: '示例县科技局',
  year: 2026,
  sourceYear: 2025,
  problem: '法治宣传教育的形式和内容还需进一步创新',
  measure: '制定专项整改方案',
  owner: '办公室',
  deadline: '2026-06-30',
  status: 'in_progress',
  completedAt: null,
  evidence: null,
  verifiedAt: null,
  verifiedBy: null,
  returnReason: null,
  sourceImportId: null,
  version: 1,
  overdue: false,
  repeated: false,
  createdAt: '2026-01-10T00:00:00.000Z',
  updatedAt: '2026-01-10T00:00:00.000Z',
  ...overrides,
})

describe('rectification items', () => {
  const items = [
    item({ id: 1, status: 'done', completedAt: '2026-05-01', verifiedAt: '2026-05-10T02:00:00.000Z' }),
    item({ id: 2, status: 'in_progress', overdue: true, repeated: true }),
    item({ id: 3, status: 'not_started', bureauId: 5, owner: '法规股' }),
    item({ id: 4, status: 'not_started', overdue: true, problem: '执法信息公示不够全面' }),
    item({ id: 5, status: 'done', completedAt: '2026-06-01', bureauId: 5 }),
  ]

  it('counts each stage once: overdue, 待销号 (done, not verified) and 已销号 apart', () => {
    expect(rectificationCounts(items)).toEqual({ all: 5, not_started: 1, in_progress: 0, overdue: 2, pending: 1, verified: 1 })
  })

  it('filters by tab, bureau, the repeated flag and text', () => {
    const ids = (f: Parameters<typeof filterRectifications>[1]) => filterRectifications(items, f).map((i) => i.id)
    const none = { tab: 'all' as const, bureauId: null, repeatedOnly: false, search: '' }
    expect(ids({ ...none, tab: 'overdue' })).toEqual([2, 4])
    expect(ids({ ...none, tab: 'not_started' })).toEqual([3])
    expect(ids({ ...none, tab: 'pending' })).toEqual([5])
    expect(ids({ ...none, tab: 'verified' })).toEqual([1])
    expect(ids({ ...none, bureauId: 5 })).toEqual([3, 5])
    expect(ids({ ...none, repeatedOnly: true })).toEqual([2])
    expect(ids({ ...none, search: '执法' })).toEqual([4])
    expect(ids({ ...none, search: '法规股' })).toEqual([3])
  })

  it('maps the drawer form to the API: a completion date only with 已完成, text trimmed, source year kept', () => {
    const form = { ...formValuesOfItem(items[0], 2026), status: 'in_progress' as const, problem: ' 问题 ', evidence: '  ' }
    expect(inputOfForm(form, 2025)).toEqual({
      problem: '问题',
      measure: '制定专项整改方案',
      owner: '办公室',
      deadline: '2026-06-30',
      status: 'in_progress',
      completedAt: null,
      evidence: null,
      sourceYear: 2025,
    })
    expect(inputOfForm({ ...form, status: 'done', completedAt: '2026-07-01' }).completedAt).toBe('2026-07-01')
    expect(formValuesOfItem(null, 2026)).toMatchObject({ deadline: '2026-12-31', status: 'not_started', completedAt: null })
  })
})
