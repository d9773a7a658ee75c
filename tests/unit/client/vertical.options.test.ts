import { CATEGORIES, type Vertical } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { buildVerticalOption, isWholeRow } from '../../../client/src/features/vertical/vertical.options'

describe('cross-region comparison of one bureau type', () => {
  const data: Vertical = {
    year: 2025,
    types: ['科技局'],
    type: '科技局',
    rows: [
      { regionId: 1, regionName: '甲县', bureauId: 3, name: '甲县科技局', status: 'approved', score: 70.04, completion: 0.6, typeRank: 1, categories: { lead: 0.8214, enforcement: null } },
      { regionId: 2, regionName: '乙县', bureauId: 31, name: '乙县科技局', status: 'missing', score: null, completion: null, typeRank: null, categories: {} },
    ],
  }

  it('draws one bar series per region across the categories, with gaps where there is no figure', () => {
    const option = buildVerticalOption(data, CATEGORIES)
    const series = option.series as { name: string; data: unknown[] }[]
    expect(series.map((s) => s.name)).toEqual(['甲县', '乙县'])
    expect(series[0].data).toHaveLength(CATEGORIES.length)
    expect(series[0].data[0]).toBe(82.1)
    expect(series[0].data[CATEGORIES.findIndex((c) => c.code === 'enforcement')]).toBe('-')
    expect(series[1].data.every((v) => v === '-')).toBe(true)
  })

  it('leaves a gap for a bureau whose details the reader does not see (a public row: rank and score only)', () => {
    const publicRow = { regionId: 2, regionName: '乙县', bureauId: 31, name: '乙县科技局', score: 66.1, typeRank: 2 }
    expect(isWholeRow(publicRow)).toBe(false)
    expect(isWholeRow(data.rows[0])).toBe(true)
    const option = buildVerticalOption({ ...data, rows: [data.rows[0], publicRow] }, CATEGORIES)
    const series = option.series as { name: string; data: unknown[] }[]
    expect(series[0].data[0]).toBe(82.1)
    expect(series[1].data.every((v) => v === '-')).toBe(true)
  })
})
