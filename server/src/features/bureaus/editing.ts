import { type Bureau, type BureauBody, type BureauMergeBody, type BureauUpdateBody, existsIn } from '@fazhi/shared'
import type { Db } from '../../db/client'
import { type AuditedTransaction, auditedTransaction } from '../../db/transaction'
import { type VersionGuard, versionGuard } from '../../db/versions'
import { badRequest, conflict } from '../../errors'
import type { Actor } from '../../lib/actor'
import { type RegionsService, regionsOn } from '../regions/service'
import { submissionsRepository } from '../submissions/repository'
import { type BureausRepository, type BureauWrite, bureausRepository } from './repository'
import { bureausService } from './service'

/** A field of a bureau edit that cannot be saved, and why (in Chinese); 409 when it clashes with stored data. */
export interface BureauProblem {
  field: 'code' | 'regionId' | 'activeFrom' | 'activeUntil'
  status: 400 | 409
  message: string
}

export interface BureauEditingDeps {
  repo: BureausRepository
  regions: Pick<RegionsService, 'findRegion'>
  /** The first and last year a bureau has a submission for. */
  reportYears: (bureauId: number) => Promise<{ first: number; last: number } | null>
  transaction: AuditedTransaction
  checkVersion: VersionGuard
}

const writeOf = (body: BureauBody, successorId: number | null): BureauWrite => ({
  code: body.code,
  name: body.name,
  shortName: body.shortName,
  type: body.type,
  category: body.category ?? null,
  hasEnforcement: body.hasEnforcement,
  regionId: body.regionId,
  activeFrom: body.activeFrom,
  activeUntil: body.activeUntil ?? null,
  successorId,
})

const thrown = (p: BureauProblem) => (p.status === 409 ? conflict(p.message) : badRequest(p.message))

/**
 * The office's changes to bureaus: create, edit (a rename keeps the id, so the history stays), merge.
 * Every one is audited; an edit names the version it read.
 */
export function bureauEditing(deps: BureauEditingDeps) {
  const { repo, regions, reportYears, transaction, checkVersion } = deps
  const { requireBureau } = bureausService(repo)

  /** What stops `body` from being saved over `existing` (none when creating), against the stored data. */
  async function problemsOf(body: BureauBody, existing: Bureau | undefined): Promise<BureauProblem[]> {
    const problems: BureauProblem[] = []
    const clash = await repo.findByCode(body.code)
    if (clash && clash.id !== existing?.id) problems.push({ field: 'code', status: 409, message: `单位编码 ${body.code} 已被「${clash.name}」使用` })
    if (!await regions.findRegion(body.regionId)) problems.push({ field: 'regionId', status: 400, message: '所属地区不存在' })
    const span = existing ? await reportYears(existing.id) : null
    const until = body.activeUntil ?? null
    if (span && body.activeFrom > span.first)
      problems.push({ field: 'activeFrom', status: 409, message: `该单位已有 ${span.first} 年度的填报，起始年度不能晚于 ${span.first} 年` })
    if (span && until !== null && until < span.last)
      problems.push({ field: 'activeUntil', status: 409, message: `该单位已有 ${span.last} 年度的填报，终止年度不能早于 ${span.last} 年` })
    const successor = existing?.successorId ? await repo.find(existing.successorId) : undefined
    if (successor && (until === null || !existsIn(successor, until + 1)))
      problems.push({ field: 'activeUntil', status: 409, message: `该单位已合并入「${successor.name}」，终止年度应为其设立前的一年` })
    return problems
  }

  /** Writes a checked bureau (inside the caller's transaction) and returns it as stored. */
  async function write(body: BureauBody, existing: Bureau | undefined): Promise<Bureau> {
    if (!existing) return (await repo.find(await repo.insert(writeOf(body, null))))!
    await repo.update(existing.id, writeOf(body, existing.successorId))
    return (await repo.find(existing.id))!
  }

  return {
    problemsOf,
    write,

    async create(actor: Actor, body: BureauBody): Promise<Bureau> {
      return await transaction(actor, async (audit) => {
        const [problem] = await problemsOf(body, undefined)
        if (problem) throw thrown(problem)
        const after = await write(body, undefined)
        await audit({ action: 'bureau.create', objectType: 'bureau', objectId: after.id, after })
        return after
      })
    },

    async update(actor: Actor, id: number, input: BureauUpdateBody): Promise<Bureau> {
      const { version, ...body } = input
      return await transaction(actor, async (audit) => {
        const before = await requireBureau(id)
        await checkVersion({ version: before.version, objectType: 'bureau', objectId: id, noun: '单位' }, version)
        const [problem] = await problemsOf(body, before)
        if (problem) throw thrown(problem)
        const after = await write(body, before)
        await audit({ action: 'bureau.update', objectType: 'bureau', objectId: id, before, after })
        return after
      })
    },

    /** 存储配额: the office sets how many MB of evidence files the bureau may store. */
    async setFileQuota(actor: Actor, id: number, quotaMb: number): Promise<void> {
      await transaction(actor, async (audit) => {
        await requireBureau(id)
        const before = await repo.fileQuotaMb(id)
        await repo.setFileQuotaMb(id, quotaMb)
        await audit({ action: 'bureau.fileQuota', objectType: 'bureau', objectId: id, before: { fileQuotaMb: before }, after: { fileQuotaMb: quotaMb } })
      })
    },

    /** 合并: the bureau ends at `lastYear`; its successor, which must exist the year after, carries its history. */
    async merge(actor: Actor, id: number, { successorId, lastYear, version }: BureauMergeBody): Promise<Bureau> {
      return await transaction(actor, async (audit) => {
        const before = await requireBureau(id)
        await checkVersion({ version: before.version, objectType: 'bureau', objectId: id, noun: '单位' }, version)
        if (before.successorId !== null) throw conflict(`${before.name}已合并入其他单位`)
        if (successorId === id) throw badRequest('不能将单位合并到其自身')
        const successor = await repo.find(successorId)
        if (!successor) throw badRequest('合并后的单位不存在')
        if (lastYear < before.activeFrom) throw badRequest(`最后年度不能早于该单位的起始年度 ${before.activeFrom} 年`)
        const span = await reportYears(id)
        if (span && lastYear < span.last) throw conflict(`${before.name}已有 ${span.last} 年度的填报，最后年度不能早于 ${span.last} 年`)
        if (!existsIn(successor, lastYear + 1)) throw conflict(`${successor.name}在 ${lastYear + 1} 年度不存在，不能承接合并`)
        for (let s: Bureau | undefined = successor; s?.successorId; s = await repo.find(s.successorId))
          if (s.successorId === id) throw conflict(`${successor.name}已（间接）合并入${before.name}，不能反向合并`)
        await repo.update(id, { activeUntil: lastYear, successorId })
        const after = (await repo.find(id))!
        await audit({ action: 'bureau.merge', objectType: 'bureau', objectId: id, before, after })
        return after
      })
    },
  }
}
export type BureauEditing = ReturnType<typeof bureauEditing>

/** Bureau editing over one database. */
export const bureauEditingOn = (db: Db) =>
  bureauEditing({
    repo: bureausRepository(db),
    regions: regionsOn(db),
    reportYears: submissionsRepository(db).yearSpan,
    transaction: auditedTransaction(db),
    checkVersion: versionGuard(db),
  })
