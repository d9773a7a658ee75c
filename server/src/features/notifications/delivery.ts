import { DELIVERY_BACKOFF_MINUTES, DELIVERY_CHANNELS, DELIVERY_MAX_ATTEMPTS, type DeliveryChannel, type NotificationKind } from '@fazhi/shared'
import { and, asc, eq, inArray, lte } from 'drizzle-orm'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/client'
import { notificationDeliveries, notifications } from '../../db/schema'
import { emailTransport } from './email'
import { channelSettings } from './settings'
import { webhookTransport } from './webhook'

/** One message on its way out through one channel. */
export interface Outbound {
  kind: NotificationKind | 'test'
  title: string
  body: string
  /** The client path the message is about, and its absolute address when PUBLIC_URL is set. */
  link: string | null
  url: string | null
  /** The e-mail address, or the mobile number handed to the webhook. */
  address: string | null
}
/** Sends one message; throws when it was not delivered. */
export type Transport = (message: Outbound) => Promise<void>
export type Transports = Record<DeliveryChannel, Transport>

export const absoluteUrl = (link: string | null, publicUrl: string | null | undefined): string | null =>
  link && publicUrl ? new URL(link, publicUrl).href : null

/** The real transports, reading the office's settings at each send. */
export const outboundTransports = (db: Db, clock: () => Date): Transports => {
  const settings = channelSettings(db)
  return { email: emailTransport(settings), webhook: webhookTransport(settings, clock) }
}

/** A failure as the delivery log shows it: one line, bounded. */
export function errorText(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return '10 秒内无应答（超时）'
  const message = err instanceof Error ? `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ''}` : String(err)
  return message.replace(/\s+/g, ' ').trim().slice(0, 500) || '未知错误'
}

/**
 * How long a claimed batch is held by the worker that claimed it: longer than the batch's sends may
 * take one after the other (a send gives up within about 45 s: SMTP's connection, greeting and socket
 * timeouts, the webhook's 10 s), so no other worker claims a delivery still being sent.
 */
const BATCH = 10
const LEASE_MS = 10 * 60_000
const MINUTE_MS = 60_000

/**
 * The delivery worker: sends the pending deliveries whose time has come, and records each outcome.
 * A delivery is claimed (its next attempt pushed past a lease) in one IMMEDIATE transaction before it
 * is sent, so two workers, in this process or another, never send it twice. The outcome writes are
 * plain updates, not audited changes: no one changes business data here, and the delivery log (发送记录)
 * is itself the record of what was sent.
 */
export function deliveryWorker(db: Db, clock: () => Date, transports: Transports, opts: { publicUrl?: string | null } = {}) {
  const settings = channelSettings(db)
  const d = notificationDeliveries
  const iso = (ms: number) => new Date(ms).toISOString()

  /** A channel the county switched off: its waiting deliveries end failed, never sent later by surprise. */
  async function closeSwitchedOff() {
    const on = await settings.enabled()
    const off = DELIVERY_CHANNELS.filter((c) => !on[c])
    if (!off.length) return
    await db.update(d)
      .set({ status: 'failed', lastError: '通道已关闭' })
      .where(and(eq(d.status, 'pending'), inArray(d.channel, off)))
  }

  async function claim() {
    const now = clock().getTime()
    const lease = iso(now + LEASE_MS)
    const claimed = await db.connection.transaction(
      async () => {
        const due = db
          .select({ id: d.id })
          .from(d)
          .where(and(eq(d.status, 'pending'), lte(d.nextAttemptAt, iso(now))))
          .orderBy(asc(d.nextAttemptAt), asc(d.id))
          .limit(BATCH)
        return await db
          .update(d)
          .set({ nextAttemptAt: lease })
          .where(and(inArray(d.id, due), eq(d.status, 'pending')))
          .returning({ id: d.id, channel: d.channel, address: d.address, attempts: d.attempts, notificationId: d.notificationId })
      },
    )
    return { claimed, lease }
  }

  /** Records a send's outcome, only while the row still holds this worker's lease (never over another's). */
  async function record(id: number, attempts: number, error: string | null, lease: string) {
    const now = clock().getTime()
    const tried = attempts + 1
    const mine = and(eq(d.id, id), eq(d.nextAttemptAt, lease))
    if (error === null) await db.update(d).set({ status: 'sent', attempts: tried, lastError: null, deliveredAt: iso(now), nextAttemptAt: iso(now) }).where(mine)
    else if (tried >= DELIVERY_MAX_ATTEMPTS) await db.update(d).set({ status: 'failed', attempts: tried, lastError: error }).where(mine)
    else await db.update(d).set({ attempts: tried, lastError: error, nextAttemptAt: iso(now + DELIVERY_BACKOFF_MINUTES[tried - 1] * MINUTE_MS) }).where(mine)
  }

  return {
    /** Sends every delivery due now; answers how many were sent, will be retried, and failed for good. */
    async runDue(): Promise<{ sent: number; retrying: number; failed: number }> {
      await closeSwitchedOff()
      const { claimed, lease } = await claim()
      const counts = { sent: 0, retrying: 0, failed: 0 }
      if (!claimed.length) return counts
      const messages = new Map(
        (await db
          .select({ id: notifications.id, kind: notifications.kind, title: notifications.title, body: notifications.body, link: notifications.link })
          .from(notifications)
          .where(inArray(notifications.id, [...new Set(claimed.map((c) => c.notificationId))])))
          .map((n) => [n.id, n]),
      )
      for (const delivery of claimed) {
        const message = messages.get(delivery.notificationId)
        if (!message) continue // deleted with its user since it was claimed (cascade)
        let error: string | null = null
        try {
          await transports[delivery.channel]({ ...message, url: absoluteUrl(message.link, opts.publicUrl), address: delivery.address })
        } catch (err) {
          error = errorText(err)
        }
        await record(delivery.id, delivery.attempts, error, lease)
        if (error === null) counts.sent++
        else if (delivery.attempts + 1 >= DELIVERY_MAX_ATTEMPTS) counts.failed++
        else counts.retrying++
      }
      return counts
    },
  }
}
export type DeliveryWorker = ReturnType<typeof deliveryWorker>

/** Runs the worker every `intervalMs` in the server process, one run at a time; answers the stop. */
export function scheduleDeliveries(worker: DeliveryWorker, intervalMs: number, log: FastifyBaseLogger): () => void {
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    worker
      .runDue()
      .then((counts) => {
        if (counts.sent || counts.retrying || counts.failed) log.info(counts, 'notification deliveries')
      })
      .catch((err: unknown) => log.error({ err }, 'notification delivery run failed'))
      .finally(() => {
        running = false
      })
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
