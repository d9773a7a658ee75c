import { can, CATALOG_BY_CODE, findRepeated, type ImportedReport, type User } from '@fazhi/shared'
import type { AuditedTransaction } from '../../db/transaction'
import { AppError, badRequest, forbidden, notFound } from '../../errors'
import { assertBureauAccess } from '../../plugins/access'
import type { Actor } from '../../lib/actor'
import type { BureausService } from '../bureaus/service'
import type { CyclesService } from '../cycles/service'
import { extractReport } from './extract'
import { readReport, ReportReadError } from './readers'
import type { ImportRow, ImportsRepository } from './repository'

const READ_ERROR_STATUS = { unsupported: 415, unreadable: 422, too_large: 413 } as const

/** Reads an uploaded annual report, extracts what it states, and keeps it as the bureau's structure check. */
export interface ImportsDeps {
  repo: ImportsRepository
  cycles: Pick<CyclesService, 'requireCycle'>
  bureaus: Pick<BureausService, 'requireBureau'>
  transaction: AuditedTransaction
}

export function importsService({ repo, cycles, bureaus, transaction }: ImportsDeps) {
  function targetBureau(user: User, requested: number | undefined): number {
    if (!can(user, 'allBureaus')) {
      if (requested !== undefined && requested !== user.bureauId) throw forbidden('只能为本单位导入报告')
      return user.bureauId!
    }
    if (requested === undefined) throw badRequest('请指定单位（bureauId）')
    return bureaus.requireBureau(requested).id
  }

  function present(row: ImportRow): ImportedReport {
    const { extraction } = row
    const current = new Map(repo.currentValues(row.bureauId, row.year).map((v) => [v.code, v]))
    const earlier = [
      ...(repo.latest(row.bureauId, row.year - 1)?.extraction.problems.map((p) => p.text) ?? []),
      ...repo.rectificationProblems(row.bureauId, row.year - 1),
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
          flags: [],
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
    async import(actor: Actor, query: { year: number; bureauId?: number }, file: { fileName: string; data: Buffer }) {
      const bureauId = targetBureau(actor.user, query.bureauId)
      cycles.requireCycle(query.year)
      let text: string
      try {
        text = await readReport(file.data, file.fileName)
      } catch (err) {
        if (err instanceof ReportReadError) throw new AppError(READ_ERROR_STATUS[err.kind], 'Unprocessable', err.message)
        throw err
      }
      const extraction = extractReport(text)
      const row = transaction(actor, (audit) => {
        const row = repo.insert({ bureauId, year: query.year, fileName: file.fileName, text, extraction, createdBy: actor.user.id })
        audit({
          action: 'import',
          objectType: 'report',
          objectId: row.id,
          after: { bureauId, year: query.year, fileName: file.fileName, values: extraction.values.length, problems: extraction.problems.length },
        })
        return row
      })
      return present(row)
    },

    /** The bureau and year of an imported report, for the rectification items made from its problems. */
    reportSource(user: User, id: number): { id: number; bureauId: number; year: number } {
      const row = repo.find(id)
      if (!row) throw notFound('导入的报告不存在')
      assertBureauAccess(user, row.bureauId)
      return { id: row.id, bureauId: row.bureauId, year: row.year }
    },

    latest(user: User, query: { year: number; bureauId?: number }) {
      const row = repo.latest(targetBureau(user, query.bureauId), query.year)
      return { report: row ? present(row) : null }
    },
  }
}
export type ImportsService = ReturnType<typeof importsService>
