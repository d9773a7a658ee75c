import { EXPORT_FILES, exportFileName, exportRoute } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

describe('export registry', () => {
  it('serves the summary workbook as Excel and each table as Excel or CSV, at stable routes', () => {
    expect(EXPORT_FILES.map(({ kind, format }) => exportRoute(kind, format))).toEqual([
      '/exports/summary.xlsx',
      '/exports/ranking.xlsx',
      '/exports/ranking.csv',
      '/exports/rectifications.xlsx',
      '/exports/rectifications.csv',
      '/exports/reporting.xlsx',
      '/exports/reporting.csv',
      '/exports/chase.xlsx',
      '/exports/chase.csv',
    ])
  })

  it('names files after the table and the year', () => {
    expect(exportFileName('summary', 'xlsx', 2025)).toBe('2025年度法治政府建设情况汇总表.xlsx')
    expect(exportFileName('rectifications', 'csv', 2025)).toBe('2025年度整改台账.csv')
    expect(exportFileName('chase', 'xlsx', 2025)).toBe('2025年度催报记录.xlsx')
  })
})
