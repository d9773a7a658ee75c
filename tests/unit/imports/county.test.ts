import { describe, expect, it } from 'vitest'
import { isOtherCounty } from '../../../server/src/features/imports/county'

describe('isOtherCounty', () => {
  it('tells two counties apart', () => {
    expect(isOtherCounty('清河县', ['示例县'])).toBe(true)
    expect(isOtherCounty('河东区', ['东区'])).toBe(true)
    expect(isOtherCounty('临江市', ['示例县', '远山市'])).toBe(true)
    // Counties named with one character: 丰县 and 沛县 differ.
    expect(isOtherCounty('丰县', ['沛县', '徐州市'])).toBe(true)
    expect(isOtherCounty('丰县', ['丰县', '徐州市'])).toBe(false)
  })

  it('takes the same place with or without its city or level word', () => {
    expect(isOtherCounty('示例县', ['示例县'])).toBe(false)
    expect(isOtherCounty('远山市示例县', ['示例县'])).toBe(false)
    expect(isOtherCounty('示例县', ['远山市示例县'])).toBe(false)
    expect(isOtherCounty('示例', ['示例县'])).toBe(false)
    expect(isOtherCounty('某某自治县', ['某某县'])).toBe(false)
  })

  it('takes a region above the bureau’s (a report naming only its city)', () => {
    expect(isOtherCounty('远山市', ['示例县', '远山市'])).toBe(false)
  })

  it('does not warn on a level word that names no place', () => {
    expect(isOtherCounty('县', ['示例县'])).toBe(false)
    expect(isOtherCounty('市', ['示例县'])).toBe(false)
    expect(isOtherCounty('区城市', ['示例县'])).toBe(false)
  })
})
