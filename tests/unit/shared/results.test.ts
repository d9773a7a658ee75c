import { type Ranking, resultChanges } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

const row = (bureauId: number, rank: number, score: number): Ranking['rows'][number] => ({
  rank,
  previousRank: null,
  rankChange: null,
  bureauId,
  code: `b${bureauId}`,
  name: `单位${bureauId}`,
  shortName: `单位${bureauId}`,
  type: '局',
  score,
  completion: 1,
  onTime: true,
  categories: {},
})
const ranking = (rows: Ranking['rows']): Ranking => ({ year: 2025, rows, unreported: [] })

describe('resultChanges', () => {
  it('has nothing to compare for the first version', () => {
    expect(resultChanges(null, ranking([row(1, 1, 90)]))).toEqual({ ranksMoved: [], scoresChanged: [], added: [], removed: [] })
  })

  it('lists ranks moved, scores changed, bureaus added and removed', () => {
    const before = ranking([row(1, 1, 90), row(2, 2, 80), row(3, 3, 70)])
    const after = ranking([row(4, 1, 95), row(1, 2, 90), row(2, 3, 75)])
    expect(resultChanges(before, after)).toEqual({
      ranksMoved: [
        { bureauId: 1, name: '单位1', from: 1, to: 2 },
        { bureauId: 2, name: '单位2', from: 2, to: 3 },
      ],
      scoresChanged: [{ bureauId: 2, name: '单位2', from: 80, to: 75 }],
      added: [{ bureauId: 4, name: '单位4', rank: 1, score: 95 }],
      removed: [{ bureauId: 3, name: '单位3', rank: 3 }],
    })
  })

  it('records no change between equal rankings', () => {
    const same = ranking([row(1, 1, 90), row(2, 2, 80)])
    expect(resultChanges(same, same)).toEqual({ ranksMoved: [], scoresChanged: [], added: [], removed: [] })
  })
})
