/** Whether a bureau exists in a year (it reports for that year): from its first year to its last, if any. */
export const existsIn = (bureau: { activeFrom: number; activeUntil: number | null }, year: number) =>
  bureau.activeFrom <= year && (bureau.activeUntil === null || year <= bureau.activeUntil)

/**
 * Whether a bureau's accounts may still work at `year` (China time): until the year after its last, when
 * its last year's report is due.
 */
export const stillReports = (bureau: { activeUntil: number | null }, year: number) => bureau.activeUntil === null || bureau.activeUntil >= year - 1
