// The one place numbers, rates and dates become text. Pure: used by components and chart option builders.

import { chinaDateTime } from '@fazhi/shared'

export const EMPTY = '—'

const trimmed = (n: number, digits: number) =>
  n.toLocaleString('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: 0, useGrouping: true })

/** A plain number with thousands separators and at most `digits` decimals: 1,234.5 */
export function formatNumber(n: number | null | undefined, digits = 2): string {
  return n === null || n === undefined || Number.isNaN(n) ? EMPTY : trimmed(n, digits)
}

/** A 0..1 ratio as a percentage with a fixed number of decimals: 0.8214 → 82.1% */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  return ratio === null || ratio === undefined || Number.isNaN(ratio) ? EMPTY : `${(ratio * 100).toFixed(digits)}%`
}

/** A score out of 100, always two decimals so close scores stay distinguishable: 85.48 */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? EMPTY : score.toFixed(2)
}

/** The change of a 0..1 ratio in percentage points, unsigned: 0.8214 vs 1 → 17.9 个百分点 */
export function formatPointChange(current: number, previous: number): string {
  return `${Math.abs((current - previous) * 100).toFixed(1)} 个百分点`
}

/** An ISO timestamp in China time, to the minute: 2026-02-12 17:15 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return EMPTY
  return Number.isNaN(Date.parse(iso)) ? EMPTY : chinaDateTime(iso)
}

/** Which way a change went, for arrows and colours. */
export type Trend = 'up' | 'down' | 'flat'
export const trendOf = (delta: number, epsilon = 1e-9): Trend => (delta > epsilon ? 'up' : delta < -epsilon ? 'down' : 'flat')

/** Shortens a label for a crowded axis: 人力资源和社会保障局 → 人力资源和社… */
export function truncateLabel(text: string, maxChars: number): string {
  const chars = Array.from(text)
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - 1).join('')}…`
}

/** Breaks a label into lines of at most `perLine` characters, balanced: 第一责任人职责 (4) → 第一责任 / 人职责. */
export function wrapLabel(text: string, perLine: number): string {
  const chars = Array.from(text)
  const lines = Math.ceil(chars.length / perLine)
  const width = Math.ceil(chars.length / lines)
  return Array.from({ length: lines }, (_, i) => chars.slice(i * width, (i + 1) * width).join('')).join('\n')
}
