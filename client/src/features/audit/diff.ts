import { ledgerOfAuditObject } from '@fazhi/shared'

export type FieldChange = 'added' | 'removed' | 'changed' | 'same'

export interface FieldDiff {
  /** Dotted path into the record: `displayName`, `values.study.exam_pass_rate`. */
  path: string
  before: unknown
  after: unknown
  change: FieldChange
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Leaf values by dotted path; arrays and scalars are leaves, so a list reads as one value. */
function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (isRecord(value) && Object.keys(value).length) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out)
  } else if (prefix) {
    out.set(prefix, value)
  } else if (value !== null && value !== undefined) {
    out.set('（值）', value)
  }
  return out
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * An audit event's before and after, field by field, in the order the fields first appear. Changed
 * fields come first when `changedFirst` is set, so a long record opens on what moved.
 */
export function diffRecords(before: unknown, after: unknown, { changedFirst = true } = {}): FieldDiff[] {
  const b = flatten(before)
  const a = flatten(after)
  const paths = [...new Set([...b.keys(), ...a.keys()])]
  const rows = paths.map((path): FieldDiff => {
    const inBefore = b.has(path)
    const inAfter = a.has(path)
    const change: FieldChange = !inBefore ? 'added' : !inAfter ? 'removed' : same(b.get(path), a.get(path)) ? 'same' : 'changed'
    return { path, before: b.get(path), after: a.get(path), change }
  })
  if (!changedFirst) return rows
  return [...rows.filter((r) => r.change !== 'same'), ...rows.filter((r) => r.change === 'same')]
}

/** A leaf value as text for the diff table. */
export function formatValue(value: unknown): string {
  if (value === undefined) return ''
  if (value === null) return 'null'
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

/** The four parts of a reported value (`snapshot` in the submissions service). */
const VALUE_PART_LABELS: Record<string, string> = { value: '数值', notApplicable: '不适用', note: '说明', source: '来源' }

/** The fields of the records the log holds (accounts, reports, items, bureaus, cycles), by their stored name. */
const RECORD_FIELD_LABELS: Record<string, string> = {
  id: '编号',
  version: '版本号',
  createdAt: '创建时间',
  updatedAt: '更新时间',
  year: '年度',
  bureauId: '单位编号',
  status: '状态',
  reason: '原因',
  returnReason: '退回原因',
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  active: '启用',
  mustChangePassword: '须修改密码',
  failedLogins: '连续登录失败次数',
  lockedUntil: '锁定至',
  hasSecondFactor: '已启用双因素',
  endedSessions: '结束的会话',
  email: '电子邮箱',
  mobile: '手机号码',
  submittedAt: '上报时间',
  firstSubmittedAt: '首次上报时间',
  resubmitDeadline: '重新上报期限',
  lateResubmissions: '逾期重报次数',
  approvedAt: '审核通过时间',
  approvedBy: '审核人编号',
  publishedUrl: '公开网址',
  publishedAt: '公开时间',
  sentComments: '随退回发出的批注',
  sourceYear: '问题所属年度',
  sourceImportId: '来源报告编号',
  problem: '问题',
  measure: '整改措施',
  owner: '责任人',
  deadline: '整改期限',
  completedAt: '完成时间',
  evidence: '整改说明',
  verifiedAt: '销号时间',
  verifiedBy: '销号人编号',
  regionId: '地区编号',
  code: '代码',
  name: '名称',
  shortName: '简称',
  type: '类型',
  category: '类别',
  hasEnforcement: '有执法职能',
  activeFrom: '起始年度',
  activeUntil: '终止年度',
  successorId: '承继单位编号',
  fileQuotaMb: '存储配额（MB）',
  dueDate: '上报截止日期',
  publishDeadline: '公开截止日期',
  locked: '已锁定',
  date: '日期',
  filter: '筛选条件',
  rows: '行数',
  format: '格式',
  size: '大小（字节）',
  sha256: 'SHA-256',
  text: '内容',
}

/** What names a field beyond the fixed labels: the row's indicators by code, a ledger's own fields. */
export interface FieldContext {
  objectType: string | null
  /** Indicator code → name, as the server resolved them for this row. */
  fieldNames: Record<string, string>
}

/**
 * A diff path in the auditor's words: `values.enforcement.published_items.value` reads
 * 「行政执法信息公示数量」数值, a ledger row's `topic` 学习主题, an account's `displayName` 姓名.
 * A path no label knows stays as it is.
 */
export function fieldLabel(path: string, { objectType, fieldNames }: FieldContext): string {
  if (path.startsWith('values.')) {
    const rest = path.slice('values.'.length)
    const dot = rest.lastIndexOf('.')
    const part = dot > 0 ? rest.slice(dot + 1) : ''
    const code = VALUE_PART_LABELS[part] ? rest.slice(0, dot) : rest
    const name = fieldNames[code] ?? code
    return VALUE_PART_LABELS[part] ? `「${name}」${VALUE_PART_LABELS[part]}` : `「${name}」`
  }
  const [head, ...tail] = path.split('.')
  const label = ledgerOfAuditObject(objectType)?.fields[head]?.label ?? RECORD_FIELD_LABELS[head]
  return label ? [label, ...tail].join('.') : path
}
