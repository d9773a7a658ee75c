import { NOTIFICATION_PAGE_SIZE, type NotificationList, type NotificationListQuery, type NotificationPreferences, type NotificationReadBody, type NotificationReadResult } from '@fazhi/shared'
import type { AuditedTransaction } from '../../db/transaction'
import type { Actor } from '../../lib/actor'
import type { InboxRepository } from './repository'

/** 消息中心: the caller's own messages and preferences; nobody reads or marks another account's. */
export function inboxService(repo: InboxRepository, transaction: AuditedTransaction, clock: () => Date) {
  return {
    list(actor: Actor, query: NotificationListQuery): NotificationList {
      const userId = actor.user.id
      const unreadOnly = query.unread === '1'
      return {
        items: repo.page(userId, unreadOnly, NOTIFICATION_PAGE_SIZE, (query.page - 1) * NOTIFICATION_PAGE_SIZE),
        unread: repo.count(userId, true),
        total: repo.count(userId, unreadOnly),
      }
    },

    /** One UPDATE over the caller's unread rows: parallel calls mark each message once, and a message arriving meanwhile stays unread. */
    markRead(actor: Actor, body: NotificationReadBody): NotificationReadResult {
      return transaction(actor, (audit) => {
        const userId = actor.user.id
        const marked = repo.markRead(userId, clock().toISOString(), 'ids' in body ? body.ids : undefined)
        if (marked.length) audit({ action: 'notifications.read', objectType: 'user', objectId: userId, after: { all: 'all' in body, ids: marked } })
        return { marked: marked.length, unread: repo.count(userId, true) }
      })
    },

    preferences: (actor: Actor): NotificationPreferences => repo.preferences(actor.user.id),

    setPreferences(actor: Actor, body: NotificationPreferences): NotificationPreferences {
      return transaction(actor, (audit) => {
        const userId = actor.user.id
        const before = repo.preferences(userId)
        repo.setPreferences(userId, body)
        const after = repo.preferences(userId)
        audit({ action: 'notifications.preferences', objectType: 'user', objectId: userId, before, after })
        return after
      })
    },
  }
}
