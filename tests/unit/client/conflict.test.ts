import { describe, expect, it } from 'vitest'
import { conflictDifferences } from '../../../client/src/components/conflict'
import { ApiError } from '../../../client/src/api/client'
import { changedByOf, conflictWording } from '../../../client/src/components/conflictWording'
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

describe('a save conflict’s banner: the user’s own other window or tab, or someone else', () => {
  const error = (body: Record<string, unknown>) => new ApiError(409, 'Conflict', '该填报已被 科技局法治联络员 于 2026-11-20 10:00 修改，请刷新后再保存', body)
  const changedBy = { userId: 7, name: '科技局法治联络员', at: '2026-11-20T02:00:00.000Z' }

  it('reads who changed the record from the 409, or nobody when the answer names nobody or is malformed', () => {
    expect(changedByOf(error({ changedBy }))).toEqual(changedBy)
    expect(changedByOf(error({ changedBy: null }))).toBeNull()
    expect(changedByOf(error({}))).toBeNull()
    expect(changedByOf(error({ changedBy: { userId: '7', at: 1 } }))).toBeNull()
  })

  it('says the change came from another window or tab when the changer is the current user', () => {
    expect(conflictWording('这份填报', changedBy, 7, error({}).message)).toEqual({
      title: '保存冲突：您已在其他窗口或标签页修改了这份填报',
      message: '您于 2026-11-20 10:00 在其他窗口或标签页保存过这份填报，本页的内容不是最新版本。',
    })
  })

  it('names someone else as the server does, and says 他人 when nobody is known', () => {
    const message = error({}).message
    expect(conflictWording('这条记录', changedBy, 8, message)).toEqual({ title: '保存冲突：他人已修改了这条记录', message })
    expect(conflictWording('这份填报', null, 7, message)).toEqual({ title: '保存冲突：他人已修改了这份填报', message })
    expect(conflictWording('这份填报', { ...changedBy, userId: null }, 7, message).title).toBe('保存冲突：他人已修改了这份填报')
  })
})
