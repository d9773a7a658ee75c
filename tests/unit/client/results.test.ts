import type { ResultVersion } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { chooseVersion, LIVE } from '../../../client/src/features/results/view'

const version = (n: number): ResultVersion => ({
  version: n,
  title: `第${n}版`,
  publishedAt: `2026-03-0${n}T02:00:00.000Z`,
  publishedBy: '县委依法治县办',
  changes: { ranksMoved: [], scoresChanged: [], added: [], removed: [] },
})

describe('chooseVersion', () => {
  const versions = [version(1), version(2), version(3)]

  it('defaults to the newest published version', () => {
    expect(chooseVersion(null, versions)?.version).toBe(3)
  })

  it('keeps the version the URL names, and live when asked', () => {
    expect(chooseVersion('1', versions)?.version).toBe(1)
    expect(chooseVersion(LIVE, versions)).toBeUndefined()
  })

  it('falls back to the newest for a version the year does not have, and to live before any publication', () => {
    expect(chooseVersion('9', versions)?.version).toBe(3)
    expect(chooseVersion(null, [])).toBeUndefined()
  })
})
