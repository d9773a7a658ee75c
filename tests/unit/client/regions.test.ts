import type { Region } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { actsOnRegionOf, comparedWithin, keepRegion, pickRegion, REGION_PARAM, regionChoices, wholeOf } from '../../../client/src/features/regions/regions'

const regions: Region[] = [
  { id: 1, code: 'province', name: '示例省', level: 'province', parentId: null },
  { id: 2, code: 'city', name: '示例市', level: 'city', parentId: 1 },
  { id: 3, code: 'demo', name: '示例县', level: 'county', parentId: 2 },
  { id: 4, code: 'ybx', name: '样板县', level: 'county', parentId: 2 },
  { id: 5, code: 'other', name: '外市', level: 'city', parentId: 1 },
]
const ids = (list: readonly Region[]) => list.map((r) => r.id)

describe('regionChoices', () => {
  it('offers every region to an account bound to none', () => {
    expect(ids(regionChoices(regions, null))).toEqual([1, 2, 3, 4, 5])
  })
  it("offers a bound account its region's subtree only", () => {
    expect(ids(regionChoices(regions, 2))).toEqual([2, 3, 4])
    expect(ids(regionChoices(regions, 4))).toEqual([4])
  })
})

describe('pickRegion', () => {
  const cityChoices = regionChoices(regions, 2)
  it("defaults to the account's own region, or every region (null)", () => {
    expect(pickRegion(null, 2, cityChoices)).toBe(2)
    expect(pickRegion(null, null, regions)).toBeNull()
  })
  it('takes a region among the choices', () => {
    expect(pickRegion('4', 2, cityChoices)).toBe(4)
  })
  it('falls back to the default for a region outside the choices or a malformed parameter', () => {
    expect(pickRegion('5', 2, cityChoices)).toBe(2)
    expect(pickRegion('99', null, regions)).toBeNull()
    for (const bad of ['', 'abc', '0', '-3', '4.5', '04']) expect(pickRegion(bad, 2, cityChoices)).toBe(2)
  })
  it('takes a well-formed parameter as it is until the regions are known', () => {
    expect(pickRegion('5', 2, null)).toBe(5)
    expect(pickRegion('x', 2, null)).toBe(2)
  })
})

describe('comparedWithin', () => {
  it("keeps the page's region for a bureau in it or below it", () => {
    expect(comparedWithin(regions, 2, 4)).toBe(2)
    expect(comparedWithin(regions, 4, 4)).toBe(4)
  })
  it('compares over every region for a bureau elsewhere, or when nothing is picked or known', () => {
    expect(comparedWithin(regions, 4, 3)).toBeNull()
    expect(comparedWithin(regions, null, 3)).toBeNull()
    expect(comparedWithin(regions, 2, undefined)).toBeNull()
  })
})

describe('actsOnRegionOf', () => {
  it('lets an unbound account act everywhere, even before the bureau is known', () => {
    expect(actsOnRegionOf({ regionId: null }, 3)).toBe(true)
    expect(actsOnRegionOf({ regionId: null }, undefined)).toBe(true)
  })
  it("lets a bound account act on its own region's bureaus only, and not before the bureau is known", () => {
    expect(actsOnRegionOf({ regionId: 2 }, 2)).toBe(true)
    expect(actsOnRegionOf({ regionId: 2 }, 4)).toBe(false)
    expect(actsOnRegionOf({ regionId: 2 }, undefined)).toBe(false)
  })
})

describe('keepRegion', () => {
  it('carries ?region= into a link, and nothing when the URL has none', () => {
    expect(keepRegion(new URLSearchParams('year=2025&region=4&v=2'), new URLSearchParams({ year: '2024' })).toString()).toBe(`year=2024&${REGION_PARAM}=4`)
    expect(keepRegion(new URLSearchParams('year=2025'), new URLSearchParams()).toString()).toBe('')
  })
})

describe('wholeOf', () => {
  const tree: Region[] = [
    { id: 1, code: 'p', name: '示例省', level: 'province', parentId: null },
    { id: 2, code: 'c', name: '示例市', level: 'city', parentId: 1 },
    { id: 3, code: 'x', name: '示例县', level: 'county', parentId: 2 },
  ]
  it('names the area by the region’s level, a county or every region as 全县', () => {
    expect(wholeOf(tree, 1)).toBe('全省')
    expect(wholeOf(tree, 2)).toBe('全市')
    expect(wholeOf(tree, 3)).toBe('全县')
    expect(wholeOf(tree, null)).toBe('全县')
    expect(wholeOf(tree, 99)).toBe('全县')
  })
})
