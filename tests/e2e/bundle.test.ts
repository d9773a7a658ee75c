import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/src/config'

/** Budgets of the production client (see client/vite.config.ts). */
const INITIAL_GZIP_BUDGET = 300 * 1024
const CHUNK_MINIFIED_LIMIT = 500 * 1024

interface ManifestEntry {
  file: string
  isEntry?: boolean
  imports?: string[]
}

describe('production bundle', () => {
  const { clientDist } = loadConfig()
  let manifest: Record<string, ManifestEntry>

  beforeAll(() => {
    const manifestPath = path.join(clientDist, '.vite/manifest.json')
    if (!fs.existsSync(manifestPath)) throw new Error('client/dist/.vite/manifest.json is missing: run `npm run build` first')
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'))
  })

  const keyOf = (sourceEnd: string) => {
    const key = Object.keys(manifest).find((k) => k.endsWith(sourceEnd))
    if (!key) throw new Error(`${sourceEnd} is not in the build`)
    return key
  }

  /** A chunk and everything it imports statically: what the browser loads (Vite preloads) with it. */
  function staticClosure(key: string, files = new Set<string>()): Set<string> {
    const entry = manifest[key]
    if (files.has(entry.file)) return files
    files.add(entry.file)
    for (const dep of entry.imports ?? []) staticClosure(dep, files)
    return files
  }

  const initialFiles = () => {
    const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)!
    const files = new Set<string>()
    for (const key of [entry, keyOf('features/auth/LoginPage.tsx'), keyOf('features/overview/OverviewPage.tsx')]) staticClosure(key, files)
    return [...files]
  }

  it('loads the login and overview routes with at most 300 KB of gzipped JS', () => {
    const gzipped = initialFiles().reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(clientDist, f))).length, 0)
    expect(gzipped).toBeLessThanOrEqual(INITIAL_GZIP_BUDGET)
  })

  it('loads the chart engine only once a page draws charts', () => {
    expect(initialFiles().filter((f) => /echarts|zrender|chartEngine/.test(f))).toEqual([])
  })

  it('has no chunk over 500 KB minified', () => {
    const assets = path.join(clientDist, 'assets')
    for (const file of fs.readdirSync(assets).filter((f) => f.endsWith('.js'))) {
      expect(fs.statSync(path.join(assets, file)).size, file).toBeLessThanOrEqual(CHUNK_MINIFIED_LIMIT)
    }
  })
})
