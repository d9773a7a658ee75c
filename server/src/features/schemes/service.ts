import { type AuditAction, draftFrom, type Scheme, type SchemeBody, type SchemeDraft, type SchemePreview } from '@fazhi/shared'
import type { Db } from '../../db/client'
import { type Audit, type AuditedTransaction, auditedTransaction } from '../../db/transaction'
import { type VersionGuard, versionGuard } from '../../db/versions'
import { badRequest, conflict } from '../../errors'
import type { Actor } from '../../lib/actor'
import { type BureausService, bureausOn } from '../bureaus/service'
import { type CatalogRepository, catalogRepository } from '../catalog/repository'
import { type CyclesService, cyclesOn } from '../cycles/service'
import { dashboardSources } from '../dashboard/board'
import { dashboardRepository } from '../dashboard/repository'
import { scoreStore } from '../dashboard/scores'
import { dashboardService } from '../dashboard/service'
import { resolveDraft } from './draft'
import { type PreviewDeps, previewScheme } from './preview'
import { type SchemesRepository, schemesRepository } from './repository'

export interface SchemesDeps extends PreviewDeps {
  catalog: Pick<CatalogRepository, 'indicatorsForYear' | 'settingsForYear' | 'registry' | 'register'>
  repo: SchemesRepository
  cycles: Pick<CyclesService, 'requireCycle' | 'requireOpenCycle'>
  bureaus: Pick<BureausService, 'listBureaus'>
  /** Whether the year has a published result version (the results feature knows). */
  published: (year: number) => boolean
  transaction: AuditedTransaction
  checkVersion: VersionGuard
  clock: () => Date
}

const FROZEN_MESSAGE = (year: number) => `${year} 年度结果已定稿发布，考核方案已冻结；如需修改请先重新开启方案，修改后再发布新版本`

/**
 * The yearly 考核方案: the office writes a year's scheme here (one audited transaction each), every
 * feature scores by what it stored (read through the catalog repository). Publishing freezes it.
 */
export function schemesService(deps: SchemesDeps) {
  const { catalog, repo, cycles, bureaus, published, transaction, checkVersion, clock } = deps

  const current = (year: number) => ({ indicators: catalog.indicatorsForYear(year), settings: catalog.settingsForYear(year) })
  const draftOfYear = (year: number): SchemeDraft => {
    const { indicators, settings } = current(year)
    return draftFrom(indicators, settings)
  }

  function scheme(year: number): Scheme {
    const cycle = cycles.requireCycle(year)
    const { indicators, settings } = current(year)
    const points = new Map<string, number>()
    for (const i of indicators) points.set(i.category, (points.get(i.category) ?? 0) + i.weight)
    const bureauCategories = [...new Set(bureaus.listBureaus().flatMap((b) => (b.category ? [b.category] : [])))].sort((a, b) => a.localeCompare(b, 'zh-CN'))
    return {
      year,
      categories: settings.categories.map((c) => ({ code: c.code, name: c.name, points: Math.round((points.get(c.code) ?? 0) * 100) / 100 })),
      indicators,
      grades: settings.grades.map((g) => ({ grade: g.grade, min: g.min })),
      excellentQuota: settings.excellentQuota,
      bonusCap: settings.bonusCap,
      lateDeduction: settings.lateDeduction,
      codeMap: settings.codeMap,
      configured: settings.configured,
      frozen: settings.frozen,
      published: published(year),
      editable: !cycle.locked && !settings.frozen,
      version: settings.version,
      bureauCategories,
    }
  }

  /** The year's scheme replaced by a checked draft: new codes registered, the audit row holding before and after. Inside a transaction. */
  function replace(audit: Audit, action: AuditAction, year: number, draft: SchemeDraft, extra: object = {}) {
    const resolved = resolveDraft(draft, catalog.registry())
    const before = catalog.settingsForYear(year)
    const beforeDraft = before.configured ? { ...draftOfYear(year), version: before.version } : null
    for (const code of resolved.newCodes) catalog.register(code)
    const row = repo.replace(year, resolved.settingsRow, resolved.rows)
    audit({ action, objectType: 'scheme', objectId: year, before: beforeDraft, after: { ...draft, version: row.version, registered: resolved.newCodes.map((c) => c.code), ...extra } })
  }

  /** An editable year: its cycle open, its scheme not frozen. */
  function requireEditable(year: number) {
    cycles.requireOpenCycle(year)
    if (catalog.settingsForYear(year).frozen) throw conflict(FROZEN_MESSAGE(year))
  }

  function write(actor: Actor, year: number, work: (audit: Audit) => void): Scheme {
    transaction(actor, work)
    return scheme(year)
  }

  return {
    scheme,

    save(actor: Actor, year: number, body: SchemeBody): Scheme {
      const { version, ...draft } = body
      return write(actor, year, (audit) => {
        cycles.requireCycle(year)
        checkVersion({ version: catalog.settingsForYear(year).version, objectType: 'scheme', objectId: year, noun: '考核方案' }, version)
        requireEditable(year)
        replace(audit, 'scheme.update', year, draft)
      })
    },

    copyFrom(actor: Actor, year: number, fromYear: number): Scheme {
      if (year === fromYear) throw badRequest('不能从同一年度复制方案')
      return write(actor, year, (audit) => {
        cycles.requireCycle(fromYear)
        requireEditable(year)
        replace(audit, 'scheme.copy', year, draftOfYear(fromYear), { fromYear })
      })
    },

    /** A new year starts as a copy of the latest earlier year's scheme, if there is one (the cycles service calls it when it creates a year). */
    startFromLatest(actor: Actor, year: number): void {
      const fromYear = repo.latestBefore(year)
      if (fromYear === undefined) return
      transaction(actor, (audit) => replace(audit, 'scheme.copy', year, draftOfYear(fromYear), { fromYear }))
    },

    /** Publishing freezes the year's scheme: a year scored by the defaults gets them as its own rows first, so what was published is what is stored. */
    freeze(actor: Actor, year: number): void {
      transaction(actor, (audit) => {
        if (!catalog.settingsForYear(year).configured) {
          const { settingsRow, rows } = resolveDraft(draftOfYear(year), catalog.registry())
          repo.replace(year, settingsRow, rows)
        }
        const after = repo.setFrozen(year, true)
        if (after) audit({ action: 'scheme.freeze', objectType: 'scheme', objectId: year, after: { frozen: true, version: after.version } })
      })
    },

    reopen(actor: Actor, year: number): Scheme {
      transaction(actor, (audit) => {
        cycles.requireCycle(year)
        const before = repo.find(year)
        if (!before?.frozen) throw conflict(`${year} 年度的考核方案未冻结，无需重新开启`)
        const after = repo.setFrozen(year, false)!
        audit({ action: 'scheme.reopen', objectType: 'scheme', objectId: year, before: { frozen: true, version: before.version }, after: { frozen: false, version: after.version } })
      })
      return scheme(year)
    },

    /** What saving `draft` would change in the year's ranking; writes nothing. */
    preview(year: number, draft: SchemeDraft): SchemePreview {
      cycles.requireCycle(year)
      return previewScheme(deps, year, resolveDraft(draft, catalog.registry()), clock())
    },

    /** The year's scheme as a draft (what the workbook exports and an import is compared with). */
    draft: (year: number): SchemeDraft => {
      cycles.requireCycle(year)
      return draftOfYear(year)
    },
    registry: () => catalog.registry(),
  }
}
export type SchemesService = ReturnType<typeof schemesService>

/** The schemes service over one database; `published` tells whether a year has published results. */
export function schemesOn(db: Db, clock: () => Date, published: (year: number) => boolean): SchemesService {
  const sources = dashboardSources(db, clock)
  return schemesService({
    catalog: catalogRepository(db),
    repo: schemesRepository(db),
    cycles: cyclesOn(db, clock),
    bureaus: bureausOn(db),
    dashboard: dashboardService(sources, dashboardRepository(db), clock),
    scores: scoreStore(db),
    published,
    transaction: auditedTransaction(db),
    checkVersion: versionGuard(db),
    clock,
  })
}
