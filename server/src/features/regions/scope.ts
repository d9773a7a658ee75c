import { bindsBureau, bindsRegion, regionsUnder, type Region, type User } from '@fazhi/shared'
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { bureaus, dashboardVersions, regions } from '../../db/schema'

/**
 * What a business account reaches of the installation's bureaus. An office or leader account bound
 * to a region (`users.region_id`, `bindsRegion`) reads that region and every region below it; the
 * office acts (fills, reviews, returns, chases) only on the bureaus of its own region: a county
 * office approves its own bureaus, a city office reads the counties' as they are. A bureau account
 * acts on its own bureau and reads it; a bureau of a region with regions below it (市科技局) also reads
 * its counterparts there (the bureaus of the same type: 部门向上一级政府有关部门报告).
 */
export interface BureauScope {
  /** The bureaus whose details the account reads; null: every bureau. */
  sees: ReadonlySet<number> | null
  /** The bureaus the account changes; null: every bureau. */
  acts: ReadonlySet<number> | null
  /** The regions its pages cover: its region and those below; null: every region. */
  regions: ReadonlySet<number> | null
  /**
   * Whether it speaks for the whole installation: an office bound to no region, or to one that holds
   * every region. Years, the 考核方案, publication, the organisation and the county's settings are
   * the installation's, so only such an office changes them.
   */
  installationWide: boolean
}

/** The installation's scope: the command line, system jobs, and accounts bound to no region. */
export const EVERYWHERE: BureauScope = { sees: null, acts: null, regions: null, installationWide: true }

/** A request's user: the session's account with its region resolved and its scope. Without a scope (outside HTTP): the installation's. */
export type ScopedUser = User & { scope?: BureauScope }

interface Index {
  version: number
  regions: Region[]
  bureaus: { id: number; regionId: number; type: string }[]
  scopes: Map<string, { regionId: number | null; scope: BureauScope }>
}

/**
 * Resolves accounts' scopes from the region tree and the bureaus, read again whenever the dashboard's
 * row-0 counter moves (every change to a region or bureau bumps it, by trigger), so every process
 * sees another's changes at its next request.
 */
export function bureauScopes(db: Db) {
  let index: Index | null = null
  const versionOf = async () => ((await db.select({ v: dashboardVersions.version }).from(dashboardVersions).where(eq(dashboardVersions.year, 0)).limit(1))[0])?.v ?? 0

  async function current(): Promise<Index> {
    const version = await versionOf()
    if (index?.version === version) return index
    index = {
      version,
      regions: await db.select({ id: regions.id, code: regions.code, name: regions.name, level: regions.level, parentId: regions.parentId }).from(regions).orderBy(asc(regions.id)),
      bureaus: await db.select({ id: bureaus.id, regionId: bureaus.regionId, type: bureaus.type }).from(bureaus).orderBy(asc(bureaus.id)),
      scopes: new Map(),
    }
    return index
  }

  function resolve(idx: Index, user: Pick<User, 'role' | 'bureauId' | 'regionId'>): { regionId: number | null; scope: BureauScope } {
    const idsWhere = (keep: (b: Index['bureaus'][number]) => boolean) => new Set(idx.bureaus.filter(keep).map((b) => b.id))
    if (bindsBureau(user.role)) {
      const own = idx.bureaus.find((b) => b.id === user.bureauId)
      if (!own) return { regionId: null, scope: { sees: new Set(), acts: new Set(), regions: new Set(), installationWide: false } }
      const below = regionsUnder(idx.regions, own.regionId)
      // 市科技局 reads every county 科技局's report; a bureau of a region with none below reads only its own.
      const sees = idsWhere((b) => b.id === own.id || (b.type === own.type && b.regionId !== own.regionId && below.has(b.regionId)))
      return { regionId: own.regionId, scope: { sees, acts: new Set([own.id]), regions: below.size === idx.regions.length ? null : below, installationWide: false } }
    }
    if (!bindsRegion(user.role) || user.regionId === null) return { regionId: null, scope: EVERYWHERE }
    // Bound to a region the tree no longer holds: nothing, never everything.
    if (!idx.regions.some((r) => r.id === user.regionId)) return { regionId: user.regionId, scope: { sees: new Set(), acts: new Set(), regions: new Set(), installationWide: false } }
    const below = regionsUnder(idx.regions, user.regionId)
    const everyRegion = below.size === idx.regions.length
    const everyBureauOwn = idx.bureaus.every((b) => b.regionId === user.regionId)
    return {
      regionId: user.regionId,
      scope: {
        sees: everyRegion ? null : idsWhere((b) => below.has(b.regionId)),
        acts: everyBureauOwn ? null : idsWhere((b) => b.regionId === user.regionId),
        regions: everyRegion ? null : below,
        installationWide: everyRegion,
      },
    }
  }

  return {
    /**
     * The account's region as its pages use it (`User.regionId`: a bureau account's is its bureau's)
     * and its scope. `user.regionId` is the account's own binding (`users.region_id`).
     */
    async of(user: Pick<User, 'role' | 'bureauId' | 'regionId'>): Promise<{ regionId: number | null; scope: BureauScope }> {
      const idx = await current()
      const key = `${user.role}|${user.bureauId}|${user.regionId}`
      let found = idx.scopes.get(key)
      if (!found) idx.scopes.set(key, (found = resolve(idx, user)))
      return found
    },
    /** The regions of the installation, as of the last change (the region picker's tree is the client's). */
    regions: async (): Promise<readonly Region[]> => (await current()).regions,
  }
}
export type BureauScopes = ReturnType<typeof bureauScopes>
