import { z } from 'zod'

/**
 * 消息通知: what the system tells a user, in the app (消息中心) and through the channels the office
 * configures (e-mail over SMTP, a webhook for an SMS gateway or a 政务钉钉/企业微信 robot).
 */
export const NOTIFICATION_KINDS = ['returned', 'approved', 'commented', 'due', 'overdue', 'verified', 'published', 'chase'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  returned: '报告被退回',
  approved: '报告审核通过',
  commented: '收到批注',
  due: '上报截止提醒',
  overdue: '逾期未报',
  verified: '整改销号结果',
  published: '结果发布',
  chase: '催报通知',
}

/** The outbound channels; the in-app message centre always receives every message. */
export const DELIVERY_CHANNELS = ['email', 'webhook'] as const
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number]
export const DELIVERY_CHANNEL_LABELS: Record<DeliveryChannel, string> = { email: '电子邮件', webhook: '短信/群机器人（Webhook）' }

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = { pending: '待发送', sent: '已送达', failed: '发送失败' }

/** Days before the due date on which a bureau that has not reported is reminded. */
export const DUE_REMINDER_DAYS = [14, 7, 1] as const

/**
 * 催报's escalating wording by how late the bureau is: 提醒 before the deadline, 催报 once it has passed,
 * 通报预警 from `CHASE_WARNING_DAYS` days overdue.
 */
export const CHASE_LEVELS = ['remind', 'chase', 'warn'] as const
export type ChaseLevel = (typeof CHASE_LEVELS)[number]
export const CHASE_LEVEL_LABELS: Record<ChaseLevel, string> = { remind: '提醒', chase: '催报', warn: '通报预警' }
export const CHASE_WARNING_DAYS = 15
export const chaseLevelOf = (daysOverdue: number): ChaseLevel => (daysOverdue >= CHASE_WARNING_DAYS ? 'warn' : daysOverdue > 0 ? 'chase' : 'remind')

export const NotificationItem = z.object({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  body: z.string(),
  /** The page the message is about (a client path), or null. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
})
export type NotificationItem = z.infer<typeof NotificationItem>

/** Which outbound channels a user receives each kind of message on; a missing entry means yes. */
export const NotificationPreferences = z.object({
  email: z.string().email('邮箱地址格式不正确').max(254).nullable(),
  mobile: z
    .string()
    .regex(/^1\d{10}$/, '手机号应为 11 位数字')
    .nullable(),
  channels: z.partialRecord(z.enum(NOTIFICATION_KINDS), z.object({ email: z.boolean(), webhook: z.boolean() }).partial()),
})
export type NotificationPreferences = z.infer<typeof NotificationPreferences>

// ── 消息中心 (the in-app message centre): its requests and answers ──

export const NOTIFICATION_PAGE_SIZE = 20

export const NotificationListQuery = z.object({
  /** `1`: only unread messages. */
  unread: z.enum(['0', '1']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
})
export type NotificationListQuery = z.infer<typeof NotificationListQuery>

/** A page of the caller's own messages, newest first; `unread` counts all of them, `total` those the filter keeps. */
export const NotificationList = z.object({
  items: z.array(NotificationItem),
  unread: z.number().int(),
  total: z.number().int(),
})
export type NotificationList = z.infer<typeof NotificationList>

/** Marks the caller's own messages read: the ones named, or all of them. */
export const NotificationReadBody = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1, '请选择要标为已读的消息').max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
])
export type NotificationReadBody = z.infer<typeof NotificationReadBody>

export const NotificationReadResult = z.object({ marked: z.number().int(), unread: z.number().int() })
export type NotificationReadResult = z.infer<typeof NotificationReadResult>
