import type { SectionKey } from './section-rules'
import { readStructure, type ExtractedProblem } from './structure'
import { findValues, type ExtractedValue, type UnresolvedValue } from './values'

export type { ExtractedProblem, ExtractedValue, UnresolvedValue }

export interface Extraction {
  year: number | null
  bureau: string | null
  /** The county or district the report names as its own (西峡县), to compare with the bureau's region. */
  county: string | null
  sections: Record<SectionKey, boolean>
  values: ExtractedValue[]
  /** Sentences with a number whose readings compete: shown as 需人工确认, nothing proposed. */
  unresolved: UnresolvedValue[]
  problems: ExtractedProblem[]
}

/** What one annual report states: its year and bureau, which contents it covers, its values and its problems. */
export function extractReport(text: string): Extraction {
  const { year, bureau, county, leads, paragraphs, sections, spans, problems } = readStructure(text)
  // Plans are intentions and shortcomings are not results: neither gives a value of the year.
  const { values, unresolved } = findValues(text, { leads, paragraphs }, [...spans.nextYearPlan, ...spans.shortcomings], year)
  return { year, bureau, county, sections, values, unresolved, problems }
}
