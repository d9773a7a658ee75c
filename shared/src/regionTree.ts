import type { Region } from './organisation'

// Apart from the zod schemas of organisation.ts, so a page that only walks the tree (the client's
// region picker, in the initial bundle) does not load zod with it.

/** A region and every region below it. */
export function regionsUnder(regions: readonly Region[], regionId: number): Set<number> {
  const found = new Set([regionId])
  for (let grew = true; grew; ) {
    grew = false
    for (const r of regions)
      if (r.parentId !== null && found.has(r.parentId) && !found.has(r.id)) {
        found.add(r.id)
        grew = true
      }
  }
  return found
}
