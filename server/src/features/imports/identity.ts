import { parseChineseNumber, parseNumber } from './numerals'

/**
 * Who wrote the report and about which year: the bureau, its county or district, the reported year
 * and the date line (落款日期). Read from the title block first, then the opening paragraph, then
 * the signature and date at the end, then document titles quoted in the text.
 */

/** The 落款日期 at the end: "2024年2月20日", "二〇二四年一月". */
export interface DateLine {
  start: number
  end: number
  year: number
  month: number
}

/** The parts of the text the identity is read from, as offsets. */
export interface IdentityParts {
  titleEnd: number
  /** The first paragraph after the title block and the salutation (县委、县政府：). */
  opening: { start: number; end: number }
  /** The short lines just before the date line: the issuing organ's signature. */
  signature: { start: number; end: number } | null
  dateLine: DateLine | null
}

export interface Identity {
  year: number | null
  bureau: string | null
  /** The county or district the report names as its own (西峡县); null when it names none. */
  county: string | null
}

const CN_DIGIT = '[〇零一二三四五六七八九]'
const YEAR_DIGITS = `[0-9]{4}|${CN_DIGIT}{4}`
/** A year, not the end of a range ("2021—2025年") nor a longer number. */
const YEAR_TOKEN = new RegExp(`(?<![0-9—–\\-~～至到])(${YEAR_DIGITS})\\s*年(以来)?`, 'g')
const SINCE_PREFIX = /[自从]$/
const DATE_LINE = new RegExp(
  `^\\s*(${YEAR_DIGITS})\\s*年\\s*([0-9]{1,2}|十[一二]?|[一二三四五六七八九])\\s*月` +
    `(?:\\s*(?:[0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\\s*日)?\\s*$`,
)
/** Book titles and quotations: years and names inside them are not the report's. */
const QUOTED = /《[^《》\n]{0,80}》|“[^“”\n]{0,60}”/g

const CN = '[\\u4e00-\\u9fa5]'
/** Higher-level places before the county (河南省, 南阳市) are dropped. */
const HIGHER_PLACES = `(?:${CN}{2,4}?(?:省|自治区|市|州|盟)){0,2}`
/** Words that start a phrase, not a place name. */
const NOT_A_PLACE = '(?!度|中共|关于|现将|根据|按照|我|本|今年|全年|全县|全区|全市|各|在)'
const BUREAU_END = '(?:局|委员会|管委会|委(?!员会)|办公室|中心|站|大队|支队)'
/**
 * A bureau name: place + 县/区/旗/市 + organ (局, 委员会, 委, 办公室, 中心, 站, 大队 …).
 * 中共/关于/年度 in front and 党组 behind are not part of the name.
 */
const BUREAU = new RegExp(
  `(?<=^|[\\s，。、：:；“（(《]|中共|关于|年度?)${HIGHER_PLACES}${NOT_A_PLACE}` +
    `(?<place>${CN}{1,10}?(?:县|区|旗|市))(?<organ>${CN}{1,14}?${BUREAU_END})`,
  'gm',
)
/** Organs of the county itself, not a bureau: 依法治县委员会, 人大常委会, 政协, 纪委. */
const NOT_A_BUREAU = /依法治|常务委员会|政治协商|纪律检查|人民代表/
/** A county named as the seat of its leadership: "在西峡县委、县政府的领导下". */
const COUNTY_LEADERSHIP = new RegExp(
  `(?<=^|[\\s，。、：:；“（(《在])${HIGHER_PLACES}${NOT_A_PLACE}(${CN}{1,10}?(?:县|区|旗))(?=委|人民政府|政府)`,
  'm',
)
const DOCUMENT_TITLE = /《([^《》\n]{2,40}?)关于/g

function outsideQuotes(text: string, re: RegExp): RegExpExecArray[] {
  const quoted = [...text.matchAll(QUOTED)]
  return [...text.matchAll(re)].filter((m) => !quoted.some((q) => m.index >= q.index && m.index < q.index + q[0].length))
}

function validYear(raw: string): number | null {
  const y = parseNumber(raw)
  return y !== null && y >= 1990 && y <= 2100 ? y : null
}

/**
 * The reported year of a date line: a report dated in the first half of Y is about Y−1 (annual
 * reports are due in the first quarter); dated in November or December, about Y. From July to
 * October the date does not tell.
 */
export function yearOfDateLine(date: DateLine): number | null {
  if (date.month <= 6) return date.year - 1
  if (date.month >= 11) return date.year
  return null
}

export function findDateLine(text: string, lines: { start: number; end: number }[]): DateLine | null {
  // The date stands near the end, before perhaps a distribution note (抄送, 印发).
  for (const line of lines.slice(-6).reverse()) {
    const m = DATE_LINE.exec(text.slice(line.start, line.end))
    if (!m) continue
    const year = validYear(m[1])
    const month = /^[0-9]+$/.test(m[2]) ? Number(m[2]) : parseChineseNumber(m[2])
    if (year !== null && month !== null && month >= 1 && month <= 12) return { ...line, year, month }
  }
  return null
}

function yearOf(text: string, parts: IdentityParts): number | null {
  const title = outsideQuotes(text.slice(0, parts.titleEnd), YEAR_TOKEN).map((m) => validYear(m[1])).find((y) => y !== null)
  if (title) return title
  const opening = text.slice(parts.opening.start, parts.opening.end)
  const tokens = outsideQuotes(opening, YEAR_TOKEN).filter((m) => !SINCE_PREFIX.test(opening.slice(0, m.index)))
  // "2023年，…" or "2023年度…" states the year; "2023年以来" only when nothing else does.
  const stated = tokens.find((m) => !m[2] && validYear(m[1]) !== null)
  if (stated) return validYear(stated[1])
  const dated = parts.dateLine ? yearOfDateLine(parts.dateLine) : null
  if (dated !== null) return dated
  const since = tokens.find((m) => validYear(m[1]) !== null)
  return since ? validYear(since[1]) : null
}

interface BureauName {
  name: string
  county: string
}

function bureausIn(text: string): BureauName[] {
  return outsideQuotes(text, BUREAU)
    .map((m) => ({ name: m.groups!.place + m.groups!.organ, county: m.groups!.place }))
    .filter((b) => !NOT_A_BUREAU.test(b.name))
}

const longest = (names: BureauName[]) => names.reduce<BureauName | null>((a, b) => (a && a.name.length >= b.name.length ? a : b), null)

function bureauOf(text: string, parts: IdentityParts): BureauName | null {
  // The title's fullest name, unless the opening spells it out more fully (科技局 → 科学技术局).
  const title = bureausIn(text.slice(0, parts.titleEnd))
  const opening = bureausIn(text.slice(parts.opening.start, parts.opening.end))[0]
  const sameBureau = opening && (title.length === 0 || title.some((t) => t.county === opening.county))
  const named = longest(sameBureau ? [...title, opening] : title)
  if (named) return named
  const signature = parts.signature ? longest(bureausIn(text.slice(parts.signature.start, parts.signature.end))) : null
  if (signature) return signature
  // Named only as the issuer of a document: 《某某县卫生健康委员会关于…》.
  for (const m of text.matchAll(DOCUMENT_TITLE)) {
    const issuer = bureausIn(m[1])[0]
    if (issuer) return issuer
  }
  return null
}

export function readIdentity(text: string, parts: IdentityParts): Identity {
  const bureau = bureauOf(text, parts)
  const county =
    bureau?.county ??
    COUNTY_LEADERSHIP.exec(text.slice(0, parts.opening.end))?.[1] ??
    null
  return { year: yearOf(text, parts), bureau: bureau?.name ?? null, county }
}
