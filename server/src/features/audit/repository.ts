import { type AuditQuery, startOfChinaDay } from '@fazhi/shared'
import { and, count, desc, eq, gte, like, lt, or, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { auditEvents } from '../../db/schema'

const DAY_MS = 86_400_000

export function auditRepository(db: Db) {
  function where(q: Omit<AuditQuery, 'page' | 'pageSize'>): SQL | undefined {
    const conditions: (SQL | undefined)[] = []
    if (q.action) conditions.push(or(eq(auditEvents.action, q.action), like(auditEvents.action, `${q.action}.%`)))
    if (q.user) conditions.push(eq(auditEvents.username, q.user))
    if (q.object) {
      const [type, id] = q.object.split(':')
      conditions.push(eq(auditEvents.objectType, type))
      if (id) conditions.push(eq(auditEvents.objectId, id))
    }
    if (q.from) conditions.push(gte(auditEvents.at, startOfChinaDay(q.from).toISOString()))
    if (q.to) conditions.push(lt(auditEvents.at, new Date(startOfChinaDay(q.to).getTime() + DAY_MS).toISOString()))
    return and(...conditions)
  }

  return {
    async page(q: AuditQuery) {
      const filter = where(q)
      const total = ((await db.select({ n: count() }).from(auditEvents).where(filter).limit(1))[0])!.n
      const rows = await db
        .select()
        .from(auditEvents)
        .where(filter)
        .orderBy(desc(auditEvents.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
      return { total, rows }
    },
    /** Every matching event, newest first, for export. */
    async all(q: Omit<AuditQuery, 'page' | 'pageSize'>) {
      return await db.select().from(auditEvents).where(where(q)).orderBy(desc(auditEvents.id))
    },
  }
}
