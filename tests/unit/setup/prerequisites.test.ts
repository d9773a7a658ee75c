import { describe, expect, it } from 'vitest'
import { type Facts, plan } from '../../setup/prerequisites'

const debianRoot: Facts = { chromiumPathFromEnv: null, hasChromium: true, hasFcList: true, hasCjkFont: true, isRoot: true, hasAptGet: true }

describe('browser-test prerequisites', () => {
  it('goes ahead when Chromium and the CJK font are present', () => {
    expect(plan(debianRoot)).toEqual({ action: 'ready' })
    expect(plan({ ...debianRoot, isRoot: false, hasAptGet: false })).toEqual({ action: 'ready' })
  })

  it('installs what is missing as root on Debian', () => {
    expect(plan({ ...debianRoot, hasChromium: false, hasCjkFont: false })).toEqual({ action: 'install', packages: ['chromium', 'fonts-noto-cjk'] })
    expect(plan({ ...debianRoot, hasFcList: false, hasCjkFont: false })).toEqual({ action: 'install', packages: ['fontconfig', 'fonts-noto-cjk'] })
  })

  it('tells a user who is not root the one command to run', () => {
    const next = plan({ ...debianRoot, isRoot: false, hasChromium: false, hasCjkFont: false })
    expect(next).toEqual({ action: 'stop', message: expect.stringContaining('sudo apt-get install chromium fonts-noto-cjk') })
  })

  it('does not offer apt-get where there is none', () => {
    const next = plan({ ...debianRoot, hasAptGet: false, hasCjkFont: false })
    expect(next.action).toBe('stop')
    expect(next.action === 'stop' && next.message).not.toContain('apt-get')
  })

  it('stops on a CHROMIUM_PATH that is not there instead of installing a browser it would not use', () => {
    const next = plan({ ...debianRoot, chromiumPathFromEnv: '/opt/chrome/chrome', hasChromium: false })
    expect(next).toEqual({ action: 'stop', message: expect.stringContaining('CHROMIUM_PATH=/opt/chrome/chrome') })
  })

  it('uses CHROMIUM_PATH when it exists and still installs a missing font', () => {
    expect(plan({ ...debianRoot, chromiumPathFromEnv: '/opt/chrome/chrome', hasCjkFont: false })).toEqual({ action: 'install', packages: ['fonts-noto-cjk'] })
  })
})
