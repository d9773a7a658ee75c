// How a rank and its change read, the same on every page and in every export.

/** 3, or 3（并列） when another bureau holds the same rank. */
export const rankLabel = (rank: number, tied?: boolean) => (tied ? `${rank}（并列）` : `${rank}`)

/** The change from last year's rank, in words: ▲ 2, ▼ 1, 持平, 上年未排名 (ranked this year only) or 未排名. */
export function rankChangeLabel(rank: number | null, change: number | null): string {
  if (rank === null) return '未排名'
  if (change === null) return '上年未排名'
  if (change === 0) return '持平'
  return change > 0 ? `▲ ${change}` : `▼ ${-change}`
}
