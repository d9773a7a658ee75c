import { isReported, summaryStatusOf } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

describe('submission status', () => {
  it('reports a bureau without a submission as missing', () => {
    expect(summaryStatusOf(null)).toBe('missing')
    expect(summaryStatusOf(undefined)).toBe('missing')
    expect(summaryStatusOf('returned')).toBe('returned')
  })

  it('counts submitted and approved reports only, whether given a row status or an API status', () => {
    expect(isReported('submitted')).toBe(true)
    expect(isReported('approved')).toBe(true)
    expect(isReported('draft')).toBe(false)
    expect(isReported('returned')).toBe(false)
    expect(isReported('missing')).toBe(false)
    expect(isReported(null)).toBe(false)
  })
})
