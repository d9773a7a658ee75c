import { createHash } from 'node:crypto'
import type { Grade } from '@fazhi/shared'
import type { z } from 'zod'
import type { CycleRow } from '../cycles/repository'
import type { Board, BoardRow } from './board'
import type { DashboardRepository, RankedRow } from './repository'
import { holds, type TimeWindow } from './window'

/** A whole response body, serialised once (through its zod schema, as the route would) and kept with its ETag. */
export interface CachedResponse {
  body: Buffer
  /** The body gzipped, made when a client first asks for it. */
  gzip?: Buffer
  etag: string
  stamp: string
  window: TimeWindow
  /** The summary's per-bureau JSON, kept so that the next summary re-serialises only the rows that changed. */
  fragments?: Map<number, SummaryFragment>
}

/** One bureau's entry of a serialised summary and what it was made from. */
export interface SummaryFragment {
  source: BoardRow
  rank: number | null
  /** Settled with the rank (another row's score can make or end a tie). */
  tied: boolean
  /** Settled with the rank (a quota can move it while the row stays the same). */
  grade: Grade | null
  previousRank: number | null | undefined
  /** Its JSON, UTF-8. */
  bytes: Buffer
}

/** Who the dashboard covers: every active bureau (`regionIds` null) or those of a region and the regions below it. */
export interface Scope {
  key: string
  regionIds: number[] | null
}
export const EVERYWHERE: Scope = { key: '*', regionIds: null }

/** In-memory caches of one database, shared by every dashboard service on it (routes, exports, reminders). */
export interface DashboardCache {
  versions: Map<number, number>
  boards: Map<string, Board>
  responses: Map<string, CachedResponse>
  responseBytes: number
  scopes: Map<number, Scope>
  cycles?: CycleRow[]
  /** Per year, every ranked bureau-year of the county (what an 优秀 quota in a region's view needs), patched as rows are recomputed. */
  ranked: Map<number, CountyRanked>
}

export interface CountyRanked {
  /** The year's change counter and row count it is current with. */
  version: number
  rows: number
  byBureau: Map<number, RankedRow>
}
const MAX_BOARDS = 256
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024
/** Keyed by the database's score store, which exists once per database. */
const caches = new WeakMap<object, DashboardCache>()

export function cacheOf(repo: DashboardRepository): DashboardCache {
  let cache = caches.get(repo.scores)
  if (!cache) caches.set(repo.scores, (cache = { versions: new Map(), boards: new Map(), responses: new Map(), responseBytes: 0, scopes: new Map(), ranked: new Map() }))
  return cache
}

/** Least recently used goes first: a Map keeps insertion order, so a hit is moved to the end. */
export function touch<K, V>(map: Map<K, V>, key: K): V | undefined {
  const value = map.get(key)
  if (value !== undefined) {
    map.delete(key)
    map.set(key, value)
  }
  return value
}

export function keepBoard(cache: DashboardCache, key: string, board: Board): void {
  cache.boards.set(key, board)
  if (cache.boards.size > MAX_BOARDS) cache.boards.delete(cache.boards.keys().next().value!)
}

/**
 * Reads the change counters (one small query). When bureaus, regions or the catalog changed
 * (counter 0) everything is dropped; boards and responses of a year that changed check their own
 * stamps when they are next asked for (a board then re-reads only the rows that changed).
 */
export async function sync(cache: DashboardCache, repo: DashboardRepository): Promise<Map<number, number>> {
  const current = await repo.versions()
  if (current.get(0) !== cache.versions.get(0)) {
    cache.boards.clear()
    cache.responses.clear()
    cache.responseBytes = 0
    cache.scopes.clear()
    cache.ranked.clear()
    cache.cycles = undefined
  }
  cache.versions = current
  return current
}

export const stampOf = (versions: Map<number, number>, years: readonly number[]) => [0, ...years].map((y) => versions.get(y) ?? 'x').join('.')

export function encode<T extends z.ZodType>(schema: T, data: z.output<T>): string {
  const result = schema.safeEncode(data)
  if (!result.success) throw new Error(`dashboard response does not match its schema: ${result.error.message}`)
  return JSON.stringify(result.data)
}

/** The cached response under `key` if it was made at `stamp` and still holds at `now`. */
export function freshResponse(cache: DashboardCache, key: string, stamp: string, now: number): { hit?: CachedResponse; stale?: CachedResponse } {
  const entry = touch(cache.responses, key)
  if (!entry) return {}
  if (entry.stamp === stamp && holds(entry.window, now)) return { hit: entry }
  cache.responses.delete(key)
  cache.responseBytes -= entry.body.length
  return { stale: entry }
}

export function keepResponse(cache: DashboardCache, key: string, body: Buffer, stamp: string, window: TimeWindow, fragments?: Map<number, SummaryFragment>): CachedResponse {
  // Weak: the same entity is sent gzipped or not.
  const entry: CachedResponse = { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"`, stamp, window, fragments }
  cache.responses.set(key, entry)
  cache.responseBytes += body.length
  while (cache.responseBytes > MAX_RESPONSE_BYTES && cache.responses.size > 1) {
    const [oldest, evicted] = cache.responses.entries().next().value!
    cache.responses.delete(oldest)
    cache.responseBytes -= evicted.body.length
  }
  return entry
}
