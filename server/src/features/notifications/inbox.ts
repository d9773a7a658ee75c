import { NOTIFICATION_PAGE_SIZE, type NotificationList, type NotificationListQuery, type NotificationPreferences, type NotificationReadBody, type NotificationReadResult } from '@fazhi/shared'
import type { AuditedTransaction } from '../../db/transaction'
import type { Actor } from '../../lib/actor'
import type { InboxRepository } from './repository'

/** 消息中心: the caller's own messages and preferences; nobody reads or marks another account's. */
export function inboxService(repo: InboxRepository, transaction: AuditedTransaction, clock: () => Date) {
  return {
    async list(actor: Actor, query: NotificationListQuery): Promise<NotificationList> {
      const userId = actor.user.id
      const unreadOnly = query.unread === '1'
      return {
        items: await repo.page(userId, unreadOnly, NOTIFICATION_PAGE_SIZE, (query.page - 1) * NOTIFICATION_PAGE_SIZE),
        unread: await repo.count(userId, true),
        total: await repo.count(userId, unreadOnly),
      }
    },

    /** One UPDATE over the caller's unread rows: parallel calls mark each message once, and a message arriving meanwhile stays unread. */
    async markRead(actor: Actor, body: NotificationReadBody): Promise<NotificationReadResult> {
      return await transaction(actor, async (audit) => {
        const userId = actor.user.id
        const marked = await repo.markRead(userId, clock().toISOString(), 'ids' in body ? body.ids : undefined)
        if (marked.length) await audit({ action: 'notifications.read', objectType: 'user', objectId: userId, after: { all: 'all' in body, ids: marked } })
        return { marked: marked.length, unread: await repo.count(userId, true) }
      })
    },

    preferences: async (actor: Actor): Promise<NotificationPreferences> => repo.preferences(actor.user.id),

    async setPreferences(actor: Actor, body: NotificationPreferences): Promise<NotificationPreferences> {
      return await transaction(actor, async (audit) => {
        const userId = actor.user.id
        const before = await repo.preferences(userId)
        await repo.setPreferences(userId, body)
        const after = await repo.preferences(userId)
        await audit({ action: 'notifications.preferences', objectType: 'user', objectId: userId, before, after })
        return after
      })
    },
  }
}
