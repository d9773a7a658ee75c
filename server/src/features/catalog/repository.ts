import {
  CATALOG_BY_CODE,
  CATEGORIES,
  CATEGORY_NAMES,
  type CategoryCode,
  DEFAULT_SETTINGS,
  describeRule,
  type GradeThreshold,
  type Indicator,
  type Rule,
  type SchemeSettings,
  type YearIndicator,
} from '@fazhi/shared'
import { asc, desc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { indicators, schemeIndicators, schemes } from '../../db/schema'

/** A year's indicator as every feature reads it: its definition in the year's scheme, ready for the scorer. */
export type SchemeIndicator = Indicator & YearIndicator & { rule: Rule; appliesTo: string[] | null; unit: string }

/** A year's scheme settings and categories (names in the year's order). */
export interface YearSettings extends SchemeSettings {
  categories: { code: CategoryCode; name: string }[]
  codeMap: { from: string; to: string }[]
  /** The scheme has its own rows (a year without them is scored by the default catalog). */
  configured: boolean
  frozen: boolean
  version: number
}

const ATTAINMENT_JSON = '{"kind":"attainment"}'

/** A registered indicator (the `indicators` registry: every code ever used, its kind and defaults). */
export type RegisteredIndicator = typeof indicators.$inferSelect

/** An indicator of a year's scheme from its row (stored, or a draft not saved yet) and its registered kind; derivations come from the catalog. */
export function yearIndicator(
  code: string,
  kind: Indicator['kind'],
  row: { category: string; name: string; unit: string; direction: Indicator['direction']; target: number | null; weight: number; enforcementOnly: boolean; appliesTo: string | null; rule: string; plausibleMin: number | null; plausibleMax: number | null; yoyMinChange: number | null; evidenceRequired?: boolean },
): SchemeIndicator {
  const rules = CATALOG_BY_CODE.get(code)
  const rule = JSON.parse(row.rule) as Rule
  const ind = {
    code,
    category: row.category as CategoryCode,
    categoryName: CATEGORY_NAMES[row.category as CategoryCode] ?? row.category,
    name: row.name,
    unit: row.unit,
    kind,
    derivedAs: rules?.derivedAs ?? null,
    derivation: rules?.derivation,
    direction: row.direction,
    target: row.target,
    weight: row.weight,
    enforcementOnly: row.enforcementOnly,
    appliesTo: row.appliesTo ? (JSON.parse(row.appliesTo) as string[]) : null,
    rule,
    ruleText: '',
    plausibleMin: row.plausibleMin,
    plausibleMax: row.plausibleMax,
    yoyMinChange: row.yoyMinChange,
    evidenceRequired: row.evidenceRequired ?? false,
  }
  ind.ruleText = describeRule(ind)
  return ind
}

export function catalogRepository(db: Db) {
  return {
    /** Every registered indicator code with its kind and defaults. */
    async registry(): Promise<RegisteredIndicator[]> {
      return await db.select().from(indicators).orderBy(asc(indicators.sortOrder))
    },

    /** Registers a new indicator code (after every registered one); callers run it inside their audited transaction. */
    async register(row: Omit<RegisteredIndicator, 'sortOrder'>): Promise<void> {
      const last = (await db.select({ sortOrder: indicators.sortOrder }).from(indicators).orderBy(desc(indicators.sortOrder)).limit(1))[0]
      await db.insert(indicators).values({ ...row, sortOrder: (last?.sortOrder ?? 0) + 1 })
    },

    /**
     * The indicators of `year`'s scheme (考核方案), in order. A year whose scheme has no rows of its own
     * is scored by the default catalog: every catalog indicator with its default target and points.
     */
    async indicatorsForYear(year: number): Promise<SchemeIndicator[]> {
      const rows = await db
        .select({ s: schemeIndicators, kind: indicators.kind })
        .from(schemeIndicators)
        .innerJoin(indicators, eq(indicators.code, schemeIndicators.indicatorCode))
        .where(eq(schemeIndicators.year, year))
        .orderBy(asc(schemeIndicators.sortOrder))
      if (rows.length) return rows.map(({ s, kind }) => yearIndicator(s.indicatorCode, kind, s))
      // Codes an office added belong to the schemes that name them, not to the default catalog of other years.
      return (await db
        .select()
        .from(indicators)
        .orderBy(asc(indicators.sortOrder)))
        .filter((i) => CATALOG_BY_CODE.has(i.code))
        .map((i) => yearIndicator(i.code, i.kind, { ...i, target: i.defaultTarget, weight: i.defaultWeight, appliesTo: null, rule: ATTAINMENT_JSON }))
    },

    /** `year`'s scheme settings: grades, 优秀 quota, bonus cap, late deduction, categories; the defaults for a year without a scheme row. */
    async settingsForYear(year: number): Promise<YearSettings> {
      const row = (await db.select().from(schemes).where(eq(schemes.year, year)).limit(1))[0]
      if (!row)
        return { ...DEFAULT_SETTINGS, grades: [...DEFAULT_SETTINGS.grades], categories: CATEGORIES.map((c) => ({ code: c.code, name: c.name })), codeMap: [], configured: false, frozen: false, version: 0 }
      return {
        grades: JSON.parse(row.grades) as GradeThreshold[],
        excellentQuota: row.excellentQuota,
        bonusCap: row.bonusCap,
        lateDeduction: row.lateDeduction,
        categories: JSON.parse(row.categories) as YearSettings['categories'],
        codeMap: JSON.parse(row.codeMap) as YearSettings['codeMap'],
        configured: true,
        frozen: row.frozen,
        version: row.version,
      }
    },
  }
}
export type CatalogRepository = ReturnType<typeof catalogRepository>
