import { ATTAINMENT, CATALOG, CATEGORIES, CATEGORY_NAMES, describeRule, type Indicator, type RectificationSummary, type Summary, type SummaryBureau } from '@fazhi/shared'

const noItems: RectificationSummary = { total: 0, notStarted: 0, inProgress: 0, pending: 0, done: 0, overdue: 0, completionRate: null }

const allCategories = (value: number | null) => Object.fromEntries(CATEGORIES.map((c) => [c.code, value]))

/** A bureau row as /api/dashboard/summary returns it; reported and ranked unless overridden. */
export function bureau(overrides: Partial<SummaryBureau> & Pick<SummaryBureau, 'bureauId' | 'code'>): SummaryBureau {
  return {
    name: `示例县${overrides.code}局`,
    shortName: `${overrides.code}局`,
    type: `${overrides.code}局`,
    status: 'approved',
    submittedAt: '2026-02-10T02:00:00.000Z',
    firstSubmittedAt: '2026-02-10T02:00:00.000Z',
    onTime: true,
    daysOverdue: 0,
    score: 80,
    completion: 0.5,
    fillRate: 1,
    rank: 1,
    rankChange: null,
    categories: allCategories(0.8),
    rectification: noItems,
    ...overrides,
  }
}

export const unreported = (bureauId: number, code: string, status: SummaryBureau['status'] = 'missing'): SummaryBureau =>
  bureau({
    bureauId,
    code,
    status,
    submittedAt: null,
    firstSubmittedAt: null,
    onTime: null,
    daysOverdue: 30,
    score: status === 'missing' ? null : 55,
    completion: status === 'missing' ? null : 0.2,
    fillRate: status === 'missing' ? null : 0.6,
    rank: null,
    // A draft has figures of its own; they must still not show as reported.
    categories: allCategories(status === 'missing' ? null : 0.5),
  })

export function summary(bureaus: SummaryBureau[], overrides: Partial<Summary> = {}): Summary {
  return {
    year: 2025,
    dueDate: '2026-03-01',
    expected: bureaus.length,
    reported: bureaus.filter((b) => b.status === 'submitted' || b.status === 'approved').length,
    onTime: bureaus.filter((b) => b.onTime).length,
    reportingRate: 0.8214,
    onTimeRate: 0.7143,
    averageScore: 85.48,
    rectification: { total: 39, notStarted: 0, inProgress: 0, pending: 0, done: 26, overdue: 13, completionRate: 0.6667 },
    categories: CATEGORIES.map((c) => ({ code: c.code, name: c.name, averageAttainment: 0.8 })),
    bureaus,
    ...overrides,
  }
}

/** Three ranked bureaus (one without enforcement powers), a missing one and a draft. */
export function sampleSummary(): Summary {
  return summary([
    bureau({ bureauId: 1, code: 'a', score: 70.04, rank: 3, rankChange: 2 }),
    bureau({ bureauId: 2, code: 'b', score: 95.44, rank: 1, categories: { ...allCategories(1), enforcement: null } }),
    unreported(3, 'c'),
    bureau({
      bureauId: 4,
      code: 'd',
      score: 88.1,
      rank: 2,
      onTime: false,
      daysOverdue: 14,
      rectification: { total: 3, notStarted: 1, inProgress: 0, pending: 0, done: 1, overdue: 1, completionRate: 0.3333 },
    }),
    unreported(5, 'e', 'draft'),
  ])
}

/** The default catalog as GET /api/indicators answers it for a year without overrides. */
export const CATALOG_INDICATORS: Indicator[] = CATALOG.map((c) => ({
  code: c.code,
  category: c.category,
  categoryName: CATEGORY_NAMES[c.category],
  name: c.name,
  unit: c.unit,
  kind: c.kind,
  derivedAs: c.derivedAs ?? null,
  direction: c.direction,
  target: c.defaultTarget,
  weight: c.defaultWeight,
  enforcementOnly: c.enforcementOnly,
  appliesTo: null,
  rule: ATTAINMENT,
  ruleText: describeRule({ ...c, target: c.defaultTarget, rule: ATTAINMENT }),
  plausibleMin: c.plausibleMin,
  plausibleMax: c.plausibleMax,
  yoyMinChange: c.yoyMinChange,
  evidenceRequired: false,
}))
