import { rankChangeLabel } from '@fazhi/shared'
import { COLORS } from '../lib/colors'

/** Places gained (▲, green) or lost (▼, red) since last year, 持平, 上年未排名 or 未排名: the words of `rankChangeLabel`. */
export function RankChange({ rank, change }: { rank: number | null; change: number | null }) {
  const text = rankChangeLabel(rank, change)
  if (rank === null || change === null || change === 0) {
    return (
      <span style={{ color: COLORS.muted, whiteSpace: 'nowrap' }} title={rank === null ? '本年度未排名' : change === null ? '上年度未排名，无从比较' : '名次与上年相同'}>
        {text}
      </span>
    )
  }
  const up = change > 0
  return (
    <span
      style={{ color: up ? COLORS.good : COLORS.bad, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
      title={up ? `比上年上升 ${change} 名` : `比上年下降 ${-change} 名`}
    >
      {text}
    </span>
  )
}
