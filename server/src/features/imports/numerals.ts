const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
}
const MULTIPLIERS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }

/** Arabic digits (half or full width, optional thousands separators or decimals) or Chinese numerals. */
export const NUMBER_PATTERN =
  '[0-9０-９]{1,3}(?:,[0-9０-９]{3})+|[0-9０-９]+(?:[.．][0-9０-９]+)?|[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*'

/**
 * Parses Chinese numerals: 十二, 两, 二十, 一百二十, 一千零五, 三万, and digit-by-digit forms
 * such as 二〇二三. Returns null for strings that are not a well-formed number.
 */
export function parseChineseNumber(s: string): number | null {
  const chars = [...s]
  if (chars.length === 0 || !chars.every((c) => c in DIGITS || c in MULTIPLIERS || c === '万')) return null
  if (!chars.some((c) => c in MULTIPLIERS || c === '万')) {
    return chars.length === 1 || !chars.includes('两') ? Number(chars.map((c) => DIGITS[c]).join('')) : null
  }

  let total = 0
  let section = 0
  let digit: number | null = null
  let lastMultiplier = Infinity
  for (const c of chars) {
    if (c === '零' || c === '〇') {
      if (digit !== null) return null
    } else if (c in DIGITS) {
      if (digit !== null) return null
      digit = DIGITS[c]
    } else if (c === '万') {
      if (total > 0 || section + (digit ?? 0) === 0) return null
      total = (section + (digit ?? 0)) * 10_000
      section = 0
      digit = null
      lastMultiplier = Infinity
    } else {
      const m = MULTIPLIERS[c]
      if (m >= lastMultiplier) return null
      // A leading 十 stands for 一十; 百 and 千 need their digit.
      if (digit === null && !(m === 10 && section === 0)) return null
      section += (digit ?? 1) * m
      digit = null
      lastMultiplier = m
    }
  }
  return total + section + (digit ?? 0)
}

/** Parses a string matched by NUMBER_PATTERN. */
export function parseNumber(s: string): number | null {
  if (/^[0-9０-９,.．]+$/.test(s)) {
    const ascii = s.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replaceAll(',', '')
    const n = Number(ascii)
    return Number.isFinite(n) ? n : null
  }
  return parseChineseNumber(s)
}
