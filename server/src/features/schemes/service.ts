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
  published: (year: number) => Promise<boolean>
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

  const current = async (year: number) => ({ indicators: await catalog.indicatorsForYear(year), settings: await catalog.settingsForYear(year) })
  const draftOfYear = async (year: number): Promise<SchemeDraft> => {
    const { indicators, settings } = await current(year)
    return draftFrom(indicators, settings)
  }

  async function scheme(year: number): Promise<Scheme> {
    const cycle = await cycles.requireCycle(year)
    const { indicators, settings } = await current(year)
    const points = new Map<string, number>()
    for (const i of indicators) points.set(i.category, (points.get(i.category) ?? 0) + i.weight)
    const bureauCategories = [...new Set((await bureaus.listBureaus()).flatMap((b) => (b.category ? [b.category] : [])))].sort((a, b) => a.localeCompare(b, 'zh-CN'))
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
      published: await published(year),
      editable: !cycle.locked && !settings.frozen,
      version: settings.version,
      bureauCategories,
    }
  }

  /** The year's scheme replaced by a checked draft: new codes registered, the audit row holding before and after. Inside a transaction. */
  async function replace(audit: Audit, action: AuditAction, year: number, draft: SchemeDraft, extra: object = {}) {
    const resolved = resolveDraft(draft, await catalog.registry())
    const before = await catalog.settingsForYear(year)
    const beforeDraft = before.configured ? { ...await draftOfYear(year), version: before.version } : null
    for (const code of resolved.newCodes) await catalog.register(code)
    const row = await repo.replace(year, resolved.settingsRow, resolved.rows)
    await audit({ action, objectType: 'scheme', objectId: year, before: beforeDraft, after: { ...draft, version: row.version, registered: resolved.newCodes.map((c) => c.code), ...extra } })
  }

  /** An editable year: its cycle open, its scheme not frozen. */
  async function requireEditable(year: number) {
    await cycles.requireOpenCycle(year)
    if ((await catalog.settingsForYear(year)).frozen) throw conflict(FROZEN_MESSAGE(year))
  }

  async function write(actor: Actor, year: number, work: (audit: Audit) => Promise<void>): Promise<Scheme> {
    await transaction(actor, work)
    return await scheme(year)
  }

  return {
    scheme,

    async save(actor: Actor, year: number, body: SchemeBody): Promise<Scheme> {
      const { version, ...draft } = body
      return await write(actor, year, async (audit) => {
        await cycles.requireCycle(year)
        await checkVersion({ version: (await catalog.settingsForYear(year)).version, objectType: 'scheme', objectId: year, noun: '考核方案' }, version)
        await requireEditable(year)
        await replace(audit, 'scheme.update', year, draft)
      })
    },

    async copyFrom(actor: Actor, year: number, fromYear: number): Promise<Scheme> {
      if (year === fromYear) throw badRequest('不能从同一年度复制方案')
      return await write(actor, year, async (audit) => {
        await cycles.requireCycle(fromYear)
        await requireEditable(year)
        await replace(audit, 'scheme.copy', year, await draftOfYear(fromYear), { fromYear })
      })
    },

    /** A new year starts as a copy of the latest earlier year's scheme, if there is one (the cycles service calls it when it creates a year). */
    async startFromLatest(actor: Actor, year: number): Promise<void> {
      const fromYear = await repo.latestBefore(year)
      if (fromYear === undefined) return
      await transaction(actor, async (audit) => replace(audit, 'scheme.copy', year, await draftOfYear(fromYear), { fromYear }))
    },

    /** Publishing freezes the year's scheme: a year scored by the defaults gets them as its own rows first, so what was published is what is stored. */
    async freeze(actor: Actor, year: number): Promise<void> {
      await transaction(actor, async (audit) => {
        if (!(await catalog.settingsForYear(year)).configured) {
          const { settingsRow, rows } = resolveDraft(await draftOfYear(year), await catalog.registry())
          await repo.replace(year, settingsRow, rows)
        }
        const after = await repo.setFrozen(year, true)
        if (after) await audit({ action: 'scheme.freeze', objectType: 'scheme', objectId: year, after: { frozen: true, version: after.version } })
      })
    },

    async reopen(actor: Actor, year: number): Promise<Scheme> {
      await transaction(actor, async (audit) => {
        await cycles.requireCycle(year)
        const before = await repo.find(year)
        if (!before?.frozen) throw conflict(`${year} 年度的考核方案未冻结，无需重新开启`)
        const after = (await repo.setFrozen(year, false))!
        await audit({ action: 'scheme.reopen', objectType: 'scheme', objectId: year, before: { frozen: true, version: before.version }, after: { frozen: false, version: after.version } })
      })
      return await scheme(year)
    },

    /** What saving `draft` would change in the year's ranking; writes nothing. */
    async preview(year: number, draft: SchemeDraft): Promise<SchemePreview> {
      await cycles.requireCycle(year)
      return await previewScheme(deps, year, resolveDraft(draft, await catalog.registry()), clock())
    },

    /** The year's scheme as a draft (what the workbook exports and an import is compared with). */
    draft: async (year: number): Promise<SchemeDraft> => {
      await cycles.requireCycle(year)
      return await draftOfYear(year)
    },
    registry: () => catalog.registry(),
  }
}
export type SchemesService = ReturnType<typeof schemesService>

/** The schemes service over one database; `published` tells whether a year has published results. */
export function schemesOn(db: Db, clock: () => Date, published: (year: number) => Promise<boolean>): SchemesService {
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
