import type { Bureau, Region } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { regionsUnder } from '@fazhi/shared'
import { choicesOf, filterBureaus, NO_FILTER, regionTreeOptions, regionTree, yearsText } from '../../../client/src/features/organisation/organisation'

const regions: Region[] = [
  { id: 1, code: 'city', name: '示例市', level: 'city', parentId: null },
  { id: 2, code: 'east', name: '东城区', level: 'county', parentId: 1 },
  { id: 3, code: 'west', name: '西城区', level: 'county', parentId: 1 },
  { id: 4, code: 'other', name: '外县', level: 'county', parentId: null },
]
const bureau = (id: number, over: Partial<Bureau>): Bureau => ({
  id,
  code: `b${id}`,
  name: `单位${id}`,
  shortName: `单位${id}`,
  type: '科技局',
  regionId: 2,
  regionName: '东城区',
  hasEnforcement: false,
  active: true,
  category: null,
  activeFrom: 2000,
  activeUntil: null,
  successorId: null,
  version: 1,
  ...over,
})
const bureaus = [
  bureau(1, { regionId: 2, type: '科技局', category: '执法部门' }),
  bureau(2, { regionId: 3, type: '教育局', activeUntil: 2024, active: false }),
  bureau(3, { regionId: 4, type: '科技局', activeUntil: 2023, active: false, successorId: 1 }),
]

describe('regionTree', () => {
  it('nests each region under its parent, with its level', () => {
    expect(regionTree(regions)).toEqual([
      {
        key: 1,
        title: '示例市（市）',
        children: [
          { key: 2, title: '东城区（县（区））', children: [] },
          { key: 3, title: '西城区（县（区））', children: [] },
        ],
      },
      { key: 4, title: '外县（县（区））', children: [] },
    ])
  })
})

describe('regionTreeOptions', () => {
  it('offers the same tree to a TreeSelect, each region’s id its value', () => {
    expect(regionTreeOptions(regions)).toEqual([
      {
        value: 1,
        title: '示例市（市）',
        children: [
          { value: 2, title: '东城区（县（区））', children: [] },
          { value: 3, title: '西城区（县（区））', children: [] },
        ],
      },
      { value: 4, title: '外县（县（区））', children: [] },
    ])
  })
})

describe('filterBureaus', () => {
  it('takes a region with the regions below it', () => {
    expect([...regionsUnder(regions, 1)].sort()).toEqual([1, 2, 3])
    expect(filterBureaus(bureaus, regions, { ...NO_FILTER, regionId: 1 }).map((b) => b.id)).toEqual([1, 2])
    expect(filterBureaus(bureaus, regions, { ...NO_FILTER, regionId: 3 }).map((b) => b.id)).toEqual([2])
  })

  it('filters by type, category and status (现有 / 已撤销 / 已合并)', () => {
    expect(filterBureaus(bureaus, regions, { ...NO_FILTER, type: '科技局' }).map((b) => b.id)).toEqual([1, 3])
    expect(filterBureaus(bureaus, regions, { ...NO_FILTER, category: '执法部门' }).map((b) => b.id)).toEqual([1])
    expect(filterBureaus(bureaus, regions, { ...NO_FILTER, status: 'existing' }).map((b) => b.id)).toEqual([1])
    expect(filterBureaus(bureaus, regions, { ...NO_FILTER, status: 'abolished' }).map((b) => b.id)).toEqual([2])
    expect(filterBureaus(bureaus, regions, { ...NO_FILTER, status: 'merged' }).map((b) => b.id)).toEqual([3])
    expect(filterBureaus(bureaus, regions, NO_FILTER)).toHaveLength(3)
  })

  it('offers each distinct value once, and reads the years', () => {
    expect(choicesOf(bureaus.map((b) => b.category))).toEqual([{ value: '执法部门', label: '执法部门' }])
    expect(yearsText(bureaus[0])).toBe('2000–')
    expect(yearsText(bureaus[1])).toBe('2000–2024')
  })
})
