import { can, CATALOG_BY_CODE, COUNTY_MISMATCH, findRepeated, type ImportedReport, type ImportQuery, plausibilityChecks, type User } from '@fazhi/shared'
import type { Db } from '../../db/client'
import { type AuditedTransaction, auditedTransaction } from '../../db/transaction'
import { AppError, badRequest, forbidden, notFound } from '../../errors'
import { assertActsOnBureau, assertBureauAccess } from '../../plugins/access'
import type { Actor } from '../../lib/actor'
import { bureausOn, type BureausService } from '../bureaus/service'
import { cyclesOn, type CyclesService } from '../cycles/service'
import { regionsOn, type RegionsService } from '../regions/service'
import { submissionsOn, type SubmissionsService } from '../submissions/service'
import { isOtherCounty } from './county'
import { extractReport } from './extract'
import { readReport, ReportReadError } from './readers'
import { type ImportRow, importsRepository, type ImportsRepository } from './repository'

const READ_ERROR_STATUS = { unsupported: 415, unreadable: 422, too_large: 413 } as const

/** Reads an uploaded annual report, extracts what it states, and keeps it as the bureau's structure check. */
export interface ImportsDeps {
  repo: ImportsRepository
  cycles: Pick<CyclesService, 'requireCycle'>
  bureaus: Pick<BureausService, 'requireBureau'>
  regions: Pick<RegionsService, 'findRegion'>
  /** The ledgers and last year's values a proposal is checked against. */
  submissions: Pick<SubmissionsService, 'valueReference'>
  transaction: AuditedTransaction
}

export function importsService({ repo, cycles, bureaus, regions, submissions, transaction }: ImportsDeps) {
  /**
   * The bureau an import or its read is for: a bureau user's own; the office names one, which it
   * must act on to import (a city office reads a county bureau's import, it does not import for it)
   * and see to read.
   */
  async function targetBureau(user: User, requested: number | undefined, change: boolean): Promise<number> {
    if (!can(user, 'allBureaus')) {
      if (requested !== undefined && requested !== user.bureauId) throw forbidden('只能为本单位导入报告')
      return user.bureauId!
    }
    if (requested === undefined) throw badRequest('请指定单位（bureauId）')
    const { id } = await bureaus.requireBureau(requested)
    if (change) assertActsOnBureau(user, id)
    else assertBureauAccess(user, id)
    return id
  }

  /** The bureau's region and the regions above it, nearest first. */
  async function regionNames(regionId: number): Promise<string[]> {
    const names: string[] = []
    for (let r = await regions.findRegion(regionId); r; r = r.parentId === null ? undefined : await regions.findRegion(r.parentId)) names.push(r.name)
    return names
  }

  /** The 409 of a report that names another county or district than the bureau's, before anything is saved. */
  async function assertSameCounty(bureauId: number, county: string | null) {
    if (!county) return
    const bureau = await bureaus.requireBureau(bureauId)
    const names = await regionNames(bureau.regionId)
    if (names.length === 0 || !isOtherCounty(county, names)) return
    throw new AppError(409, COUNTY_MISMATCH, `报告所述为${county}，与本单位所属的${names[0]}不一致`)
  }

  /** Where a proposed value contradicts the bureau's ledger roll-up or last year's value (校验规则), in words. */
  function flagsOf(check: Awaited<ReturnType<SubmissionsService['valueReference']>>) {
    const byCode = new Map(check.indicators.map((i) => [i.code, i]))
    return (code: string, value: number): string[] => {
      const ind = byCode.get(code)
      if (!ind) return []
      const flags: string[] = []
      const rolled = check.ledgerValues.get(code)
      if (ind.kind !== 'boolean' && rolled !== undefined && rolled !== value)
        flags.push(`与台账汇总（${rolled}${ind.unit ? ` ${ind.unit}` : ''}）不一致，采纳后以报告原文作为手工修改的说明`)
      for (const c of plausibilityChecks(ind, value, check.previousValues[code])) flags.push(c.kind === 'yoy' ? `与上年差异过大：${c.text}` : c.text)
      return flags
    }
  }

  async function present(row: ImportRow): Promise<ImportedReport> {
    const { extraction } = row
    const flags = flagsOf(await submissions.valueReference(row.bureauId, row.year))
    const current = new Map((await repo.currentValues(row.bureauId, row.year)).map((v) => [v.code, v]))
    const earlier = [
      ...((await repo.latest(row.bureauId, row.year - 1))?.extraction.problems.map((p) => p.text) ?? []),
      ...await repo.rectificationProblems(row.bureauId, row.year - 1),
    ]
    return {
      id: row.id,
      bureauId: row.bureauId,
      year: row.year,
      fileName: row.fileName,
      createdAt: row.createdAt,
      text: row.text,
      reportedYear: extraction.year,
      reportedBureau: extraction.bureau,
      reportedCounty: extraction.county ?? null,
      sections: extraction.sections,
      values: extraction.values.map((v) => {
        const ind = CATALOG_BY_CODE.get(v.indicator)
        const now = current.get(v.indicator)
        return {
          ...v,
          // Reports read before confidence existed were never judged: the reviewer confirms each.
          confidence: v.confidence ?? 'uncertain',
          reason: v.reason ?? null,
          flags: flags(v.indicator, v.value),
          name: ind?.name ?? v.indicator,
          unit: ind?.unit ?? '',
          current: now ? { value: now.value, source: now.source } : null,
        }
      }),
      unresolved: (extraction.unresolved ?? []).map((u) => ({ ...u, candidates: u.candidates.map((c) => CATALOG_BY_CODE.get(c)?.name ?? c) })),
      problems: extraction.problems.map((p) => ({ ...p, repeatedFrom: findRepeated(p.text, earlier)?.text ?? null })),
    }
  }

  return {
    async import(actor: Actor, query: Pick<ImportQuery, 'year' | 'bureauId' | 'confirmCounty'>, file: { fileName: string; data: Buffer }) {
      const bureauId = await targetBureau(actor.user, query.bureauId, true)
      await cycles.requireCycle(query.year)
      let text: string
      try {
        text = await readReport(file.data, file.fileName)
      } catch (err) {
        if (err instanceof ReportReadError) throw new AppError(READ_ERROR_STATUS[err.kind], 'Unprocessable', err.message)
        throw err
      }
      const extraction = extractReport(text)
      if (!query.confirmCounty) await assertSameCounty(bureauId, extraction.county)
      const row = await transaction(actor, async (audit) => {
        const row = await repo.insert({ bureauId, year: query.year, fileName: file.fileName, text, extraction, createdBy: actor.user.id })
        await audit({
          action: 'import',
          objectType: 'report',
          objectId: row.id,
          after: { bureauId, year: query.year, fileName: file.fileName, values: extraction.values.length, problems: extraction.problems.length },
        })
        return row
      })
      return await present(row)
    },

    /** The bureau and year of an imported report, for the rectification items made from its problems. */
    async reportSource(user: User, id: number): Promise<{ id: number; bureauId: number; year: number }> {
      const row = await repo.find(id)
      if (!row) throw notFound('导入的报告不存在')
      assertBureauAccess(user, row.bureauId)
      return { id: row.id, bureauId: row.bureauId, year: row.year }
    },

    async latest(user: User, query: { year: number; bureauId?: number }) {
      const row = await repo.latest(await targetBureau(user, query.bureauId, false), query.year)
      return { report: row ? await present(row) : null }
    },
  }
}
export type ImportsService = ReturnType<typeof importsService>

/** The imports service over one database, as its routes and the rectifications feature use it. */
export const importsOn = (db: Db, clock: () => Date): ImportsService =>
  importsService({
    repo: importsRepository(db),
    cycles: cyclesOn(db, clock),
    bureaus: bureausOn(db),
    regions: regionsOn(db),
    submissions: submissionsOn(db, clock),
    transaction: auditedTransaction(db),
  })
