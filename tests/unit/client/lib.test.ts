import type { Cycle, Grade, RankingRow } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { defaultYear, resolveYear } from '../../../client/src/features/catalog/years'
import { filterRanking, gradeOrder, gradesIn } from '../../../client/src/features/ranking/filter'
import { formatDateTime, formatNumber, formatPercent, formatPointChange, formatScore, truncateLabel, wrapLabel } from '../../../client/src/lib/format'
import { formatBonus, formatDeduction } from '../../../client/src/lib/rules'

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

  it('wraps long axis labels into balanced lines, keeping every character', () => {
    expect(wrapLabel('第一责任人职责', 4)).toBe('第一责任\n人职责')
    expect(wrapLabel('学法用法', 4)).toBe('学法用法')
    expect(wrapLabel('人力资源和社会保障局', 4)).toBe('人力资源\n和社会保\n障局')
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
  const row = (code: string, name: string, type: string, grade?: Grade): RankingRow => ({
    rank: 1, previousRank: null, rankChange: null, bureauId: 1, code, name, shortName: name.replace('示例县', ''), type, score: 80, completion: 0.5, onTime: true, grade, categories: {},
  })
  const rows = [row('kjj', '示例县科技局', '科技局', '合格'), row('jyj', '示例县教育局', '教育局', '优秀'), row('gaj', '示例县公安局', '公安局', '合格')]

  it('matches part of the name or the code, and the chosen types', () => {
    expect(filterRanking(rows, { search: '教育', types: [], grades: [] }).map((r) => r.code)).toEqual(['jyj'])
    expect(filterRanking(rows, { search: ' KJJ ', types: [], grades: [] }).map((r) => r.code)).toEqual(['kjj'])
    expect(filterRanking(rows, { search: '', types: ['公安局', '科技局'], grades: [] }).map((r) => r.code)).toEqual(['kjj', 'gaj'])
    expect(filterRanking(rows, { search: '教育', types: ['公安局'], grades: [] })).toEqual([])
  })

  it('keeps the chosen grades (等次), offers the grades present best first, and sorts 优秀 first and no grade last', () => {
    expect(filterRanking(rows, { search: '', types: [], grades: ['合格'] }).map((r) => r.code)).toEqual(['kjj', 'gaj'])
    expect(filterRanking(rows, { search: '', types: ['公安局'], grades: ['优秀'] })).toEqual([])
    // A version published before grades: every row is kept without a grade filter, none with one.
    const old = [row('kjj', '示例县科技局', '科技局')]
    expect(filterRanking(old, { search: '', types: [], grades: [] })).toHaveLength(1)
    expect(filterRanking(old, { search: '', types: [], grades: ['合格'] })).toEqual([])
    expect(gradesIn(rows)).toEqual(['优秀', '合格'])
    expect(gradesIn(old)).toEqual([])
    const order: (Grade | undefined)[] = [undefined, '不合格', '优秀', '合格', '良好']
    expect(order.sort((a, b) => gradeOrder(a) - gradeOrder(b))).toEqual(['优秀', '良好', '合格', '不合格', undefined])
  })
})

describe('bonus and deduction figures', () => {
  it('sign a bonus +, a deduction −, show 0 for none and — where the figure is missing', () => {
    expect([formatBonus(3), formatBonus(0.5), formatBonus(0), formatBonus(undefined), formatBonus(null)]).toEqual(['+3', '+0.5', '0', '—', '—'])
    expect([formatDeduction(0.5), formatDeduction(0), formatDeduction(undefined)]).toEqual(['−0.5', '0', '—'])
  })
})
