import type { ChaseDelivery } from '@fazhi/shared'
import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { notificationDeliveries, notifications, users } from '../../db/schema'
import { maskAddress } from './channels'

export interface MessageOutcome {
  /** The in-app messages: how many accounts got one, how many have read it. */
  inApp: { recipients: number; read: number }
  /** Each outbound delivery (e-mail, webhook) as the delivery worker left it. */
  deliveries: ChaseDelivery[]
}

/** What became of each 催报's messages (by chase record id): read in the app, delivered by e-mail or webhook. */
export async function chaseOutcomes(db: Db, chaseIds: readonly number[]): Promise<Map<number, MessageOutcome>> {
  const byChase = new Map<number, MessageOutcome>()
  const ofChase = (id: number) => byChase.get(id) ?? byChase.set(id, { inApp: { recipients: 0, read: 0 }, deliveries: [] }).get(id)!
  if (!chaseIds.length) return byChase
  const ofChases = inArray(notifications.chaseId, [...chaseIds])
  for (const m of await db.select({ chaseId: notifications.chaseId, readAt: notifications.readAt }).from(notifications).where(ofChases)) {
    const outcome = ofChase(m.chaseId!)
    outcome.inApp.recipients++
    if (m.readAt) outcome.inApp.read++
  }
  const deliveries = await db
    .select({
      chaseId: notifications.chaseId,
      channel: notificationDeliveries.channel,
      recipient: users.displayName,
      address: notificationDeliveries.address,
      status: notificationDeliveries.status,
      attempts: notificationDeliveries.attempts,
      lastError: notificationDeliveries.lastError,
      deliveredAt: notificationDeliveries.deliveredAt,
    })
    .from(notificationDeliveries)
    .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(ofChases)
    .orderBy(notificationDeliveries.id)
  // Leaders read the history too: addresses masked, as in the office's 发送记录.
  for (const { chaseId, ...delivery } of deliveries) ofChase(chaseId!).deliveries.push({ ...delivery, address: maskAddress(delivery.address) })
  return byChase
}
