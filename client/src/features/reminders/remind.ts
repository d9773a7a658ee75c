import type { Reminders } from '@fazhi/shared'
import { formatDateTime } from '../../lib/format'
import { CHASE_REASONS, type ChaseReason } from '../overview/chase'

export type CountyReminders = Extract<Reminders, { scope: 'county' }>
export type BureauReminder = Extract<Reminders, { scope: 'bureau' }>

/** Days late run from the due date to the first submission: 0 days on a late report means a return was answered after its deadline. */
const overdueText = (days: number, none: string) => (days > 0 ? `逾期 ${days} 天` : none)

/** The list to paste into a notice or a chat: one bureau per line, grouped. */
export function rosterText(r: CountyReminders): string {
  const lines = [`${r.year} 年度法治政府建设情况报告催报名单（上报截止日期：${r.dueDate}）`]
  if (r.outstanding.length) {
    lines.push('', `一、尚未上报（${r.outstanding.length} 个单位）`)
    r.outstanding.forEach((b, i) =>
      lines.push(`${i + 1}. ${b.name}（${CHASE_REASONS[b.status as ChaseReason]?.label ?? b.status}，${overdueText(b.daysOverdue, b.status === 'returned' ? '首次按时上报' : '未逾期')}）`),
    )
  }
  if (r.late.length) {
    lines.push('', `${r.outstanding.length ? '二' : '一'}、逾期上报（${r.late.length} 个单位）`)
    r.late.forEach((b, i) => lines.push(`${i + 1}. ${b.name}（${formatDateTime(b.submittedAt)} 上报，${overdueText(b.daysOverdue, '退回后逾期重报')}）`))
  }
  if (!r.outstanding.length && !r.late.length) lines.push('', '各单位均已按时上报。')
  return lines.join('\n')
}

/** The bureau's banner, or null when there is nothing to remind of. */
export function reminderMessage(r: BureauReminder): { type: 'error' | 'warning'; text: string } | null {
  if (!r.remind) return null
  if (r.overdue) return { type: 'error', text: `${r.year} 年度法治政府建设情况报告已逾期 ${-r.daysLeft} 天未上报（截止日期 ${r.dueDate}），请尽快填报上报` }
  if (r.daysLeft === 0) return { type: 'warning', text: `今天是 ${r.year} 年度报告的上报截止日（${r.dueDate}），请尽快完成填报并上报` }
  return { type: 'warning', text: `距 ${r.year} 年度报告上报截止（${r.dueDate}）还有 ${r.daysLeft} 天，请及时完成填报并上报` }
}

/** Copies text to the clipboard; falls back to a hidden textarea where the Clipboard API is unavailable (plain http). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // fall through to the textarea
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.appendChild(area)
  area.select()
  try {
    return document.execCommand('copy')
  } finally {
    area.remove()
  }
}
