export const ROLES = ['office', 'leader', 'bureau', 'sysadmin', 'secadmin', 'auditor'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  office: '依法治县办',
  leader: '领导/督察',
  bureau: '单位用户',
  sysadmin: '系统管理员',
  secadmin: '安全保密管理员',
  auditor: '安全审计员',
}

/** What a session opened by the password alone still needs: a code (`verify`) or an enrolment (`enrol`). */
export const PENDING_FACTORS = ['verify', 'enrol'] as const
export type PendingFactor = (typeof PENDING_FACTORS)[number]

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number]

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  draft: '草稿',
  submitted: '已上报',
  returned: '已退回',
  approved: '已审核',
}

/** What a submission's review history (流转记录) records: each step with who and when. */
export const SUBMISSION_EVENT_ACTIONS = ['submit', 'return', 'resubmit', 'approve', 'reopen'] as const
export type SubmissionEventAction = (typeof SUBMISSION_EVENT_ACTIONS)[number]
export const SUBMISSION_EVENT_LABELS: Record<SubmissionEventAction, string> = {
  submit: '上报',
  return: '退回',
  resubmit: '重新上报',
  approve: '审核通过',
  reopen: '撤回审核',
}

/** What the API reports for a bureau-year without any submission (a row's `null` status); outside tools read it. */
export const NO_SUBMISSION = 'missing'

/** Statuses that count as "reported" for 上报率 and ranking. */
export const REPORTED_STATUSES: readonly SubmissionStatus[] = ['submitted', 'approved']

export const VALUE_SOURCES = ['manual', 'ledger', 'import', 'excel'] as const
export type ValueSource = (typeof VALUE_SOURCES)[number]

export const INDICATOR_KINDS = ['count', 'percent', 'boolean', 'derived'] as const
export type IndicatorKind = (typeof INDICATOR_KINDS)[number]
export const INDICATOR_KIND_LABELS: Record<IndicatorKind, string> = { count: '数量', percent: '百分比', boolean: '是/否', derived: '系统计算' }

export const DIRECTIONS = ['higher', 'lower'] as const
export type Direction = (typeof DIRECTIONS)[number]
export const DIRECTION_LABELS: Record<Direction, string> = { higher: '越高越好', lower: '越低越好' }

export const RECTIFICATION_STATUSES = ['not_started', 'in_progress', 'done'] as const
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number]
export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus | 'overdue', string> = {
  not_started: '未启动',
  in_progress: '整改中',
  done: '已完成',
  overdue: '逾期',
}

export const REGION_LEVELS = ['province', 'city', 'county'] as const
