import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Annotation } from '../../server/src/features/imports/evaluate'

/**
 * An invented annual report (our own words, no corpus sentence) with the four usual contents and two
 * problems listed inline; `measures` are the sentences of its measures section.
 */
export function inventedReport(bureau: string, year: number, measures: string[]): string {
  return [
    `${bureau}${year}年法治政府建设工作报告`,
    '',
    `${year}年，${bureau}坚持依法行政，现将有关情况报告如下。`,
    '',
    '一、主要举措',
    ...measures,
    '',
    '二、存在的不足',
    '一是法治宣传形式较为单一；二是执法人员专业能力有待提升。',
    '',
    '三、主要负责人履职情况',
    '局主要负责人带头学法，亲自部署法治建设工作。',
    '',
    '四、下一步工作打算',
    '继续加强法治学习，提升依法行政水平。',
    '',
    bureau,
    `${year + 1}年1月10日`,
  ].join('\n')
}

/** The annotation an invented report deserves, with `values` and any field overridden. */
export function annotationOf(bureau: string, year: number, override: Partial<Annotation> = {}): Annotation {
  return {
    source: 'invented for a test',
    bureauType: '农业农村局',
    year,
    bureau,
    sections: { measures: true, shortcomings: true, dutyPerformance: true, nextYearPlan: true, other: false },
    problems: 2,
    values: {},
    ...override,
  }
}

/** Writes `<name>.txt` and `<name>.json` (an object, or raw text for malformed annotations) into dir. */
export function writeAnnotated(dir: string, name: string, text: string, annotation: Annotation | string): void {
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, `${name}.txt`), text)
  writeFileSync(path.join(dir, `${name}.json`), typeof annotation === 'string' ? annotation : JSON.stringify(annotation))
}
