import { describe, expect, it } from 'vitest'
import { conflictDifferences } from '../../../client/src/components/conflict'
import { evidenceProblem } from '../../../client/src/features/rectifications/rectification'

describe('a save conflict: what differs between the latest record and the typed values', () => {
  const fields = [
    { name: 'measure', label: '整改措施' },
    { name: 'owner', label: '责任部门/人' },
    { name: 'active', label: '账号状态', text: (v: unknown) => (v ? '启用' : '停用') },
  ]

  it('lists only the fields that read differently, with both values', () => {
    expect(conflictDifferences(fields, { measure: '督办整改', owner: '法规股', active: true }, { measure: '单位自查', owner: ' 法规股 ', active: false })).toEqual([
      { name: 'measure', label: '整改措施', latest: '督办整改', mine: '单位自查' },
      { name: 'active', label: '账号状态', latest: '启用', mine: '停用' },
    ])
  })

  it('shows an empty value as such, and nothing when they agree', () => {
    expect(conflictDifferences(fields, { measure: '', owner: null, active: true }, { measure: '补齐台账', active: true })).toEqual([
      { name: 'measure', label: '整改措施', latest: '（空）', mine: '补齐台账' },
    ])
    expect(conflictDifferences(fields, { measure: 'a' }, { measure: 'a' })).toEqual([])
  })
})

describe('已完成 needs evidence (said before the server refuses)', () => {
  it('asks for evidence only when the item is done', () => {
    expect(evidenceProblem('done', '  ')).toContain('整改佐证')
    expect(evidenceProblem('done', null)).toContain('整改佐证')
    expect(evidenceProblem('done', '整改报告')).toBeNull()
    expect(evidenceProblem('in_progress', '')).toBeNull()
  })
})
