import { describe, expect, it } from 'vitest'
import { fileNameFromDisposition } from '../../../client/src/features/exports/fileName'

describe('export file names from Content-Disposition', () => {
  it('decodes the UTF-8 name the server sends next to its ASCII stand-in', () => {
    const name = '2025年度法治政府建设情况汇总表.xlsx'
    const header = `attachment; filename="2025____________.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`
    expect(fileNameFromDisposition(header)).toBe(name)
  })

  it('reads the extended name wherever it stands and whatever the case of its charset', () => {
    expect(fileNameFromDisposition(`attachment; filename*=utf-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97.csv; filename="audit.csv"`)).toBe('审计日志.csv')
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8'zh-CN'%E6%8E%92%E5%90%8D.csv`)).toBe('排名.csv')
  })

  it('falls back to the plain name, quoted or not', () => {
    expect(fileNameFromDisposition('attachment; filename="report 2025.xlsx"')).toBe('report 2025.xlsx')
    expect(fileNameFromDisposition('attachment; filename=ranking.csv')).toBe('ranking.csv')
    expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E0%A4%A; filename="broken.csv"`)).toBe('broken.csv')
  })

  it('gives null when the header names no file', () => {
    expect(fileNameFromDisposition(null)).toBeNull()
    expect(fileNameFromDisposition('inline')).toBeNull()
    expect(fileNameFromDisposition('attachment; filename=""')).toBeNull()
  })
})
