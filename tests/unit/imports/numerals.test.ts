import { describe, expect, it } from 'vitest'
import { parseChineseNumber, parseNumber } from '../../../server/src/features/imports/numerals'

describe('parseChineseNumber', () => {
  it.each([
    ['一', 1],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十四', 24],
    ['一百', 100],
    ['一百二十', 120],
    ['二百三十', 230],
    ['一千二百', 1200],
    ['一千零五', 1005],
    ['两千', 2000],
    ['三万', 30_000],
    ['一万零五百', 10_500],
    ['十万', 100_000],
    ['二〇二三', 2023],
    ['二零二四', 2024],
  ])('%s = %d', (s, n) => {
    expect(parseChineseNumber(s)).toBe(n)
  })

  it.each(['', '百', '千', '十十', '一二十', '二十百', '万', '两两', '余'])('rejects %j', (s) => {
    expect(parseChineseNumber(s)).toBeNull()
  })
})

describe('parseNumber', () => {
  it('reads Arabic, full-width, grouped and decimal numbers', () => {
    expect(parseNumber('24')).toBe(24)
    expect(parseNumber('２４')).toBe(24)
    expect(parseNumber('1,200')).toBe(1200)
    expect(parseNumber('98.5')).toBe(98.5)
    expect(parseNumber('９８．５')).toBe(98.5)
  })

  it('falls back to Chinese numerals', () => {
    expect(parseNumber('一百二十')).toBe(120)
  })
})
