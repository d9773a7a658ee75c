import type { Cycle, RankingRow } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { defaultYear, resolveYear } from '../../../client/src/features/catalog/years'
import { filterRanking } from '../../../client/src/features/ranking/filter'
import { formatDateTime, formatNumber, formatPercent, formatPointChange, formatScore, truncateLabel } from '../../../client/src/lib/format'

describe('number formatting', () => {
  it('formats rates as percentages, scores with two decimals, and missing values as —', () => {
    expect(formatPercent(0.8214)).toBe('82.1%')
    expect(formatPercent(1)).toBe('100.0%')
    expect(formatPercent(null)).toBe('—')
    expect(formatScore(85.4)).toBe('85.40')
    expect(formatNumber(1234.5)).toBe('1,234.5')
    expect(formatPointChange(0.8214, 1)).toBe('17.9 个百分点')
  })

  it('shows timestamps in China time', () => {
    expect(formatDateTime('2026-02-28T16:30:00.000Z')).toBe('2026-03-01 00:30')
  })

  it('shortens long axis labels', () => {
    expect(truncateLabel('人力资源和社会保障局', 6)).toBe('人力资源和…')
    expect(truncateLabel('科技局', 6)).toBe('科技局')
  })
})

describe('reporting year', () => {
  const cycle = (year: number, due: boolean): Cycle => ({ year, dueDate: `${year + 1}-03-01`, publishDeadline: `${year + 1}-04-01`, locked: false, due, version: 1 })
  const cycles = [cycle(2024, true), cycle(2025, true), cycle(2026, false)]

  it('opens on the latest year whose due date has passed', () => {
    expect(defaultYear(cycles)).toBe(2025)
    expect(defaultYear([cycle(2026, false)])).toBe(2026)
    expect(defaultYear([])).toBeNull()
  })

  it('follows ?year= only for a known year', () => {
    expect(resolveYear('2024', cycles)).toBe(2024)
    expect(resolveYear('1999', cycles)).toBe(2025)
    expect(resolveYear('abc', cycles)).toBe(2025)
    expect(resolveYear(null, cycles)).toBe(2025)
  })
})

describe('league table filter', () => {
  const row = (code: string, name: string, type: string): RankingRow => ({
    rank: 1, previousRank: null, rankChange: null, bureauId: 1, code, name, shortName: name.replace('示例县', ''), type, score: 80, completion: 0.5, onTime: true, categories: {},
  })
  const rows = [row('kjj', '示例县科技局', '科技局'), row('jyj', '示例县教育局', '教育局'), row('gaj', '示例县公安局', '公安局')]

  it('matches part of the name or the code, and the chosen types', () => {
    expect(filterRanking(rows, { search: '教育', types: [] }).map((r) => r.code)).toEqual(['jyj'])
    expect(filterRanking(rows, { search: ' KJJ ', types: [] }).map((r) => r.code)).toEqual(['kjj'])
    expect(filterRanking(rows, { search: '', types: ['公安局', '科技局'] }).map((r) => r.code)).toEqual(['kjj', 'gaj'])
    expect(filterRanking(rows, { search: '教育', types: ['公安局'] })).toEqual([])
  })
})
