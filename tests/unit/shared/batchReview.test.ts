import { BatchApproveBody, BatchReturnBody, valueChanges } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

const indicators = [
  { code: 'a', name: '甲' },
  { code: 'b', name: '乙' },
  { code: 'c', name: '丙' },
]
const v = (value: number | boolean | null, note: string | null = null, notApplicable = false) => ({ value, notApplicable, note })

describe('valueChanges: what changed since the return', () => {
  it('lists values, notes and 不适用 that differ, in the scheme order, with before and after', () => {
    const returned = { c: v(3), a: v(1, '旧备注'), b: v(2) }
    const now = { a: v(1, '新备注'), b: v(2), c: v(null, '无此事项', true) }
    expect(valueChanges(indicators, returned, now)).toEqual([
      { indicator: 'a', name: '甲', before: v(1, '旧备注'), after: v(1, '新备注') },
      { indicator: 'c', name: '丙', before: v(3), after: v(null, '无此事项', true) },
    ])
  })

  it('treats a missing row as empty: a value added or cleared shows, an empty row added does not', () => {
    expect(valueChanges(indicators, { a: v(1) }, { b: v(true), c: v(null) })).toEqual([
      { indicator: 'a', name: '甲', before: v(1), after: null },
      { indicator: 'b', name: '乙', before: null, after: v(true) },
    ])
    expect(valueChanges(indicators, {}, {})).toEqual([])
  })
})

describe('batch bodies', () => {
  it('take 1–100 distinct reports, a return each with its own non-empty reason', () => {
    expect(BatchApproveBody.safeParse({ items: [{ id: 1, version: 2 }] }).success).toBe(true)
    expect(BatchApproveBody.safeParse({ items: [] }).error?.issues[0].message).toBe('请至少选择一份填报')
    expect(BatchApproveBody.safeParse({ items: [{ id: 1, version: 2 }, { id: 1, version: 2 }] }).error?.issues[0].message).toBe('同一份填报不能重复出现')
    expect(BatchApproveBody.safeParse({ items: Array.from({ length: 101 }, (_, i) => ({ id: i + 1, version: 1 })) }).success).toBe(false)
    expect(BatchReturnBody.safeParse({ items: [{ id: 1, version: 2, reason: ' ' }] }).error?.issues[0].message).toBe('请填写退回原因')
    expect(BatchReturnBody.safeParse({ items: [{ id: 1, version: 2, reason: '请核实', resubmitDeadline: '2027-02-30' }] }).success).toBe(false)
  })
})
