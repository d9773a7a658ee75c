import { rankRegions, type RegionRankingRow } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

const region = (name: string, averageScore: number | null, reportingRate: number): Omit<RegionRankingRow, 'rank'> => ({
  regionId: name.length,
  code: name,
  name,
  level: 'county',
  bureauCount: 10,
  reportingRate,
  onTimeRate: reportingRate,
  averageScore,
  rectificationCompletionRate: null,
})

describe('rankRegions', () => {
  it('ranks by mean score, then reporting rate; equal on both share a rank, listed by name; a region with no scored bureau comes last, unranked', () => {
    const ranked = rankRegions([region('乙县', 80, 0.9), region('丙县', null, 0.5), region('甲县', 85, 0.6), region('丁县', 80, 1), region('戊县', 80, 1)])
    expect(ranked.map((r) => [r.name, r.rank])).toEqual([
      ['甲县', 1],
      ['丁县', 2],
      ['戊县', 2],
      ['乙县', 4],
      ['丙县', null],
    ])
  })
})
