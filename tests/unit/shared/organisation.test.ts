import { BureauBody, bureauStatus, predecessorsOf } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

describe('predecessorsOf', () => {
  const bureaus = [
    { id: 1, successorId: null },
    { id: 2, successorId: 1 },
    { id: 3, successorId: 2 },
    { id: 4, successorId: 1 },
    { id: 5, successorId: null },
  ]
  it('finds the bureaus merged into one, through others too, nearest first', () => {
    expect(predecessorsOf(bureaus, 1).map((b) => b.id)).toEqual([2, 4, 3])
    expect(predecessorsOf(bureaus, 2).map((b) => b.id)).toEqual([3])
    expect(predecessorsOf(bureaus, 5)).toEqual([])
  })
})

describe('bureauStatus', () => {
  it('reads 现有, 已撤销 and 已合并', () => {
    expect(bureauStatus({ activeUntil: null, successorId: null })).toBe('existing')
    expect(bureauStatus({ activeUntil: 2024, successorId: null })).toBe('abolished')
    expect(bureauStatus({ activeUntil: 2024, successorId: 3 })).toBe('merged')
  })
})

describe('BureauBody', () => {
  const body = { code: 'kjj', name: '科技局', shortName: '科技局', type: '科技局', hasEnforcement: false, regionId: 1, activeFrom: 2020 }
  it('takes a body without category or last year, and reads an empty category as none', () => {
    expect(BureauBody.parse(body)).toEqual({ ...body, category: null })
    expect(BureauBody.parse({ ...body, category: ' ', activeUntil: 2020 })).toMatchObject({ category: null, activeUntil: 2020 })
  })
  it('refuses a last year before the first', () => {
    expect(BureauBody.safeParse({ ...body, activeUntil: 2019 }).error?.issues[0]).toMatchObject({ path: ['activeUntil'], message: '终止年度不能早于起始年度' })
  })
})
