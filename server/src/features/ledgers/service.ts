import { isDateInYear, type LedgerType } from '@fazhi/shared'
import { LEDGER_TABLES, type LedgerTable } from '../../db/schema'
import { badRequest, notFound } from '../../errors'
import { assertActsOnBureau, assertBureauAccess, bureauFilter, resolveBureauId, seesBureau } from '../../plugins/access'
import type { Audit, AuditedTransaction } from '../../db/transaction'
import type { VersionGuard } from '../../db/versions'
import type { Actor } from '../../lib/actor'
import type { SubmissionsService } from '../submissions/service'
import type { LedgersRepository } from './repository'

/** The columns a user edits; bureau, year and authorship are set by the server. */
export type LedgerFields<T extends LedgerTable> = Omit<T['$inferInsert'], 'id' | 'bureauId' | 'year' | 'version' | 'createdBy' | 'createdAt'> & {
  date: string
}

export interface LedgerDeps {
  repo: LedgersRepository
  submissions: Pick<SubmissionsService, 'assertLedgerWritable' | 'applyLedgerChange'>
  transaction: AuditedTransaction
  checkVersion: VersionGuard
  clock: () => Date
  /** Deleting a row deletes its evidence files (the files feature), in the same transaction. */
  deleteFiles: (actor: Actor, audit: Audit, ledgerId: number) => Promise<void>
}

function assertDateInYear(date: string, year: number) {
  if (!isDateInYear(date, year)) throw badRequest(`日期应在 ${year} 年内`)
}

/**
 * One implementation for every ledger. Every change is checked against the bureau-year's
 * submission and then rolled up into it, in the same transaction as the change and its audit event.
 */
export function ledgerService<T extends LedgerTable>(table: T, objectType: string, deps: LedgerDeps) {
  const { submissions, transaction, checkVersion, clock, deleteFiles } = deps
  const repo = deps.repo.of(table)

  /** The row a change acts on: another bureau's is 403, one the user only reads (a county's, for the city office) too. */
  async function load(actor: Actor, id: number): Promise<T['$inferSelect']> {
    const row = await repo.find(id)
    if (!row) throw notFound('台账记录不存在')
    assertBureauAccess(actor.user, row.bureauId)
    assertActsOnBureau(actor.user, row.bureauId)
    return row
  }

  /** The row an edit based on `version` acts on: 404, 403 or 409 (stale) before anything changes. */
  async function loadAt(actor: Actor, id: number, version: number): Promise<T['$inferSelect']> {
    const row = await load(actor, id)
    await checkVersion({ version: row.version, objectType, objectId: id, noun: '台账记录' }, version)
    return row
  }

  return {
    /** The rows of the bureaus the user reads (the office's unfiltered list: its region's subtree). */
    async list(actor: Actor, filter: { bureauId?: number; year?: number }) {
      return (await repo.list({ ...filter, bureauId: bureauFilter(actor.user, filter.bureauId) })).filter((row) => seesBureau(actor.user, row.bureauId))
    },

    async create(actor: Actor, input: LedgerFields<T> & { year: number; bureauId?: number }) {
      const { year, bureauId: requested, ...fields } = input
      const bureauId = resolveBureauId(actor.user, requested)
      assertDateInYear(fields.date, year)
      return await transaction(actor, async (audit) => {
        const totals = await submissions.assertLedgerWritable(bureauId, year)
        const after = await repo.insert({ ...fields, bureauId, year, createdBy: actor.user.id, createdAt: clock().toISOString() } as T['$inferInsert'])
        await audit({ action: 'ledger.create', objectType, objectId: after.id, after })
        await submissions.applyLedgerChange(actor, audit, bureauId, year, totals)
        return after
      })
    },

    async update(actor: Actor, id: number, fields: LedgerFields<T>, version: number) {
      return await transaction(actor, async (audit) => {
        const before = await loadAt(actor, id, version)
        assertDateInYear(fields.date, before.year)
        const totals = await submissions.assertLedgerWritable(before.bureauId, before.year)
        const after = await repo.update(id, fields as Partial<T['$inferInsert']>)
        await audit({ action: 'ledger.update', objectType, objectId: id, before, after })
        await submissions.applyLedgerChange(actor, audit, before.bureauId, before.year, totals)
        return after
      })
    },

    async delete(actor: Actor, id: number, version: number): Promise<void> {
      await transaction(actor, async (audit) => {
        const before = await loadAt(actor, id, version)
        const totals = await submissions.assertLedgerWritable(before.bureauId, before.year)
        await deleteFiles(actor, audit, id)
        await repo.delete(id)
        await audit({ action: 'ledger.delete', objectType, objectId: id, before })
        await submissions.applyLedgerChange(actor, audit, before.bureauId, before.year, totals)
      })
    },
  }
}

/**
 * For the files feature: the ledger row an evidence file (佐证材料) belongs to. Another bureau's is 404,
 * as if it did not exist; `write` also needs its bureau-year open to ledger edits, as its own edits do.
 */
export function ledgerEvidenceTargets(repo: LedgersRepository, submissions: Pick<SubmissionsService, 'assertLedgerWritable'>) {
  return async (actor: Actor, type: LedgerType, id: number, opts: { write: boolean }): Promise<{ bureauId: number; year: number }> => {
    const row = await repo.of(LEDGER_TABLES[type]).find(id)
    if (!row || !seesBureau(actor.user, row.bureauId)) throw notFound('台账记录不存在')
    if (opts.write) await submissions.assertLedgerWritable(row.bureauId, row.year)
    return row
  }
}
export type LedgerEvidenceTargets = ReturnType<typeof ledgerEvidenceTargets>
