import type { Db } from '../../db/client'
import { auditedTransaction } from '../../db/transaction'
import type { Actor } from '../../lib/actor'
import { commentsRepository } from '../comments/repository'
import { filesRepository } from './repository'
import { evidenceDirOf, removeBlob } from './store'

/**
 * Publishing a year purges its deleted evidence files: the rows go (audited), then the bytes no other
 * row names. A deleted file a 批注 names stays, row and bytes: it belongs to the review record. The
 * check and the removal run synchronously, so no upload's transaction (which stores its bytes and row
 * together) runs in between.
 */
export function filePurgeOn(db: Db) {
  const repo = filesRepository(db)
  const comments = commentsRepository(db)
  const transaction = auditedTransaction(db)
  const dir = evidenceDirOf(db)
  return {
    async purgeDeleted(actor: Actor, year: number): Promise<void> {
      const purged = await transaction(actor, async (audit) => {
        const rows = await repo.purgeDeleted(year, await comments.commentedFileIds(year))
        for (const row of rows) await audit({ action: 'file.purge', objectType: 'evidence_file', objectId: row.id, before: row })
        return rows
      })
      for (const sha256 of new Set(purged.map((r) => r.sha256))) if (!await repo.hashInUse(sha256)) removeBlob(dir, sha256)
    },
  }
}
export type FilePurge = ReturnType<typeof filePurgeOn>
