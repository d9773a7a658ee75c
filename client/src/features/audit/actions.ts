import { AUDIT_ACTION_LABELS, AUDIT_FAMILY_LABELS, type AuditAction } from '@fazhi/shared'

const option = (value: AuditAction) => ({ value, label: AUDIT_ACTION_LABELS[value] })

/** The filter's choices: single actions, and families that match every `family.*` action. */
export const ACTION_FILTER_GROUPS: { label: string; options: { value: string; label: string }[] }[] = [
  {
    label: '登录与账号',
    options: (['login', 'login.second-factor', 'logout', 'lockout', 'password.change', 'totp.enrol', 'session.revoke', 'security.settings'] as const).map(option),
  },
  {
    label: '操作类别（含其下全部操作）',
    options: Object.entries(AUDIT_FAMILY_LABELS).map(([value, label]) => ({ value, label: `${label}（${value}.*）` })),
  },
  {
    label: '安全事件',
    options: (['access.denied', 'csrf.refused', 'rate-limited', 'import.failed', 'upload.refused', 'audit.read'] as const).map(option),
  },
  { label: '数据进出', options: (['results.publish', 'export', 'import', 'db.restore'] as const).map(option) },
  {
    label: '用户管理',
    options: (['user.create', 'user.update', 'user.role-change', 'user.reset-password', 'user.unlock', 'user.totp-reset'] as const).map(option),
  },
]
