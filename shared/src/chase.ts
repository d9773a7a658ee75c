import { z } from 'zod'
import { chinaDate } from './chinaTime'
import { NO_SUBMISSION } from './constants'
import { CHASE_LEVELS, type ChaseLevel, DELIVERY_CHANNELS, DELIVERY_STATUS_LABELS, DELIVERY_STATUSES } from './notifications'
import { RowId, SummaryStatus } from './schemas'

/**
 * 催报 that leaves a record: the office chases the bureaus of a year's 催报 list that have not
 * reported; each chase is a `chase_records` row and a 'chase' message to the bureau's accounts.
 */

/** A 通报预警 gives the bureau this many days from the chase to report before it is named in the 通报. */
export const CHASE_WARNING_GRACE_DAYS = 3

export const ChaseBody = z.object({
  year: z.number({ error: '请选择年度' }).int().min(2000, '年度超出范围').max(2100, '年度超出范围'),
  /** Only these bureaus of the list; without it, every bureau of the list that has not reported. */
  bureauIds: z.array(RowId).min(1, '请至少选择一个单位').max(1000).optional(),
})
export type ChaseBody = z.infer<typeof ChaseBody>

export const ChaseOutcome = z.object({
  bureauId: z.number().int(),
  name: z.string(),
  level: z.enum(CHASE_LEVELS),
  daysOverdue: z.number().int(),
  /** The accounts the message reached (0: the bureau has no active account). */
  recipients: z.number().int(),
  /** Already chased at this level today (China time): nothing was sent or recorded. */
  skipped: z.boolean().optional(),
  /** Why the answer is not a plain success: 今日已按同一级别催报, 无可接收的账号. */
  note: z.string().nullable(),
})
export type ChaseOutcome = z.infer<typeof ChaseOutcome>
export const ChaseResult = z.object({ year: z.number().int(), bureaus: z.array(ChaseOutcome) })
export type ChaseResult = z.infer<typeof ChaseResult>

export const CHASE_SKIPPED_NOTE = '今日已按同一级别催报'
export const CHASE_NO_RECIPIENT_NOTE = '无可接收的账号'

export const ChaseDelivery = z.object({
  channel: z.enum(DELIVERY_CHANNELS),
  recipient: z.string(),
  address: z.string().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
})
export type ChaseDelivery = z.infer<typeof ChaseDelivery>

export const ChaseRecord = z.object({
  id: z.number().int(),
  bureauId: z.number().int(),
  bureauName: z.string(),
  level: z.enum(CHASE_LEVELS),
  /** The bureau's report status when chased. */
  status: SummaryStatus,
  daysOverdue: z.number().int(),
  /** Who chased (the account's display name). */
  chasedBy: z.string().nullable(),
  at: z.string(),
  /** The in-app message (消息中心): always sent, to `recipients` accounts, `read` of them have read it. */
  inApp: z.object({ recipients: z.number().int(), read: z.number().int() }),
  /** E-mail and webhook deliveries of its messages, as the delivery worker left them. */
  deliveries: z.array(ChaseDelivery),
})
export type ChaseRecord = z.infer<typeof ChaseRecord>
export const ChaseHistory = z.object({ year: z.number().int(), records: z.array(ChaseRecord) })
export type ChaseHistory = z.infer<typeof ChaseHistory>

const STATUS_PHRASES: Record<string, string> = {
  [NO_SUBMISSION]: '尚未填报',
  draft: '已填报但尚未上报',
  returned: '报告被退回后尚未重新上报',
}

export interface ChaseMessageInput {
  level: ChaseLevel
  year: number
  bureauName: string
  dueDate: string
  /** The bureau's report status (missing, draft, returned). */
  status: string
  daysOverdue: number
  /** Days until the due date (China calendar): used by 提醒, sent before it. */
  daysLeft: number
  /** When the chase is sent: a 通报预警 names the date to report by. */
  at: Date
}

/** The date a 通报预警 sent at `at` asks the bureau to report by (China time). */
export function warningDeadline(at: Date): string {
  const day = new Date(`${chinaDate(at)}T00:00:00Z`)
  day.setUTCDate(day.getUTCDate() + CHASE_WARNING_GRACE_DAYS)
  return day.toISOString().slice(0, 10)
}

/** The message of a chase, its wording escalating by level: 提醒 (polite), 催报 (at once), 通报预警 (will be named). */
export function chaseMessage(m: ChaseMessageInput): { title: string; body: string } {
  const report = `${m.year} 年度法治政府建设情况报告`
  const state = STATUS_PHRASES[m.status] ?? '尚未上报'
  switch (m.level) {
    case 'remind':
      return {
        title: `【提醒】请按时上报${m.year}年度法治政府建设情况报告`,
        body: `${m.bureauName}：${report}的上报截止日期为 ${m.dueDate}（${m.daysLeft > 0 ? `还有 ${m.daysLeft} 天` : '今天截止'}），贵单位${state}。请合理安排，按时完成填报并上报。`,
      }
    case 'chase':
      return {
        title: `【催报】${m.year}年度报告已逾期 ${m.daysOverdue} 天未上报`,
        body: `${m.bureauName}：${report}已于 ${m.dueDate} 截止上报，贵单位已逾期 ${m.daysOverdue} 天，${state}。请立即完成填报并上报。`,
      }
    case 'warn':
      return {
        title: `【通报预警】${m.year}年度报告已逾期 ${m.daysOverdue} 天未上报`,
        body: `${m.bureauName}：${report}已于 ${m.dueDate} 截止上报，贵单位已逾期 ${m.daysOverdue} 天，${state}。请于 ${warningDeadline(m.at)} 前完成上报；逾期仍未上报的，将在全县法治政府建设情况通报中予以通报。`,
      }
  }
}

/**
 * A chase's outcome over its outbound deliveries: 发送失败 if any failed, 待发送 while any waits, 已送达
 * when all were sent; 仅站内消息 when none was made (the channels are off, or no address).
 */
export function chaseDeliveryText(record: Pick<ChaseRecord, 'deliveries' | 'inApp'>): string {
  const statuses = new Set(record.deliveries.map((d) => d.status))
  if (!record.inApp.recipients && !record.deliveries.length) return CHASE_NO_RECIPIENT_NOTE
  const outbound = statuses.has('failed') ? DELIVERY_STATUS_LABELS.failed : statuses.has('pending') ? DELIVERY_STATUS_LABELS.pending : statuses.size ? DELIVERY_STATUS_LABELS.sent : '仅站内消息'
  return `${outbound}（站内已读 ${record.inApp.read}/${record.inApp.recipients}）`
}
