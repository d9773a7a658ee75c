/** The audit log's filter as the filter bar holds it: empty strings mean "any". */
export interface AuditFilter {
  /** A username, matched exactly by the server. */
  user: string
  /** An action, or a family of actions: `user` also matches `user.create` etc. */
  action: string
  /** `type` or `type:id`, e.g. `user:5`. */
  object: string
  /** China-time dates, YYYY-MM-DD, both ends included. */
  from: string
  to: string
}

export const EMPTY_AUDIT_FILTER: AuditFilter = { user: '', action: '', object: '', from: '', to: '' }
export const AUDIT_PAGE_SIZES = [20, 50, 100] as const
export const DEFAULT_AUDIT_PAGE_SIZE = 20

const FILTER_KEYS = ['user', 'action', 'object', 'from', 'to'] as const
const DATE = /^\d{4}-\d{2}-\d{2}$/
const OBJECT = /^[A-Za-z_][\w-]*(:[\w.-]+)?$/

export interface AuditView {
  filter: AuditFilter
  page: number
  pageSize: number
}

const positiveInt = (raw: string | null, fallback: number) => {
  const n = Number(raw)
  return Number.isInteger(n) && n >= 1 ? n : fallback
}

/** What the URL asks to see; values the server would refuse are dropped, not sent. */
export function auditViewFromParams(params: URLSearchParams): AuditView {
  const filter = { ...EMPTY_AUDIT_FILTER }
  for (const key of FILTER_KEYS) filter[key] = (params.get(key) ?? '').trim()
  if (filter.from && !DATE.test(filter.from)) filter.from = ''
  if (filter.to && !DATE.test(filter.to)) filter.to = ''
  if (filter.object && !OBJECT.test(filter.object)) filter.object = ''
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_AUDIT_PAGE_SIZE)
  return {
    filter,
    page: positiveInt(params.get('page'), 1),
    pageSize: (AUDIT_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_AUDIT_PAGE_SIZE,
  }
}

/** The filter as API query parameters: only the fields that are set, trimmed. */
export function auditFilterQuery(filter: AuditFilter): Partial<Record<keyof AuditFilter, string>> {
  const query: Partial<Record<keyof AuditFilter, string>> = {}
  for (const key of FILTER_KEYS) {
    const value = filter[key].trim()
    if (value) query[key] = value
  }
  return query
}

/** One page of the log: the filter plus paging. */
export const auditPageQuery = ({ filter, page, pageSize }: AuditView) => ({ ...auditFilterQuery(filter), page, pageSize })

/** The view as URL search parameters; defaults are left out so URLs stay short. */
export function auditViewToParams({ filter, page, pageSize }: AuditView): URLSearchParams {
  const params = new URLSearchParams(auditFilterQuery(filter))
  if (page !== 1) params.set('page', String(page))
  if (pageSize !== DEFAULT_AUDIT_PAGE_SIZE) params.set('pageSize', String(pageSize))
  return params
}

/** Why an object filter cannot be used, or null. */
export const objectFilterProblem = (object: string) =>
  !object.trim() || OBJECT.test(object.trim()) ? null : '格式为“类型”或“类型:编号”，如 user 或 user:5'
