// China keeps UTC+8 all year (no daylight saving time), so a fixed offset converts exactly and
// gives the same result on a server or browser in any time zone.
const CHINA_OFFSET_MS = 8 * 3_600_000
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/

/** The instant's China wall-clock time as an ISO string without a zone: 2026-03-01T17:15:30.000 */
const chinaWallClock = (at: Date | string) => new Date(new Date(at).getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 23)

/** The instant at a China wall-clock time (HH:mm:ss[.sss]) on a calendar date (YYYY-MM-DD). */
export const chinaInstant = (date: string, time: string) => new Date(`${date}T${time}+08:00`)

/** The instant a China calendar day begins. */
export const startOfChinaDay = (date: string) => chinaInstant(date, '00:00:00')

/** The last millisecond of a China calendar day. */
export const endOfChinaDay = (date: string) => chinaInstant(date, '23:59:59.999')

/** A calendar date (YYYY-MM-DD) as is, or an instant as its China calendar date. */
export const chinaDate = (at: Date | string) => (typeof at === 'string' && CALENDAR_DATE.test(at) ? at : chinaWallClock(at).slice(0, 10))

/** An instant as China time to the minute: 2026-03-01 17:15 */
export const chinaDateTime = (at: Date | string) => chinaWallClock(at).slice(0, 16).replace('T', ' ')

/** An instant as China time to the second: 2026-03-01 17:15:30 */
export const chinaDateTimeSeconds = (at: Date | string) => chinaWallClock(at).slice(0, 19).replace('T', ' ')
/** The calendar year at `at` in China. */
export const chinaYear = (at: Date | string) => Number(chinaDate(at).slice(0, 4))
