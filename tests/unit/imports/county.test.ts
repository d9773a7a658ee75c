import { describe, expect, it } from 'vitest'
import { sameCounty } from '../../../server/src/features/imports/county'

describe('sameCounty', () => {
  it('tells two counties apart', () => {
    expect(sameCounty('清河县', ['示例县'])).toBe(false)
    expect(sameCounty('东区', ['河东区'])).toBe(false)
    expect(sameCounty('临江市', ['示例县', '远山市'])).toBe(false)
  })

  it('takes the same place with or without its city or level word', () => {
    expect(sameCounty('示例县', ['示例县'])).toBe(true)
    expect(sameCounty('远山市示例县', ['示例县'])).toBe(true)
    expect(sameCounty('示例县', ['远山市示例县'])).toBe(true)
    expect(sameCounty('示例', ['示例县'])).toBe(true)
    expect(sameCounty('某某自治县', ['某某县'])).toBe(true)
  })

  it('takes a region above the bureau’s (a report naming only its city)', () => {
    expect(sameCounty('远山市', ['示例县', '远山市'])).toBe(true)
  })
})
