import { CHASE_LEVEL_LABELS, CHASE_LEVELS, type ChaseLevel, chaseLevelOf, type ChaseRecord, type ChaseResult, type DeliveryChannel, type DeliveryStatus } from '@fazhi/shared'
import type { CountyReminders } from './remind'

/** A bureau's chases so far: how many, and the last. */
export interface ChaseTally {
  times: number
  last: ChaseRecord
}

/** Each bureau's chases from the history (newest first). */
export function chaseTallies(records: readonly ChaseRecord[]): Map<number, ChaseTally> {
  const tallies = new Map<number, ChaseTally>()
  for (const r of records) {
    const tally = tallies.get(r.bureauId)
    if (tally) tally.times++
    else tallies.set(r.bureauId, { times: 1, last: r })
  }
  return tallies
}

/** What 一键催报 would do: the bureaus that have not reported, by level (a late report has reported: not chased). */
export function chasePlan(r: CountyReminders): { level: ChaseLevel; label: string; bureaus: CountyReminders['outstanding'] }[] {
  return CHASE_LEVELS.map((level) => ({ level, label: CHASE_LEVEL_LABELS[level], bureaus: r.outstanding.filter((b) => chaseLevelOf(b.daysOverdue) === level) })).filter(
    (g) => g.bureaus.length > 0,
  )
}

/** The answer to 一键催报 in one sentence: who was chased, who was skipped, who has no account to receive it. */
export function chaseResultText(result: ChaseResult): string {
  const chased = result.bureaus.filter((b) => !b.skipped)
  const skipped = result.bureaus.filter((b) => b.skipped)
  const unreached = chased.filter((b) => b.recipients === 0)
  const parts = [`已催报 ${chased.length} 个单位`]
  if (skipped.length) parts.push(`${skipped.length} 个单位今日已按同一级别催报，未重复发送`)
  if (unreached.length) parts.push(`${unreached.map((b) => b.name).join('、')}无可接收的账号（已记录）`)
  return parts.join('；')
}

/** Per channel, how many of a chase's deliveries ended in each status. */
export function deliveryCounts(record: ChaseRecord): { channel: DeliveryChannel; status: DeliveryStatus; count: number }[] {
  const counts = new Map<string, { channel: DeliveryChannel; status: DeliveryStatus; count: number }>()
  for (const d of record.deliveries) {
    const key = `${d.channel}|${d.status}`
    const entry = counts.get(key) ?? counts.set(key, { channel: d.channel, status: d.status, count: 0 }).get(key)!
    entry.count++
  }
  return [...counts.values()]
}
