// Run by `npm test` before the build: the browser tests need Chromium and a CJK font (without one,
// Chinese renders as boxes and the layout checks fail). On Debian as root it installs what is
// missing; otherwise it stops with one line saying what to run.
import { spawnSync } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { pathToFileURL } from 'node:url'

const DEFAULT_CHROMIUM = '/usr/bin/chromium'

export interface Facts {
  /** CHROMIUM_PATH when set; the browser tests then use it instead of Debian's chromium. */
  chromiumPathFromEnv: string | null
  hasChromium: boolean
  hasFcList: boolean
  hasCjkFont: boolean
  isRoot: boolean
  hasAptGet: boolean
}

export type Plan = { action: 'ready' } | { action: 'install'; packages: string[] } | { action: 'stop'; message: string }

/** What to do about the browser tests' prerequisites, given the facts of this machine. */
export function plan(f: Facts): Plan {
  const packages = [
    ...(f.hasChromium || f.chromiumPathFromEnv ? [] : ['chromium']),
    // fc-list is how the font is found; Chromium itself only needs the font files.
    ...(f.hasFcList ? [] : ['fontconfig']),
    ...(f.hasCjkFont ? [] : ['fonts-noto-cjk']),
  ]
  const badEnvPath = f.chromiumPathFromEnv !== null && !f.hasChromium
  if (badEnvPath) {
    const fonts = packages.length ? `, and run: sudo apt-get install ${packages.join(' ')}` : ''
    return { action: 'stop', message: `CHROMIUM_PATH=${f.chromiumPathFromEnv} is not an executable file: point it at Chromium or unset it${fonts}` }
  }
  if (!packages.length) return { action: 'ready' }
  if (f.hasAptGet && f.isRoot) return { action: 'install', packages }
  const command = f.hasAptGet ? `sudo apt-get install ${packages.join(' ')}` : `install ${packages.join(', ')} (Debian package names) with your package manager`
  return { action: 'stop', message: `The browser tests need Chromium and the Noto Sans CJK font: ${command}, or set CHROMIUM_PATH to a Chromium binary.` }
}

const isExecutableFile = (file: string) => {
  try {
    accessSync(file, constants.X_OK)
    return statSync(file).isFile()
  } catch {
    return false
  }
}

const onPath = (command: string) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir && isExecutableFile(join(dir, command)))

function gatherFacts(): Facts {
  const chromiumPathFromEnv = process.env.CHROMIUM_PATH || null
  const fcList = spawnSync('fc-list', { encoding: 'utf8' })
  return {
    chromiumPathFromEnv,
    hasChromium: isExecutableFile(chromiumPathFromEnv ?? DEFAULT_CHROMIUM),
    hasFcList: !fcList.error,
    hasCjkFont: !fcList.error && /noto sans cjk/i.test(fcList.stdout),
    isRoot: process.getuid?.() === 0,
    hasAptGet: onPath('apt-get'),
  }
}

function aptGet(args: string[]): void {
  console.log(`prerequisites: apt-get ${args.join(' ')}`)
  const run = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  if (run.status !== 0) throw new Error(`apt-get ${args[0]} failed (exit code ${run.status ?? run.signal})`)
}

function main(): number {
  let next = plan(gatherFacts())
  if (next.action === 'install') {
    console.log(`prerequisites: installing ${next.packages.join(' ')} for the browser tests`)
    try {
      aptGet(['update'])
      aptGet(['install', '-y', ...next.packages])
    } catch (err) {
      console.error(`prerequisites: ${(err as Error).message}; install ${next.packages.join(' ')} by hand, then run npm test again.`)
      return 1
    }
    next = plan(gatherFacts())
  }
  if (next.action === 'stop') {
    console.error(`prerequisites: ${next.message}`)
    return 1
  }
  if (next.action === 'install') {
    console.error(`prerequisites: ${next.packages.join(' ')} still missing after apt-get install.`)
    return 1
  }
  console.log('prerequisites: Chromium and the Noto Sans CJK font are present')
  return 0
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main()
