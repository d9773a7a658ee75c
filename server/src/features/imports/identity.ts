import { parseChineseNumber, parseNumber } from './numerals'
import { hasAny } from './matching'
import { PLAN_WORDS } from './rules'
import { SECTION_RULES } from './section-rules'

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
  /** The organ signed on the date's own line, if any. */
  signer: { start: number; end: number } | null
}

/** The parts of the text the identity is read from, as offsets. */
export interface IdentityParts {
  titleEnd: number
  /** The report's top-level headings, in order: "二、2024年法治政府建设的主要举措和成效". */
  topHeadings: { start: number; end: number }[]
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
const YEAR_DIGITS = `[0-9０-９]{4}|${CN_DIGIT}{4}`
/** A year, not the end of a range ("2021—2025年") nor a longer number. */
const YEAR_TOKEN = new RegExp(`(?<![0-9０-９—–\\-~～至到])(${YEAR_DIGITS})\\s*年(以来)?`, 'g')
const SINCE_PREFIX = /[自从]$/
const CN_MONTH = '[0-9]{1,2}|十[一二]?|[一二三四五六七八九]'
const CN_DAY = '[0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]'
/** A line holding only a date, perhaps after the signing organ: "石桥区林业局  2024年1月5日", "2024.1.5". */
const DATE_LINE = new RegExp(
  `^(?<signer>[^\\s。，；：:0-9]{2,30}\\s+)?[（(]?\\s*(?<year>${YEAR_DIGITS})\\s*` +
    `(?:年\\s*(?<month>${CN_MONTH})\\s*月(?:\\s*(?:${CN_DAY})\\s*日)?|[-./](?<numericMonth>[0-9]{1,2})[-./][0-9]{1,2})\\s*[）)]?$`,
)
/** A year followed by its month in the title is the date it was written: "（2024年1月5日）". */
const MONTH_AFTER = new RegExp(`^\\s*(${CN_MONTH})\\s*月`)

/** Book titles and quotations: years and names inside them are not the report's. */
const QUOTED = /《[^《》\n]{0,80}》|“[^“”\n]{0,60}”/g

const CN = '[\\u4e00-\\u9fa5]'
/** Where a name may begin: the line's start, punctuation, 中共/关于/现将 or a year before it. */
const NAME_START = '(?<=^|[\\s，,。、：:；;“（(《]|中共|关于|现将|年度?)'
/** Higher-level places before the county (河南省, 南阳市, 阿勒泰地区) are dropped. */
const HIGHER_PLACES = `(?:${CN}{2,8}?(?:省|自治区|地区|市|州|盟)){0,2}`
/** A name never starts with a verb or an adverb: "认真落实市委…" is a phrase. */
const VERB_START =
  '认真|落实|贯彻|坚持|全面|深入|加强|推进|推动|持续|积极|切实|严格|不断|进一步|围绕|紧紧|扎实|着力|大力|努力|始终|高度|牢固|强化|完善|健全|聚焦'
const NOT_A_NAME = `(?!${VERB_START})`
/** Words that start a phrase, not a place name; "市市场监管局" is the city's 市场监管局, not a place 市市. */
const NOT_A_PLACE = `(?![县区旗度我本各在]|市[县区旗市]|中共|关于|现将|根据|按照|今年|全年|全县|全区|全市|${VERB_START})`
/** A character of a place name: not a particle nor part of an organ ("区政府的领导和区…"). */
const PLACE_CHAR = `(?:(?![的为了等是府委局在对及与])${CN})`
/** A character of an organ's name: not a particle ("区政府的领导和区委…"). */
const ORGAN_CHAR = `(?:(?![的为了等是在对])${CN})`
/** 中心 after the leadership is its 中心工作 or 中心组 ("围绕县委、县政府中心工作"), not an organ's end. */
const BUREAU_END = '(?:局|委员会|管委会|委(?!员会)|办公室|(?<!政府|委)中心|站|大队|支队)'
/**
 * A bureau name: place + 县/区/旗/市 + organ (局, 委员会, 委, 办公室, 中心, 站, 大队 …).
 * 中共/关于/年度 in front and 党组 behind are not part of the name.
 */
const BUREAU = new RegExp(
  `${NAME_START}${NOT_A_NAME}${HIGHER_PLACES}${NOT_A_PLACE}(?<place>${PLACE_CHAR}{1,10}?(?:县|区|旗|市)(?<!自治区|地区))(?<organ>${ORGAN_CHAR}{1,14}?${BUREAU_END})`,
  'gm',
)
/** A bureau named without its place, as its own staff call it: "县司法局", "区城市管理局", "市市场监管局". */
const SHORT_NAME = new RegExp(`${NAME_START}(?<level>[县区旗]|市(?![场民]))(?<organ>${ORGAN_CHAR}{1,14}?${BUREAU_END})`, 'gm')
/**
 * A title naming the bureau by its organ alone, first or after the year: "2023年度水务局法治政府建设
 * 工作报告", "中共水务局党组关于…". Only a 局 or a 委员会, followed by the title's own words.
 */
const TITLE_ORGAN = new RegExp(
  `(?<=^|\\s|年度?|中共)${NOT_A_NAME}(?<organ>(?![我本该各全局党分总县区旗度]|市(?!场))${ORGAN_CHAR}{2,12}?(?:局|委员会))(?=\\s|党组|关于|法治|${YEAR_DIGITS})`,
  'm',
)
/** An organ holding a level's leadership further on ("…部署和县委", "…和区政府") is a phrase naming two organs. */
const TWO_ORGANS = /.[县区旗市](?:委|人民政府|政府)/
/**
 * A bureau named by its organ alone as the subject of the opening, after the leadership it works
 * under: "在市委、市政府的领导下，农业农村局认真…". The level is the leadership's.
 */
const BARE_NAME = new RegExp(
  `在(?<level>[县区旗市])委[^。；;]{0,30}?领导[^，,。；;]{0,20}[，,]${NOT_A_NAME}(?<organ>(?![我本该各全局党分总县区旗市])${ORGAN_CHAR}{2,12}?(?<![大格布全开结变新])局)`,
  'm',
)
/**
 * A county-level place: 某某县, 某某区, 某某旗, or a city of two to four characters, not a word
 * ending in 市 (城市, 超市) nor one starting with it (市场, 市民).
 */
const COUNTY_PLACE = `${NOT_A_PLACE}(?:${PLACE_CHAR}{1,10}?[县区旗]|${PLACE_CHAR}{2,4}?(?<![城都超])市(?![场民]))`
/** A place opening a quoted document's title: 《某某县2022年…》. */
const DOCUMENT_PLACE = new RegExp(`《${HIGHER_PLACES}(${COUNTY_PLACE})`, 'g')
/** The place an addressee line names as the report's: "某某市委、某某市人民政府：". */
const ADDRESSEE_PLACE = new RegExp(`(?<=^|[、，,]|中共)(${COUNTY_PLACE})(?=委|人民政府|政府)`, 'gm')
/**
 * Organs of the county itself, not a bureau: 依法治县委员会, 人大常委会, 政协, 纪委; and meetings,
 * never an organ: "六届二次全会", "会议".
 */
const NOT_A_BUREAU = /依法治|常务委员会|政治协商|纪律检查|人民代表|全会|会议|[0-9一二三四五六七八九十]届|[0-9一二三四五六七八九十]次/
/** A county named as the seat of its leadership: "在西峡县委、县政府的领导下". */
const COUNTY_LEADERSHIP = new RegExp(
  `(?<=^|[\\s，,。、：:；;“（(《在])${HIGHER_PLACES}${NOT_A_PLACE}(${PLACE_CHAR}{1,10}?(?:县|区|旗))(?=委|人民政府|政府)`,
  'm',
)
/** A document the bureau issued, quoted in the text: 《某某县卫生健康委员会关于…》, 《某某区统计局2022年…计划》. */
const DOCUMENT_TITLE = /《([^《》\n]{2,80})》/g
const YEAR_PREFIX = new RegExp(`^(?:${YEAR_DIGITS})年度?`)

function outsideQuotes(text: string, re: RegExp): RegExpExecArray[] {
  const quoted = [...text.matchAll(QUOTED)]
  // Both in order and the quotes apart: one walk through each.
  let q = 0
  return [...text.matchAll(re)].filter((m) => {
    while (q < quoted.length && quoted[q].index + quoted[q][0].length <= m.index) q++
    return !(q < quoted.length && quoted[q].index <= m.index)
  })
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
export function yearOfDateLine(date: { year: number; month: number }): number | null {
  if (date.month <= 6) return date.year - 1
  if (date.month >= 11) return date.year
  return null
}

export function findDateLine(text: string, lines: { start: number; end: number }[]): DateLine | null {
  // The date stands near the end, before perhaps a distribution note (抄送, 印发).
  for (const line of lines.slice(-6).reverse()) {
    const m = DATE_LINE.exec(text.slice(line.start, line.end))
    if (!m) continue
    const g = m.groups!
    const date = dateOf(g.year, g.month ?? g.numericMonth)
    if (!date) continue
    const signer = g.signer ? { start: line.start, end: line.start + g.signer.trimEnd().length } : null
    return { ...line, ...date, signer }
  }
  return null
}

function dateOf(rawYear: string, rawMonth: string): { year: number; month: number } | null {
  const year = validYear(rawYear)
  const month = /^[0-9]+$/.test(rawMonth) ? Number(rawMonth) : parseChineseNumber(rawMonth)
  return year !== null && month !== null && month >= 1 && month <= 12 ? { year, month } : null
}

function yearOf(text: string, parts: IdentityParts): number | null {
  const titleText = text.slice(0, parts.titleEnd)
  const titleTokens = outsideQuotes(titleText, YEAR_TOKEN).filter((m) => validYear(m[1]) !== null)
  const monthAfter = (m: RegExpExecArray) => MONTH_AFTER.exec(titleText.slice(m.index + m[0].length))?.[1]
  const title = titleTokens.find((m) => monthAfter(m) === undefined)
  if (title) return validYear(title[1])
  // A title carrying only its writing date ("（2024年1月5日）") is read like a date line.
  const titleDate = titleTokens[0] ? dateOf(titleTokens[0][1], monthAfter(titleTokens[0])!) : null
  if (titleDate) return yearOfDateLine(titleDate)
  const opening = text.slice(parts.opening.start, parts.opening.end)
  const tokens = outsideQuotes(opening, YEAR_TOKEN).filter((m) => !SINCE_PREFIX.test(opening.slice(0, m.index)))
  // "2023年，…" or "2023年度…" states the year; "2023年以来" only when nothing else does.
  const stated = tokens.find((m) => !m[2] && validYear(m[1]) !== null)
  if (stated) return validYear(stated[1])
  // A title and an opening without the year: a top-level heading of the year's work may hold it
  // ("二、2024年法治政府建设的主要举措和成效"), not one of the plans ("三、2025年工作打算").
  for (const h of parts.topHeadings) {
    const heading = text.slice(h.start, h.end)
    if (hasAny(heading, PLAN_HEADING)) continue
    const headed = outsideQuotes(heading, YEAR_TOKEN).find((m) => !m[2] && !SINCE_PREFIX.test(heading.slice(0, m.index)))
    if (headed && validYear(headed[1]) !== null) return validYear(headed[1])
  }
  const dated = parts.dateLine ? yearOfDateLine(parts.dateLine) : null
  if (dated !== null) return dated
  const since = tokens.find((m) => validYear(m[1]) !== null)
  return since ? validYear(since[1]) : yearOfStatements(text.slice(parts.titleEnd, parts.dateLine?.start))
}

/** A plan's heading or sentence: its year is the next one. */
const PLAN_HEADING = [...SECTION_RULES.nextYearPlan.cues, ...(SECTION_RULES.nextYearPlan.topLevelCues ?? []), '计划']
/** A year opening a sentence as the time of what was done: "。2022年动态调整…", "2022年，我局…". */
const YEAR_OPENING = new RegExp(`(?<=^|[。；;！!\\n])\\s*(${YEAR_DIGITS})\\s*年(?!以来|度?(?:工作)?(?:计划|打算|思路|安排))`, 'g')

/**
 * The last resort, when nothing else names the year: the year the body's sentences open with, when
 * they all name the same one and none of them is a plan.
 */
function yearOfStatements(body: string): number | null {
  const years = outsideQuotes(body, YEAR_OPENING).map((m) => {
    const sentence = body.slice(m.index, body.slice(m.index).search(SENTENCE_STOP) + m.index)
    return hasAny(sentence, PLAN_WORDS) ? null : validYear(m[1])
  })
  return years.length > 0 && years.every((y) => y !== null && y === years[0]) ? years[0] : null
}
const SENTENCE_STOP = /[。；;！!\n]|$/

interface BureauName {
  name: string
  county: string | null
}

/** "元谋县县卫生健康局": the level word written twice is one. */
const nameOf = (m: RegExpExecArray): BureauName => {
  const { place, organ } = m.groups!
  return { name: place + (organ.startsWith(place.at(-1)!) ? organ.slice(1) : organ), county: place }
}

/**
 * A county branch of a city's or a prefecture's bureau, named after it: 某某市生态环境局青禾分局,
 * 某某自治州生态环境局青禾分局. The county is
 * the branch's place (青禾), without its level word.
 */
const BRANCH = new RegExp(`${NAME_START}${NOT_A_PLACE}(?<city>${CN}{2,8}?(?:市|州|地区|盟))(?<organ>${ORGAN_CHAR}{1,14}?局)(?<place>${CN}{2,4}?)分局`, 'gm')

function branchesIn(text: string): BureauName[] {
  return outsideQuotes(text, BRANCH).map((m) => ({ name: m[0], county: m.groups!.place }))
}

/** 林草局 abbreviates 林业和草原局: every character of the short organ, in order, in the long one. */
function abbreviates(short: string, long: string): boolean {
  let i = 0
  for (const c of long) if (c === short[i]) i++
  return i === short.length
}

function bureausIn(text: string): BureauName[] {
  return outsideQuotes(text, BUREAU)
    .filter((m) => !TWO_ORGANS.test(m.groups!.organ))
    .map(nameOf)
    .filter((b) => !NOT_A_BUREAU.test(b.name))
}

/** The issuers of the documents the text quotes, most often quoted first. */
function documentIssuers(text: string): BureauName[] {
  const issuers: BureauName[] = []
  for (const m of text.matchAll(DOCUMENT_TITLE)) {
    // The issuer opens the title, perhaps after the year it is for: 《2024年度某某县…局学法计划》.
    const issuer = [...m[1].matchAll(BUREAU)].find((b) => b.index === (YEAR_PREFIX.exec(m[1])?.[0].length ?? 0))
    if (issuer && !NOT_A_BUREAU.test(issuer[0])) issuers.push(nameOf(issuer))
  }
  const firstByName = new Map<string, BureauName>()
  for (const b of issuers) if (!firstByName.has(b.name)) firstByName.set(b.name, b)
  return byFrequency(issuers.map((b) => b.name)).map((name) => firstByName.get(name)!)
}

const longest = (names: BureauName[]) => names.reduce<BureauName | null>((a, b) => (a && a.name.length >= b.name.length ? a : b), null)

function bureauOf(text: string, parts: IdentityParts): BureauName | null {
  const titleText = text.slice(0, parts.titleEnd)
  const openingText = text.slice(parts.opening.start, parts.opening.end)
  // The title's fullest name, unless the opening spells the same bureau out more fully.
  const title = [...bureausIn(titleText), ...branchesIn(titleText)]
  const opening = [...bureausIn(openingText), ...branchesIn(openingText)]
    // The first named; at one place, the longer reading (a branch over its city's bureau).
    .sort((a, b) => openingText.indexOf(a.name) - openingText.indexOf(b.name) || b.name.length - a.name.length)[0]
  // The opening names the same bureau when the title names none, or names it in its county by the same or a shorter name (林草局 for 林业和草原局).
  const sameBureau =
    opening && (title.length === 0 || title.some((t) => t.county === opening.county && abbreviates(t.name, opening.name)))
  const named = longest(sameBureau ? [...title, opening] : title)
  if (named) return named
  // Named only without its place ("现将县司法局…", "农业农村局认真…"): the full name is looked for elsewhere, for the same organ.
  const withLevel = shortNameIn(titleText) ?? shortNameIn(openingText)
  // A title's organ alone has no level; one after its leadership has the leadership's.
  const titleOrgan = withLevel ? undefined : TITLE_ORGAN.exec(titleText)?.groups
  const bare = BARE_NAME.exec(openingText)?.groups
  const short: { level?: string; organ: string } | undefined =
    withLevel ?? (titleOrgan ? { organ: titleOrgan.organ } : bare && { level: bare.level, organ: bare.organ })
  // The same organ, perhaps by its full name: 县应急局 for 某某县应急管理局.
  const sameOrgan = (b: BureauName) =>
    short === undefined ||
    (b.county !== null && b.county.endsWith(short.level ?? b.county.at(-1)!) && abbreviates(short.organ, b.name.slice(b.county.length)))
  const signature = parts.signature ? bureausIn(text.slice(parts.signature.start, parts.signature.end)).filter(sameOrgan) : []
  // Else named only as the issuer of its own documents: 《某某县卫生健康委员会关于…》.
  const found = longest(signature) ?? documentIssuers(text).find(sameOrgan)
  if (found || !short) return found ?? null
  // The title's organ alone is the name the text gives: no place is guessed for a level it does not write.
  if (short.level === undefined) return { name: short.organ, county: null }
  const level = short.level
  // "县司法局" in a report addressed to its county (某某县委、某某县人民政府：) or quoting its
  // county's documents (《某某县…》) is that county's.
  const ofLevel = (places: string[]) => places.filter((p) => p.endsWith(level))
  const addressee = text.slice(parts.titleEnd, parts.opening.start)
  const place =
    byFrequency(ofLevel([...addressee.matchAll(ADDRESSEE_PLACE)].map((m) => m[1])))[0] ??
    byFrequency(ofLevel([...text.matchAll(DOCUMENT_PLACE)].map((m) => m[1])))[0]
  if (place) return { name: place + short.organ, county: place }
  // An organ alone after its leadership ("农业农村局") is not given a level word the text does not write.
  return withLevel ? { name: level + short.organ, county: null } : null
}

/** The first bureau named by its level word and organ ("县司法局"), not a phrase naming two organs. */
function shortNameIn(text: string): { level: string; organ: string } | undefined {
  const m = [...text.matchAll(SHORT_NAME)].find((n) => !TWO_ORGANS.test(n.groups!.organ))
  return m ? { level: m.groups!.level, organ: m.groups!.organ } : undefined
}

/** The distinct items, the most frequent first (ties in order of appearance). */
function byFrequency(items: string[]): string[] {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1]).map(([item]) => item)
}

export function readIdentity(text: string, parts: IdentityParts): Identity {
  const bureau = bureauOf(text, parts)
  const county = bureau?.county ?? COUNTY_LEADERSHIP.exec(text.slice(0, parts.opening.end))?.[1] ?? null
  return { year: yearOf(text, parts), bureau: bureau?.name ?? null, county }
}
