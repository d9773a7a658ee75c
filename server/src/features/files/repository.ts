import type { EvidenceFile } from '@fazhi/shared'
import { and, asc, eq, inArray, isNotNull, isNull, notInArray, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { evidenceFiles, users } from '../../db/schema'

export type EvidenceRow = typeof evidenceFiles.$inferSelect
export type EvidenceInsert = typeof evidenceFiles.$inferInsert

/** Which files a list reads: one bureau-year's, or one record's; `live` leaves out deleted ones. */
export type EvidenceFilter =
  | { bureauId: number; year: number }
  | { rectificationId: number }
  | { ledgerType: string; ledgerId: number }

function where(filter: EvidenceFilter, live: boolean): SQL | undefined {
  const target =
    'rectificationId' in filter
      ? eq(evidenceFiles.rectificationId, filter.rectificationId)
      : 'ledgerType' in filter
        ? and(eq(evidenceFiles.ledgerType, filter.ledgerType), eq(evidenceFiles.ledgerId, filter.ledgerId))
        : and(eq(evidenceFiles.bureauId, filter.bureauId), eq(evidenceFiles.year, filter.year))
  return and(target, live ? isNull(evidenceFiles.deletedAt) : undefined)
}

export function filesRepository(db: Db) {
  return {
    async find(id: number): Promise<EvidenceRow | undefined> {
      return (await db.select().from(evidenceFiles).where(eq(evidenceFiles.id, id)).limit(1))[0]
    },

    async list(filter: EvidenceFilter, live: boolean): Promise<EvidenceFile[]> {
      return await db
        .select({
          id: evidenceFiles.id,
          name: evidenceFiles.name,
          size: evidenceFiles.size,
          type: evidenceFiles.type,
          sha256: evidenceFiles.sha256,
          bureauId: evidenceFiles.bureauId,
          year: evidenceFiles.year,
          submissionId: evidenceFiles.submissionId,
          indicator: evidenceFiles.indicatorCode,
          ledgerType: evidenceFiles.ledgerType,
          ledgerId: evidenceFiles.ledgerId,
          rectificationId: evidenceFiles.rectificationId,
          uploadedAt: evidenceFiles.uploadedAt,
          uploadedBy: users.displayName,
          deletedAt: evidenceFiles.deletedAt,
        })
        .from(evidenceFiles)
        .leftJoin(users, eq(users.id, evidenceFiles.uploadedBy))
        .where(where(filter, live))
        .orderBy(asc(evidenceFiles.id))
    },

    async insert(row: EvidenceInsert): Promise<EvidenceRow> {
      return (await db.insert(evidenceFiles).values(row).returning())[0]
    },

    async markDeleted(id: number, by: number, at: string): Promise<EvidenceRow> {
      return (await db.update(evidenceFiles).set({ deletedAt: at, deletedBy: by }).where(eq(evidenceFiles.id, id)).returning())[0]
    },

    /** The bytes of a bureau's files: its live ones (they count toward the quota), and its deleted ones awaiting publication. */
    async usedBytes(bureauId: number): Promise<{ live: number; deleted: number }> {
      return ((await db
        .select({
          live: sql<number>`coalesce(sum(case when ${evidenceFiles.deletedAt} is null then ${evidenceFiles.size} end), 0)`.mapWith(Number),
          deleted: sql<number>`coalesce(sum(case when ${evidenceFiles.deletedAt} is not null then ${evidenceFiles.size} end), 0)`.mapWith(Number),
        })
        .from(evidenceFiles)
        .where(eq(evidenceFiles.bureauId, bureauId)).limit(1))[0])!
    },

    /** Soft-deletes the live files of a record (a ledger row or rectification item going away); returns them as they were. */
    async markDeletedOf(filter: Exclude<EvidenceFilter, { bureauId: number }>, by: number, at: string): Promise<{ before: EvidenceRow; after: EvidenceRow }[]> {
      const before = await db.select().from(evidenceFiles).where(where(filter, true))
      if (!before.length) return []
      const after = await db
        .update(evidenceFiles)
        .set({ deletedAt: at, deletedBy: by })
        .where(inArray(evidenceFiles.id, before.map((r) => r.id)))
        .returning()
      return before.map((row) => ({ before: row, after: after.find((a) => a.id === row.id)! }))
    },

    /** The bureau-year a file belongs to (deleted files included: a comment may name one the office saw). */
    async ownerOf(id: number): Promise<{ bureauId: number; year: number } | undefined> {
      return (await db.select({ bureauId: evidenceFiles.bureauId, year: evidenceFiles.year }).from(evidenceFiles).where(eq(evidenceFiles.id, id)).limit(1))[0]
    },

    /** Indicators of a submission with at least one live file. */
    async indicatorsWithFiles(submissionId: number): Promise<Set<string>> {
      const rows = await db
        .selectDistinct({ code: evidenceFiles.indicatorCode })
        .from(evidenceFiles)
        .where(and(eq(evidenceFiles.submissionId, submissionId), isNull(evidenceFiles.deletedAt)))
      return new Set(rows.flatMap((r) => (r.code ? [r.code] : [])))
    },

    /** The files of a report's values uploaded (`added`, still there) or deleted (`removed`, uploaded before) after `at`. */
    async changedSince(submissionId: number, at: string) {
      const rows = await db
        .select({ id: evidenceFiles.id, name: evidenceFiles.name, indicator: evidenceFiles.indicatorCode, uploadedAt: evidenceFiles.uploadedAt, deletedAt: evidenceFiles.deletedAt })
        .from(evidenceFiles)
        .where(and(eq(evidenceFiles.submissionId, submissionId), sql`(${evidenceFiles.uploadedAt} > ${at} or ${evidenceFiles.deletedAt} > ${at})`))
        .orderBy(asc(evidenceFiles.id))
      const change = (r: (typeof rows)[number], when: string) => ({ id: r.id, name: r.name, indicator: r.indicator, at: when })
      return {
        added: rows.filter((r) => r.uploadedAt > at && r.deletedAt === null).map((r) => change(r, r.uploadedAt)),
        removed: rows.filter((r) => r.uploadedAt <= at && r.deletedAt !== null).map((r) => change(r, r.deletedAt!)),
      }
    },

    /** Removes a year's deleted rows (publishing purges them), but those in `keep`; returns them. */
    async purgeDeleted(year: number, keep: readonly number[]): Promise<EvidenceRow[]> {
      return await db
        .delete(evidenceFiles)
        .where(and(eq(evidenceFiles.year, year), isNotNull(evidenceFiles.deletedAt), keep.length ? notInArray(evidenceFiles.id, [...keep]) : undefined))
        .returning()
    },

    async hashInUse(sha256: string): Promise<boolean> {
      return (await db.select({ id: evidenceFiles.id }).from(evidenceFiles).where(eq(evidenceFiles.sha256, sha256)).limit(1))[0] !== undefined
    },
  }
}
export type FilesRepository = ReturnType<typeof filesRepository>
