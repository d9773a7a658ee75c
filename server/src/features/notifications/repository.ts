import type { NotificationItem, NotificationPreferences } from '@fazhi/shared'
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { notifications, users } from '../../db/schema'

const item = {
  id: notifications.id,
  kind: notifications.kind,
  title: notifications.title,
  body: notifications.body,
  link: notifications.link,
  createdAt: notifications.createdAt,
  readAt: notifications.readAt,
}

/** A user's messages and notification preferences: every query is scoped to the one user it is given. */
export function inboxRepository(db: Db) {
  const mine = (userId: number, unreadOnly = false) => and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined)
  return {
    async page(userId: number, unreadOnly: boolean, limit: number, offset: number): Promise<NotificationItem[]> {
      return await db.select(item).from(notifications).where(mine(userId, unreadOnly)).orderBy(desc(notifications.id)).limit(limit).offset(offset)
    },
    async count(userId: number, unreadOnly: boolean): Promise<number> {
      return ((await db.select({ n: count() }).from(notifications).where(mine(userId, unreadOnly)).limit(1))[0])!.n
    },
    /** Marks the user's unread messages read (only those of `ids` when given); answers the ids it marked. */
    async markRead(userId: number, at: string, ids?: readonly number[]): Promise<number[]> {
      return (await db
        .update(notifications)
        .set({ readAt: at })
        .where(and(mine(userId, true), ids ? inArray(notifications.id, [...ids]) : undefined))
        .returning({ id: notifications.id }))
        .map((r) => r.id)
    },
    async preferences(userId: number): Promise<NotificationPreferences> {
      return ((await db.select({ email: users.email, mobile: users.mobile, channels: users.notificationChannels }).from(users).where(eq(users.id, userId)).limit(1))[0])!
    },
    async setPreferences(userId: number, p: NotificationPreferences): Promise<void> {
      await db.update(users).set({ email: p.email, mobile: p.mobile, notificationChannels: p.channels }).where(eq(users.id, userId))
    },
  }
}
export type InboxRepository = ReturnType<typeof inboxRepository>
