import { LEDGERS, type CommentTarget } from '@fazhi/shared'

/** What a comment is about, in words: the indicator's name, the ledger's entry, the file (by name where known), or the report. */
export function targetLabel(target: CommentTarget, indicatorNames: ReadonlyMap<string, string>, fileNames: ReadonlyMap<number, string>): string {
  if (target.indicator !== null) return `指标「${indicatorNames.get(target.indicator) ?? target.indicator}」`
  if (target.ledgerType !== null) return `${LEDGERS[target.ledgerType].label}中的一条${LEDGERS[target.ledgerType].entry}`
  if (target.fileId !== null) return fileNames.has(target.fileId) ? `佐证材料「${fileNames.get(target.fileId)}」` : '佐证材料'
  return '整份报告'
}
