import type { Region } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { ranksRegionsBelow } from '../../../client/src/features/regions/regionRankingQuery'
import { readsVertical } from '../../../client/src/features/vertical/verticalReach'

// A province over one city with two counties, and a county straight under the province.
const regions: Region[] = [
  { id: 1, code: 'prov', name: '示例省', level: 'province', parentId: null },
  { id: 2, code: 'city', name: '示例市', level: 'city', parentId: 1 },
  { id: 3, code: 'east', name: '东县', level: 'county', parentId: 2 },
  { id: 4, code: 'west', name: '西县', level: 'county', parentId: 2 },
  { id: 5, code: 'lone', name: '直管县', level: 'county', parentId: 1 },
]

describe('the 区县排名 panel', () => {
  it('shows for a region with regions below it, not for a county', () => {
    expect(ranksRegionsBelow(regions, 1)).toBe(true)
    expect(ranksRegionsBelow(regions, 2)).toBe(true)
    expect(ranksRegionsBelow(regions, 3)).toBe(false)
    expect(ranksRegionsBelow(regions, 5)).toBe(false)
  })

  it('ranks the top regions for the whole installation only when there are several', () => {
    expect(ranksRegionsBelow(regions, null)).toBe(false)
    expect(ranksRegionsBelow([...regions, { id: 6, code: 'other', name: '外省', level: 'province', parentId: null }], null)).toBe(true)
    expect(ranksRegionsBelow([], null)).toBe(false)
  })
})

describe('the 纵向对比 page', () => {
  it('is for accounts of a region with regions below it', () => {
    expect(readsVertical({ regionId: 2 }, regions)).toBe(true)
    expect(readsVertical({ regionId: 1 }, regions)).toBe(true)
    expect(readsVertical({ regionId: 3 }, regions)).toBe(false)
    expect(readsVertical({ regionId: 5 }, regions)).toBe(false)
  })

  it('is not for an account bound to no region (the single county keeps its overview’s panel)', () => {
    expect(readsVertical({ regionId: null }, regions)).toBe(false)
  })
})
