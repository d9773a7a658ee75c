// The 组织机构 page's pure parts: the region tree and the bureau table's filter.
import { type Bureau, type BureauStatus, bureauStatus, REGION_LEVEL_LABELS, type Region, regionsUnder } from '@fazhi/shared'

export interface RegionNode {
  key: number
  title: string
  children: RegionNode[]
}

/** The regions as a tree, each level in list order; a region whose parent is unknown is a root. */
export function regionTree(regions: readonly Region[]): RegionNode[] {
  const ids = new Set(regions.map((r) => r.id))
  const nodeOf = (r: Region): RegionNode => ({
    key: r.id,
    title: `${r.name}（${REGION_LEVEL_LABELS[r.level]}）`,
    children: regions.filter((c) => c.parentId === r.id).map(nodeOf),
  })
  return regions.filter((r) => r.parentId === null || !ids.has(r.parentId)).map(nodeOf)
}

export interface RegionChoice {
  value: number
  title: string
  children: RegionChoice[]
}

const choiceOf = (n: RegionNode): RegionChoice => ({ value: n.key, title: n.title, children: n.children.map(choiceOf) })
/** The region tree as a TreeSelect's options (组织机构's bureau form, the account's 所属地区): a region's id is its value. */
export const regionTreeOptions = (regions: readonly Region[]): RegionChoice[] => regionTree(regions).map(choiceOf)

export interface BureauFilter {
  /** Bureaus of this region or one below it. */
  regionId: number | null
  type: string | null
  category: string | null
  status: BureauStatus | null
}
export const NO_FILTER: BureauFilter = { regionId: null, type: null, category: null, status: null }

/** The bureaus the table shows under `filter`. */
export function filterBureaus(bureaus: readonly Bureau[], regions: readonly Region[], filter: BureauFilter): Bureau[] {
  const inRegion = filter.regionId === null ? null : regionsUnder(regions, filter.regionId)
  return bureaus.filter(
    (b) =>
      (inRegion === null || inRegion.has(b.regionId)) &&
      (filter.type === null || b.type === filter.type) &&
      (filter.category === null || b.category === filter.category) &&
      (filter.status === null || bureauStatus(b) === filter.status),
  )
}

/** The distinct values of a field, sorted, for a filter's choices. */
export const choicesOf = (values: readonly (string | null)[]) =>
  [...new Set(values.filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((v) => ({ value: v, label: v }))

/** What the 年度 column shows: "2000–" while it exists, "2019–2024" once ended. */
export const yearsText = (b: Pick<Bureau, 'activeFrom' | 'activeUntil'>) => `${b.activeFrom}–${b.activeUntil ?? ''}`
