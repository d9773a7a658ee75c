/** Known audit actions, for the filter and for reading the log. Unknown actions show as their code. */
export const ACTION_LABELS: Record<string, string> = {
  login: '登录',
  logout: '退出登录',
  lockout: '账号锁定',
  'password.change': '修改密码',
  user: '用户管理',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.role-change': '变更角色',
  'user.reset-password': '重置密码',
  'session.revoke': '撤销会话',
  submission: '年度填报',
  'submission.create': '新建填报',
  'submission.save': '保存填报',
  'submission.submit': '上报',
  'submission.return': '退回',
  'submission.resubmit': '重新上报',
  'submission.approve': '审核通过',
  'submission.reopen': '重新打开',
  'submission.publish': '登记公开',
  'submission.rollup': '台账汇总',
  ledger: '台账',
  'ledger.create': '新增台账',
  'ledger.update': '修改台账',
  'ledger.delete': '删除台账',
  rectification: '整改事项',
  'rectification.create': '新增整改事项',
  'rectification.update': '修改整改事项',
  'rectification.delete': '删除整改事项',
  'rectification.verify': '整改销号',
  'rectification.return': '整改退回重改',
  cycle: '填报周期',
  'cycle.create': '新建填报周期',
  'cycle.update': '修改填报周期',
  'cycle.lock': '锁定填报周期',
  'cycle.unlock': '解锁填报周期',
  'results.publish': '发布定稿',
  export: '导出',
  import: '导入',
}

/** The filter's choices: single actions, and families that match every `family.*` action. */
export const ACTION_FILTER_GROUPS: { label: string; options: { value: string; label: string }[] }[] = [
  {
    label: '登录与账号',
    options: ['login', 'logout', 'lockout', 'password.change', 'session.revoke'].map((value) => ({ value, label: ACTION_LABELS[value] })),
  },
  {
    label: '操作类别（含其下全部操作）',
    options: ['user', 'submission', 'ledger', 'rectification', 'cycle'].map((value) => ({ value, label: `${ACTION_LABELS[value]}（${value}.*）` })),
  },
  { label: '数据进出', options: ['results.publish', 'export', 'import'].map((value) => ({ value, label: ACTION_LABELS[value] })) },
  {
    label: '用户管理',
    options: ['user.create', 'user.update', 'user.role-change', 'user.reset-password'].map((value) => ({ value, label: ACTION_LABELS[value] })),
  },
]

export const OBJECT_TYPE_LABELS: Record<string, string> = {
  user: '用户',
  submission: '填报',
  study_session: '学法台账',
  legality_review: '合法性审查台账',
  publicity_event: '普法宣传台账',
  rectification_item: '整改事项',
  cycle: '填报周期',
  export: '导出文件',
  result: '定稿版本',
  audit: '审计日志',
  report: '年度报告',
}

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action
