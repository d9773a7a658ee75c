import { can, type EvidenceFile, type EvidenceType, type EvidenceListQuery, type EvidenceTarget, type EvidenceUploaded, type FileUsage } from '@fazhi/shared'
import fs from 'node:fs'
import type { z } from 'zod'
import type { Db } from '../../db/client'
import { type AuditedTransaction, auditedTransaction } from '../../db/transaction'
import { AppError, badRequest, conflict, notFound } from '../../errors'
import type { Actor } from '../../lib/actor'
import { assertActsOnBureau, seesBureau } from '../../plugins/access'
import { bureauEditingOn } from '../bureaus/editing'
import { type BureausService, bureausOn } from '../bureaus/service'
import { ledgersRepository } from '../ledgers/repository'
import { type LedgerEvidenceTargets, ledgerEvidenceTargets } from '../ledgers/service'
import { type RectificationsService, rectificationsOn } from '../rectifications/service'
import { type SubmissionsService, submissionsOn } from '../submissions/service'
import { type EvidenceRow, type FilesRepository, filesRepository } from './repository'
import { evidenceNameOf } from './content'
import { blobPathOf, evidenceDirOf, putBlob, removeBlob } from './store'

export interface FilesDeps {
  repo: FilesRepository
  submissions: Pick<SubmissionsService, 'evidenceTarget'>
  ledgers: LedgerEvidenceTargets
  rectifications: Pick<RectificationsService, 'evidenceTarget'>
  bureaus: Pick<BureausService, 'requireBureau' | 'fileQuotaMb'>
  setFileQuota: (actor: Actor, bureauId: number, quotaMb: number) => Promise<void>
  transaction: AuditedTransaction
  clock: () => Date
  /** Where the bytes live (`evidenceDirOf` the database). */
  dir: string
  /** The county default quota per bureau, in MB (FILE_QUOTA_MB). */
  defaultQuotaMb: number
}

const MB = 1024 * 1024
const NOT_FOUND = '文件不存在'

/** A 404 from a target check: the record is not there (for the office, which sees every bureau: it was deleted). */
const isNotFound = (err: unknown) => err instanceof AppError && err.statusCode === 404


/**
 * Evidence files (佐证材料): uploads checked by content and stored content-addressed, downloads,
 * lists and soft deletes. A bureau sees only its own bureau's files, and not those it deleted; the
 * office and leaders see all until the year is published, when deleted files are purged.
 */
export function filesService(deps: FilesDeps) {
  const { repo, submissions, ledgers, rectifications, bureaus, transaction, clock, dir } = deps

  /**
   * The bureau-year a target belongs to; another bureau's target is 404; `write` also needs it editable
   * and a bureau the user acts on (a county's material is read, not changed, by the city office: 403).
   */
  async function targetOf(actor: Actor, target: EvidenceTarget, write: boolean) {
    const at = await ownerOf(actor, target, write)
    if (write) assertActsOnBureau(actor.user, at.bureauId)
    return at
  }

  async function ownerOf(actor: Actor, target: EvidenceTarget, write: boolean) {
    if ('submissionId' in target) {
      const s = await submissions.evidenceTarget(actor, target.submissionId, { write, indicator: target.indicator })
      return { bureauId: s.bureauId, year: s.year, submissionId: s.id, indicatorCode: target.indicator }
    }
    if ('ledgerType' in target) {
      const row = await ledgers(actor, target.ledgerType, target.ledgerId, { write })
      return { bureauId: row.bureauId, year: row.year, ledgerType: target.ledgerType, ledgerId: target.ledgerId }
    }
    const item = await rectifications.evidenceTarget(actor, target.rectificationId, { write })
    return { bureauId: item.bureauId, year: item.year, rectificationId: item.id }
  }

  const targetOfRow = (row: EvidenceRow): EvidenceTarget =>
    row.submissionId !== null
      ? { submissionId: row.submissionId, indicator: row.indicatorCode! }
      : row.rectificationId !== null
        ? { rectificationId: row.rectificationId }
        : ({ ledgerType: row.ledgerType!, ledgerId: row.ledgerId! } as EvidenceTarget)

  /** A file the user may see: another bureau's, or one the bureau deleted, is 404 as if it did not exist. */
  async function visible(actor: Actor, id: number): Promise<EvidenceRow> {
    const row = await repo.find(id)
    const seesDeleted = can(actor.user, 'allBureaus')
    if (!row || !seesBureau(actor.user, row.bureauId) || (row.deletedAt !== null && !seesDeleted)) throw notFound(NOT_FOUND)
    return row
  }

  const quotaBytesOf = async (bureauId: number) => (await bureaus.fileQuotaMb(bureauId) ?? deps.defaultQuotaMb) * MB

  async function usageOf(bureauId: number): Promise<FileUsage> {
    const { live, deleted } = await repo.usedBytes(bureauId)
    return { bureauId, usedBytes: live, deletedBytes: deleted, quotaBytes: await quotaBytesOf(bureauId) }
  }

  return {
    /** Checks the target before the content is read, so a refusal costs nothing. */
    async assertUploadable(actor: Actor, target: EvidenceTarget): Promise<void> {
      await targetOf(actor, target, true)
    },

    /**
     * Stores a checked upload: the target checked again, the quota, the bytes and the row in one
     * IMMEDIATE transaction, so parallel uploads cannot pass the quota together and a purge cannot
     * remove bytes a new row is about to name.
     */
    async upload(actor: Actor, target: EvidenceTarget, file: { name: string; data: Buffer; type: EvidenceType }): Promise<EvidenceUploaded> {
      const name = evidenceNameOf(file.name, file.type)
      if (!name) throw badRequest('文件名不能为空')
      let stored: string | undefined
      try {
        return await transaction(actor, async (audit) => {
          const at = await targetOf(actor, target, true)
          const { usedBytes, quotaBytes } = await usageOf(at.bureauId)
          if (usedBytes + file.data.length > quotaBytes)
            throw conflict(`本单位佐证材料存储空间不足：已用 ${(usedBytes / MB).toFixed(1)} MB，配额 ${quotaBytes / MB} MB；请删除不需要的材料或联系依法治县办提高配额`)
          const sha256 = putBlob(dir, file.data)
          stored = sha256
          const row = await repo.insert({ ...at, name, size: file.data.length, type: file.type, sha256, uploadedBy: actor.user.id, uploadedAt: clock().toISOString() })
          const { id, size, type } = row
          await audit({ action: 'file.upload', objectType: 'evidence_file', objectId: id, after: { ...target, name, size, type, sha256 } })
          return { id, name, size, type, sha256 }
        })
      } catch (err) {
        // The row did not commit: bytes no row names go (the same bytes may be another file's).
        if (stored !== undefined && !await repo.hashInUse(stored)) removeBlob(dir, stored)
        throw err
      }
    },

    /** A file's row and where its bytes are, for a download. */
    async download(actor: Actor, id: number): Promise<{ row: EvidenceRow; path: string }> {
      const row = await visible(actor, id)
      const path = blobPathOf(dir, row.sha256)
      if (!fs.existsSync(path)) throw notFound('文件内容缺失，请联系管理员从备份恢复')
      return { row, path }
    },

    /** A submission's files (its values', and its bureau-year's ledger rows' and rectification items'), or one record's. */
    async list(actor: Actor, query: z.infer<typeof EvidenceListQuery>): Promise<EvidenceFile[]> {
      const live = !can(actor.user, 'allBureaus')
      if (query.submissionId !== undefined) {
        const s = await submissions.evidenceTarget(actor, query.submissionId, { write: false })
        return await repo.list({ bureauId: s.bureauId, year: s.year }, live)
      }
      // The office still lists the (deleted) files of a deleted record of a bureau it reads; a bureau
      // gets 404 for it, and so does an office for a record outside its region's subtree.
      const listable = async (check: () => Promise<unknown>, files: () => Promise<EvidenceFile[]>) => {
        try {
          await check()
        } catch (err) {
          if (live || !isNotFound(err)) throw err
          const rows = await files()
          if (rows.some((f) => !seesBureau(actor.user, f.bureauId))) throw err
          return rows
        }
        return await files()
      }
      if (query.rectificationId !== undefined)
        return await listable(
          () => rectifications.evidenceTarget(actor, query.rectificationId!, { write: false }),
          () => repo.list({ rectificationId: query.rectificationId! }, live),
        )
      if (query.ledgerType !== undefined && query.ledgerId !== undefined)
        return await listable(
          () => ledgers(actor, query.ledgerType!, query.ledgerId!, { write: false }),
          () => repo.list({ ledgerType: query.ledgerType!, ledgerId: query.ledgerId! }, live),
        )
      throw badRequest('请指定 submissionId、rectificationId，或 ledgerType 与 ledgerId')
    },

    /** Soft delete: hidden from the bureau at once, kept for the office until the year is published. */
    async delete(actor: Actor, id: number): Promise<void> {
      await transaction(actor, async (audit) => {
        const before = await visible(actor, id)
        assertActsOnBureau(actor.user, before.bureauId)
        if (before.deletedAt !== null) throw conflict('该文件已删除')
        try {
          await targetOf(actor, targetOfRow(before), true)
        } catch (err) {
          // A file whose record is gone (one left before deleting a record took its files along) may always go.
          if (!isNotFound(err)) throw err
        }
        const after = await repo.markDeleted(id, actor.user.id, clock().toISOString())
        await audit({ action: 'file.delete', objectType: 'evidence_file', objectId: id, before, after })
      })
    },

    /** A bureau's storage: its own for a bureau user, any bureau's for the office and leaders. */
    async usage(actor: Actor, bureauId: number | undefined): Promise<FileUsage> {
      const id = bureauId ?? actor.user.bureauId
      if (id === null || id === undefined) throw badRequest('请选择单位')
      if (!seesBureau(actor.user, id)) throw notFound('单位不存在')
      await bureaus.requireBureau(id)
      return await usageOf(id)
    },

    /** The office raises (or lowers) the quota of a bureau it acts on. */
    async setQuota(actor: Actor, bureauId: number, quotaMb: number): Promise<FileUsage> {
      assertActsOnBureau(actor.user, bureauId)
      await deps.setFileQuota(actor, bureauId, quotaMb)
      return await usageOf(bureauId)
    },
  }
}
export type FilesService = ReturnType<typeof filesService>

/** The files service over one database; its bytes live beside it. */
export function filesOn(db: Db, clock: () => Date, defaultQuotaMb: number): FilesService {
  const submissions = submissionsOn(db, clock)
  return filesService({
    repo: filesRepository(db),
    submissions,
    ledgers: ledgerEvidenceTargets(ledgersRepository(db), submissions),
    rectifications: rectificationsOn(db, clock),
    bureaus: bureausOn(db),
    setFileQuota: bureauEditingOn(db).setFileQuota,
    transaction: auditedTransaction(db),
    clock,
    dir: evidenceDirOf(db),
    defaultQuotaMb,
  })
}
