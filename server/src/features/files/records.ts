import type { Db } from '../../db/client'
import type { Audit } from '../../db/transaction'
import type { Actor } from '../../lib/actor'
import { type EvidenceFilter, filesRepository } from './repository'

/** A ledger row or rectification item that evidence files are attached to. */
export type FileRecord = Exclude<EvidenceFilter, { bureauId: number }>

/**
 * For the ledgers and rectifications features: deleting a record deletes its live files with it, in
 * the record's own audited transaction, so they stop counting toward the quota and are purged when
 * the year is published, like any deleted file. The office still reads them until then.
 */
export function recordFilesOn(db: Db, clock: () => Date) {
  const repo = filesRepository(db)
  return {
    async deleteWith(actor: Actor, audit: Audit, record: FileRecord): Promise<void> {
      for (const { before, after } of await repo.markDeletedOf(record, actor.user.id, clock().toISOString()))
        await audit({ action: 'file.delete', objectType: 'evidence_file', objectId: after.id, before, after })
    },
  }
}
export type RecordFiles = ReturnType<typeof recordFilesOn>
