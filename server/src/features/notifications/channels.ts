import {
  type ChannelSettings,
  type ChannelSettingsBody,
  type ChannelTestBody,
  type ChannelTestResult,
  DELIVERY_LOG_PAGE_SIZE,
  type DeliveryLog,
  type DeliveryLogQuery,
  type User,
} from '@fazhi/shared'
import { createHash } from 'node:crypto'
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '../../db/client'
import { notificationDeliveries, notifications, users } from '../../db/schema'
import type { AuditedTransaction } from '../../db/transaction'
import { badRequest } from '../../errors'
import type { Actor } from '../../lib/actor'
import { absoluteUrl, errorText, type Transports } from './delivery'
import { channelSettings } from './settings'

/** 138****5678, zh***n@example.gov.cn: enough to recognise, not enough to copy. */
export function maskAddress(address: string | null): string | null {
  if (!address) return address
  const at = address.lastIndexOf('@')
  if (at < 0) return address.length > 7 ? `${address.slice(0, 3)}****${address.slice(-4)}` : `${address.slice(0, 1)}***`
  const local = address.slice(0, at)
  const shown = local.length > 3 ? `${local.slice(0, 2)}***${local.slice(-1)}` : `${local.slice(0, 1)}***`
  return `${shown}${address.slice(at)}`
}

const TEST_TITLE = '测试消息'
const TEST_BODY = '这是一条来自法治督察看板的测试消息。收到即表示消息通道配置正确。'
const testEmail = z.string().email()
const testMobile = z.string().regex(/^1\d{10}$/)

/**
 * The settings as the audit log keeps them: a robot's webhook address carries its credential in the
 * query (access_token=, key=), so the log keeps the address without it, and whether it changed shows
 * in `urlQuery` (a hash of the query, never the query).
 */
function forAudit(s: ChannelSettings) {
  const url = URL.canParse(s.webhook.url) ? new URL(s.webhook.url) : null
  const query = url?.search ? createHash('sha256').update(url.search).digest('hex').slice(0, 12) : null
  return { ...s, webhook: { ...s.webhook, url: url ? `${url.origin}${url.pathname}` : s.webhook.url, urlQuery: query } }
}

/** 系统设置 → 消息通道: the office's configuration of the outbound channels, its test sends and the delivery log. */
export function channelsService(db: Db, transaction: AuditedTransaction, transports: Transports, opts: { publicUrl?: string | null } = {}) {
  const settings = channelSettings(db)
  const d = notificationDeliveries
  return {
    current: settings.current,

    /** Stores the form; the audit row's before and after never hold the password or secret, only whether one is set. */
    async update(actor: Actor<User>, body: ChannelSettingsBody) {
      return await transaction(actor, async (audit) => {
        const before = await settings.current()
        await settings.update(body)
        const after = await settings.current()
        await audit({ action: 'notifications.channels', objectType: 'settings', objectId: 'notifications.channels', before: forAudit(before), after: forAudit(after) })
        return after
      })
    },

    /** Sends a test message through one channel now, with the stored settings, and answers the outcome. */
    async test(actor: Actor<User>, body: ChannelTestBody): Promise<ChannelTestResult> {
      const own = (await db.select({ email: users.email, mobile: users.mobile }).from(users).where(eq(users.id, actor.user.id)).limit(1))[0]
      const to = body.to || (body.channel === 'email' ? own?.email : own?.mobile) || null
      if (body.channel === 'email' && !to) throw badRequest('请填写测试收件邮箱（您的账号未登记邮箱）')
      if (to && body.channel === 'email' && !testEmail.safeParse(to).success) throw badRequest('测试收件邮箱格式不正确')
      if (to && body.channel === 'webhook' && !testMobile.safeParse(to).success) throw badRequest('测试手机号应为 11 位数字')
      const link = '/settings/notifications'
      let error: string | null = null
      try {
        await transports[body.channel]({ kind: 'test', title: TEST_TITLE, body: TEST_BODY, link, url: absoluteUrl(link, opts.publicUrl), address: to })
      } catch (err) {
        error = errorText(err)
      }
      await transaction(actor, (audit) =>
        audit({ action: 'notifications.channel-test', objectType: 'settings', objectId: 'notifications.channels', success: error === null, after: { channel: body.channel, to: maskAddress(to), error } }),
      )
      return { delivered: error === null, error }
    },

    /** 发送记录: every delivery, newest first unless sorted otherwise, a page at a time. */
    async log(query: DeliveryLogQuery): Promise<DeliveryLog> {
      const filters: SQL[] = []
      if (query.status) filters.push(eq(d.status, query.status))
      if (query.channel) filters.push(eq(d.channel, query.channel))
      const where = filters.length ? and(...filters) : undefined
      const column = { createdAt: d.createdAt, attempts: d.attempts, deliveredAt: d.deliveredAt }[query.sort]
      const order = query.order === 'asc' ? asc : desc
      const rows = await db
        .select({
          id: d.id,
          kind: notifications.kind,
          title: notifications.title,
          recipient: users.displayName,
          channel: d.channel,
          address: d.address,
          status: d.status,
          attempts: d.attempts,
          lastError: d.lastError,
          createdAt: d.createdAt,
          nextAttemptAt: d.nextAttemptAt,
          deliveredAt: d.deliveredAt,
        })
        .from(d)
        .innerJoin(notifications, eq(notifications.id, d.notificationId))
        .innerJoin(users, eq(users.id, notifications.userId))
        .where(where)
        .orderBy(order(column), order(d.id))
        .limit(DELIVERY_LOG_PAGE_SIZE)
        .offset((query.page - 1) * DELIVERY_LOG_PAGE_SIZE)
      const total = ((await db.select({ n: count() }).from(d).where(where).limit(1))[0])!.n
      return {
        items: rows.map((r) => ({ ...r, address: maskAddress(r.address), nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt : null })),
        total,
        page: query.page,
        pageSize: DELIVERY_LOG_PAGE_SIZE,
      }
    },
  }
}
