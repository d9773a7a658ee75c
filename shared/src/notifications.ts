import { z } from 'zod'
import { RowId } from './schemas'

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
  z.object({ ids: z.array(RowId).min(1, '请选择要标为已读的消息').max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
])
export type NotificationReadBody = z.infer<typeof NotificationReadBody>

export const NotificationReadResult = z.object({ marked: z.number().int(), unread: z.number().int() })
export type NotificationReadResult = z.infer<typeof NotificationReadResult>
// ---- Outbound channels: the office's configuration, the test send and the delivery log (发送记录) ----

const trimmed = (max: number, message: string) => z.string().trim().max(max, message)

/** A webhook address: http or https only (no file:, no javascript:). */
const webhookUrl = z
  .string()
  .trim()
  .max(2000, 'Webhook 地址过长')
  .refine((v) => v === '' || /^https?:\/\/[^\s/]+/i.test(v), 'Webhook 地址须以 http:// 或 https:// 开头')
  .refine((v) => v === '' || URL.canParse(v), 'Webhook 地址格式不正确')

/** The channels as the office reads them: never the SMTP password or the webhook secret, only whether one is set. */
export const ChannelSettings = z.object({
  email: z.object({
    enabled: z.boolean(),
    host: z.string(),
    port: z.number().int(),
    /** TLS from the first byte (SMTPS, usually port 465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean(),
    username: z.string(),
    passwordSet: z.boolean(),
    from: z.string(),
  }),
  webhook: z.object({ enabled: z.boolean(), url: z.string(), secretSet: z.boolean() }),
})
export type ChannelSettings = z.infer<typeof ChannelSettings>

/** What the office sends: an empty password or secret keeps the stored one, null removes it. */
export const ChannelSettingsBody = z.object({
  email: z
    .object({
      enabled: z.boolean(),
      host: trimmed(253, 'SMTP 服务器地址过长').regex(/^[^\s/:]*$/, 'SMTP 服务器地址不能含空格、斜杠或冒号'),
      port: z.number({ message: '端口应为 1–65535 之间的整数' }).int('端口应为 1–65535 之间的整数').min(1, '端口应为 1–65535 之间的整数').max(65535, '端口应为 1–65535 之间的整数'),
      secure: z.boolean(),
      username: trimmed(254, '用户名过长'),
      password: z.string().max(512, '密码过长').nullable(),
      from: z.union([z.literal(''), z.string().trim().email('发件地址格式不正确').max(254)]),
    })
    .refine((e) => !e.enabled || (e.host !== '' && e.from !== ''), '启用电子邮件通道须填写 SMTP 服务器和发件地址'),
  webhook: z
    .object({ enabled: z.boolean(), url: webhookUrl, secret: z.string().max(512, '签名密钥过长').nullable() })
    .refine((w) => !w.enabled || w.url !== '', '启用 Webhook 通道须填写地址'),
})
export type ChannelSettingsBody = z.infer<typeof ChannelSettingsBody>

/** A test message through one channel now: to an e-mail address (default: the caller's own), or with a mobile number for the webhook. */
export const ChannelTestBody = z.object({
  channel: z.enum(DELIVERY_CHANNELS),
  to: z.string().trim().max(254).optional(),
})
export type ChannelTestBody = z.infer<typeof ChannelTestBody>
export const ChannelTestResult = z.object({ delivered: z.boolean(), error: z.string().nullable() })
export type ChannelTestResult = z.infer<typeof ChannelTestResult>

/** Retries of a failed delivery: the waits after the 1st, 2nd, 3rd and 4th failure; the 5th is final. */
export const DELIVERY_BACKOFF_MINUTES = [1, 5, 30, 120] as const
export const DELIVERY_MAX_ATTEMPTS = DELIVERY_BACKOFF_MINUTES.length + 1

export const DELIVERY_LOG_SORTS = ['createdAt', 'attempts', 'deliveredAt'] as const
export const DELIVERY_LOG_PAGE_SIZE = 20
export const DeliveryLogQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  channel: z.enum(DELIVERY_CHANNELS).optional(),
  page: z.coerce.number().int().min(1, '页码应为正整数').default(1),
  sort: z.enum(DELIVERY_LOG_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
})
export type DeliveryLogQuery = z.output<typeof DeliveryLogQuery>

export const DeliveryLogEntry = z.object({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KINDS),
  title: z.string(),
  recipient: z.string(),
  channel: z.enum(DELIVERY_CHANNELS),
  /** The address with its middle masked (138****5678, zh***@example.gov.cn). */
  address: z.string().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
})
export type DeliveryLogEntry = z.infer<typeof DeliveryLogEntry>
export const DeliveryLog = z.object({ items: z.array(DeliveryLogEntry), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
export type DeliveryLog = z.infer<typeof DeliveryLog>
