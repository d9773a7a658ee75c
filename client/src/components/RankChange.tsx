import { COLORS } from '../lib/colors'

/** Places gained (▲, green) or lost (▼, red) since last year; — when unchanged or unranked a year. */
export function RankChange({ change }: { change: number | null }) {
  if (change === null || change === 0) {
    return (
      <span style={{ color: COLORS.muted }} title={change === null ? '上年度未排名' : '名次不变'}>
        —
      </span>
    )
  }
  const up = change > 0
  return (
    <span
      style={{ color: up ? COLORS.good : COLORS.bad, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
      title={up ? `比上年上升 ${change} 名` : `比上年下降 ${-change} 名`}
    >
      {up ? '▲' : '▼'} {Math.abs(change)}
    </span>
  )
}
