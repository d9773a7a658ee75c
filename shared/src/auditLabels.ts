// The audit log in Chinese: every action the server writes, the families the auditor filters by, and
// the kinds of object a row names. `AuditAction` is the type of `AuditEntry.action` on the server, so
// an action without a label here does not compile.

export const AUDIT_ACTION_LABELS = {
  login: '登录',
  logout: '退出登录',
  lockout: '账号锁定',
  'password.change': '修改密码',
  'login.second-factor': '双因素验证',
  'totp.enrolment': '生成双因素密钥',
  'totp.enrol': '启用双因素认证',
  'security.settings': '修改安全设置',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.role-change': '授予/变更角色',
  'user.reset-password': '重置密码',
  'user.unlock': '解锁账户',
  'user.totp-reset': '重置双因素',
  'session.revoke': '撤销会话',
  'submission.create': '新建填报',
  'submission.save': '保存填报',
  'submission.excel': 'Excel 离线填报',
  'submission.submit': '上报',
  'submission.return': '退回',
  'submission.resubmit': '重新上报',
  'submission.approve': '审核通过',
  'submission.reopen': '重新打开',
  'submission.publish': '登记公开',
  'submission.rollup': '台账汇总',
  'comment.create': '添加批注',
  'ledger.create': '新增台账记录',
  'ledger.update': '修改台账记录',
  'ledger.delete': '删除台账记录',
  'rectification.create': '新增整改事项',
  'rectification.update': '修改整改事项',
  'rectification.delete': '删除整改事项',
  'rectification.verify': '整改销号',
  'rectification.return': '整改退回重改',
  'cycle.create': '新建填报周期',
  'cycle.update': '修改填报周期',
  'cycle.lock': '锁定填报周期',
  'cycle.unlock': '解锁填报周期',
  'scheme.update': '修改考核方案',
  'scheme.copy': '沿用往年考核方案',
  'scheme.freeze': '冻结考核方案',
  'scheme.reopen': '重新开放考核方案',
  'bureau.create': '新增单位',
  'bureau.update': '修改单位',
  'bureau.merge': '合并单位',
  'bureau.import': '导入单位',
  'bureau.fileQuota': '调整存储配额',
  'file.upload': '上传佐证材料',
  'file.delete': '删除佐证材料',
  'file.purge': '清除已删除的佐证材料',
  'region.create': '新增地区',
  'results.publish': '发布定稿',
  export: '导出',
  import: '导入年度报告',
  'import.failed': '导入失败',
  'upload.refused': '上传被拒',
  'access.denied': '越权访问被拒',
  'csrf.refused': 'CSRF 校验失败',
  'rate-limited': '请求过频被限',
  'audit.read': '查阅审计日志',
  'db.restore': '从备份恢复数据库',
  'reminder.chase': '催报',
  'notifications.read': '消息标为已读',
  'notifications.preferences': '修改消息接收设置',
  'notifications.remind': '发送上报截止提醒',
  'notifications.channels': '修改消息通道',
  'notifications.channel-test': '消息通道发送测试',
} as const satisfies Record<string, string>

/** Every action an audit row can hold. */
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[]

/** Families the filter offers: `user` matches every `user.*` action. */
export const AUDIT_FAMILY_LABELS: Record<string, string> = {
  user: '用户管理',
  submission: '年度填报',
  comment: '批注',
  ledger: '台账',
  rectification: '整改事项',
  cycle: '填报周期',
  scheme: '考核方案',
  bureau: '组织机构',
  file: '佐证材料',
  notifications: '消息通知',
  reminder: '催报',
}

export const AUDIT_OBJECT_TYPE_LABELS: Record<string, string> = {
  user: '用户',
  database: '数据库',
  submission: '填报',
  comment: '批注',
  study_session: '学法台账',
  legality_review: '合法性审查台账',
  publicity_event: '普法宣传台账',
  rectification_item: '整改事项',
  evidence_file: '佐证材料',
  cycle: '填报周期',
  scheme: '考核方案',
  bureau: '单位',
  region: '地区',
  export: '导出文件',
  result: '定稿版本',
  audit: '审计日志',
  settings: '系统设置',
  report: '年度报告',
}

/** An action's Chinese name; a code no label knows (an older row) shows as itself. */
export const auditActionLabel = (action: string): string =>
  (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? AUDIT_FAMILY_LABELS[action] ?? action

/** An object type's Chinese name, or the type itself. */
export const auditObjectTypeLabel = (type: string): string => AUDIT_OBJECT_TYPE_LABELS[type] ?? type
