import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../server/src/db/client'
import { bureaus, regions, submissionEvents, submissions, submissionValues, users } from '../server/src/db/schema'
import { prng } from '../server/src/lib/prng'
import { DEMO_BUREAUS } from './bureaus'
import { demoCategoryOf } from './scheme'

/** The demo city above 示例县: a second county and two bureaus of the city itself. */
export const DEMO_CITY = { code: 'demo-city', name: '示例市' } as const
export const DEMO_SECOND_COUNTY = { code: 'ybx', name: '样板县' } as const
/** The bureau types 样板县 has (a county's usual departments): each reports like its 示例县 counterpart, its figures shifted. */
const SECOND_COUNTY_TYPES = new Set(['科技局', '教育局', '财政局', '司法局', '公安局', '市场监督管理局', '生态环境局', '住房和城乡建设局', '卫生健康委', '交通运输局'])
/** The city's own bureaus (市科技局, 市教育局): each reads its county counterparts' reports in the vertical view. */
const CITY_BUREAUS: readonly [string, string, string][] = [
  ['s-kjj', '示例市科技局', '科技局'],
  ['s-jyj', '示例市教育局', '教育局'],
]

/**
 * Seeds 示例市 over the demo county (run after `seedDemo`, in the same database): 示例县 becomes its
 * county, 样板县 a second one, and the city has bureaus of its own. Their reports copy the status,
 * dates and history of the 示例县 bureau of the same type, values shifted by a deterministic factor,
 * so scores differ. Accounts: `city` (市委依法治市办, bound to 示例市), `cityleader`, `ybx-office`
 * (样板县's office), a liaison per new bureau (its code); the county's `office` and `leader` are bound
 * to 示例县. Deterministic.
 */
export async function seedDemoCity(db: Db, passwordHash: string): Promise<void> {
  const rng = prng(20261130)
  await db.connection.transaction(async () => {
    const tx = db
    const county = (await tx.select().from(regions).where(eq(regions.code, 'demo')).limit(1))[0]
    if (!county) throw new Error('seedDemoCity: the demo county is not seeded')
    const city = (await tx.insert(regions).values({ code: DEMO_CITY.code, name: DEMO_CITY.name, level: 'city' }).returning())[0]
    await tx.update(regions).set({ parentId: city.id }).where(eq(regions.id, county.id))
    const second = (await tx.insert(regions).values({ code: DEMO_SECOND_COUNTY.code, name: DEMO_SECOND_COUNTY.name, level: 'county', parentId: city.id }).returning())[0]

    const template = new Map((await tx.select().from(bureaus).where(eq(bureaus.regionId, county.id))).map((b) => [b.type, b]))
    const planned = [
      ...DEMO_BUREAUS.filter(([, , type]) => SECOND_COUNTY_TYPES.has(type)).map(([code, name, type, hasEnforcement]) => ({
        regionId: second.id,
        code: `ybx-${code}`,
        name: name.replace(/^示例县/, DEMO_SECOND_COUNTY.name),
        shortName: name.replace(/^示例县/, ''),
        type,
        category: demoCategoryOf(hasEnforcement),
        hasEnforcement,
      })),
      ...CITY_BUREAUS.map(([code, name, type]) => {
        const like = template.get(type)!
        return { regionId: city.id, code, name, shortName: name.replace(/^示例市/, '市'), type, category: like.category, hasEnforcement: like.hasEnforcement }
      }),
    ]
    const added = await tx.insert(bureaus).values(planned).returning()

    const [office, leader] = await Promise.all(['office', 'leader'].map(async (username) => ((await tx.select().from(users).where(eq(users.username, username)).limit(1))[0])!))
    await tx.update(users).set({ regionId: county.id }).where(inArray(users.id, [office.id, leader.id]))
    const [cityOffice, , countyOffice] = await tx
      .insert(users)
      .values([
        { username: 'city', displayName: '市委依法治市办', role: 'office' as const, regionId: city.id, passwordHash },
        { username: 'cityleader', displayName: '市领导（督察）', role: 'leader' as const, regionId: city.id, passwordHash },
        { username: 'ybx-office', displayName: '样板县委依法治县办', role: 'office' as const, regionId: second.id, passwordHash },
      ])
      .returning()
    const liaisons = await tx
      .insert(users)
      .values(added.map((b) => ({ username: b.code, displayName: `${b.shortName}法治联络员`, role: 'bureau' as const, bureauId: b.id, passwordHash })))
      .returning()
    const liaisonOf = new Map(liaisons.map((u) => [u.bureauId, u.id]))

    for (const b of added) {
      const like = template.get(b.type)!
      const factor = 0.55 + rng.next() * 0.6
      for (const s of await tx.select().from(submissions).where(eq(submissions.bureauId, like.id))) {
        const { id: _, bureauId: __, ...copied } = s
        // Each report is reviewed by its own region's office.
        const reviewer = b.regionId === city.id ? cityOffice.id : countyOffice.id
        const approver = s.approvedBy === null ? null : reviewer
        const row = (await tx.insert(submissions).values({ ...copied, bureauId: b.id, approvedBy: approver, publishedUrl: s.publishedUrl?.replace(`/${like.code}/`, `/${b.code}/`) ?? null }).returning())[0]
        const events = await tx.select().from(submissionEvents).where(eq(submissionEvents.submissionId, s.id))
        if (events.length)
          await tx.insert(submissionEvents)
            .values(events.map(({ id: _id, submissionId: _s, ...e }) => ({ ...e, submissionId: row.id, userId: e.action === 'submit' || e.action === 'resubmit' ? liaisonOf.get(b.id)! : reviewer })))
        const values = await tx.select().from(submissionValues).where(and(eq(submissionValues.submissionId, s.id)))
        if (values.length)
          await tx.insert(submissionValues)
            .values(values.map(({ submissionId: _s, ...v }) => ({ ...v, submissionId: row.id, source: 'manual' as const, value: shifted(v.value, v.indicatorCode, factor) })))
      }
    }
  })
}

/** A copied value shifted by the bureau's factor: counts scale, rates stay within 0–100, yes/no stay as they were. */
function shifted(value: number | null, code: string, factor: number): number | null {
  if (value === null || value <= 1) return value
  const scaled = Math.round(value * factor)
  return /rate$/.test(code) ? Math.min(100, scaled) : scaled
}
