import { DELIVERY_CHANNELS, type NotificationKind, rolesWith } from '@fazhi/shared'
import { and, eq, inArray, isNull, or } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { bureaus, notificationDeliveries, notifications, users } from '../../db/schema'
import { channelSwitches } from './settings'

/** One message to several users. */
export interface Message {
  userIds: readonly number[]
  kind: NotificationKind
  title: string
  body: string
  /** The client path the message is about. */
  link?: string | null
  year?: number | null
  bureauId?: number | null
  chaseId?: number | null
  /** A message sent at most once per recipient (a due-date reminder): its key. */
  dedupeKey?: string | null
}

/**
 * 消息通知: `notify` writes each recipient's message to the in-app message centre and, for every
 * outbound channel the county has on and the recipient has not switched off for this kind (and has
 * an address for: an e-mail needs one, a webhook takes the mobile number or none), a pending
 * delivery for the delivery worker. Call it inside the audited transaction of the event it reports,
 * so a message exists exactly when its event does.
 */
export function notificationsOn(db: Db, clock: () => Date) {
  const switches = channelSwitches(db)
  const active = eq(users.active, true)
  return {
    async notify(message: Message): Promise<number[]> {
      if (!message.userIds.length) return []
      const at = clock().toISOString()
      const on = await switches.enabled()
      const recipients = await db
        .select({ id: users.id, email: users.email, mobile: users.mobile, channels: users.notificationChannels })
        .from(users)
        .where(and(inArray(users.id, [...new Set(message.userIds)]), active))
      const ids: number[] = []
      for (const r of recipients) {
        const row = (await db
          .insert(notifications)
          .values({
            userId: r.id,
            kind: message.kind,
            title: message.title,
            body: message.body,
            link: message.link ?? null,
            year: message.year ?? null,
            bureauId: message.bureauId ?? null,
            chaseId: message.chaseId ?? null,
            dedupeKey: message.dedupeKey ?? null,
            createdAt: at,
          })
          .onConflictDoNothing()
          .returning({ id: notifications.id }))[0]
        if (!row) continue
        ids.push(row.id)
        for (const channel of DELIVERY_CHANNELS) {
          if (!on[channel] || r.channels[message.kind]?.[channel] === false) continue
          const address = channel === 'email' ? r.email : r.mobile
          if (channel === 'email' && !address) continue
          await db.insert(notificationDeliveries).values({ notificationId: row.id, channel, address, nextAttemptAt: at, createdAt: at })
        }
      }
      return ids
    },
    /** The active accounts of a bureau: who hears about its report. */
    async bureauRecipients(bureauId: number): Promise<number[]> {
      return (await db.select({ id: users.id }).from(users).where(and(eq(users.bureauId, bureauId), active))).map((u) => u.id)
    },
    /**
     * The active office accounts (those who review) that act on a bureau: the office of its region and
     * those bound to no region. A city office does not hear of a county bureau's report.
     */
    async officeRecipients(bureauId: number): Promise<number[]> {
      const region = db.select({ id: bureaus.regionId }).from(bureaus).where(eq(bureaus.id, bureauId))
      return (await db
        .select({ id: users.id })
        .from(users)
        .where(and(inArray(users.role, [...rolesWith('review')]), active, or(isNull(users.regionId), eq(users.regionId, region)))))
        .map((u) => u.id)
    },
    /** The active accounts that read every bureau (the office and the leaders): the county-wide pages are theirs. */
    async countyRecipients(): Promise<number[]> {
      return (await db.select({ id: users.id }).from(users).where(and(inArray(users.role, [...rolesWith('allBureaus')]), active))).map((u) => u.id)
    },
    /** Every active account that reads the business pages: who hears of a publication. */
    async businessRecipients(): Promise<number[]> {
      return (await db.select({ id: users.id }).from(users).where(and(inArray(users.role, [...rolesWith('readBusiness')]), active))).map((u) => u.id)
    },
  }
}
export type NotificationsService = ReturnType<typeof notificationsOn>
