/** How itemised ledger (台账) entries roll up into indicator values. Shared by the seed and the API. */
export interface LedgerEntries {
  studySessions: readonly { form: string; participants: number }[]
  legalityReviews: readonly { kind: string }[]
  publicityEvents: readonly { audience: number; enterprisesCovered: number }[]
}

const COLLECTIVE_FORMS = new Set(['集体学法', '会前学法', '专题讲座'])
const TRAINING_FORMS = new Set(['培训', '考试'])
const REVIEW_KIND_INDICATOR: Record<string, string> = {
  规范性文件: 'review.normative_docs_reviewed',
  重大行政决策: 'review.major_decisions_reviewed',
  合同协议: 'review.contracts_reviewed',
  重大执法决定: 'enforcement.legal_reviews',
}

/** Indicator codes that a ledger can fill. */
export const LEDGER_INDICATORS = [
  'study.center_group_sessions',
  'study.collective_sessions',
  'study.training_person_times',
  ...Object.values(REVIEW_KIND_INDICATOR),
  'publicity.events',
  'publicity.people_reached',
] as const

export function rollupLedgers(entries: LedgerEntries): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(LEDGER_INDICATORS.map((c) => [c, 0]))
  for (const s of entries.studySessions) {
    if (s.form === '中心组学法') out['study.center_group_sessions']++
    else if (COLLECTIVE_FORMS.has(s.form)) out['study.collective_sessions']++
    if (TRAINING_FORMS.has(s.form)) out['study.training_person_times'] += s.participants
  }
  for (const r of entries.legalityReviews) {
    const code = REVIEW_KIND_INDICATOR[r.kind]
    if (code) out[code]++
  }
  for (const e of entries.publicityEvents) {
    out['publicity.events']++
    out['publicity.people_reached'] += e.audience + e.enterprisesCovered
  }
  return out
}
