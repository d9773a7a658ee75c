import { describe, expect, it } from 'vitest'
import { reminderMessage, rosterText, type BureauReminder, type CountyReminders } from '../../../client/src/features/reminders/remind'

const county: CountyReminders = {
  scope: 'county',
  year: 2025,
  dueDate: '2026-03-01',
  outstanding: [
    { bureauId: 27, code: 'xfj', name: '示例县信访局', status: 'missing', daysOverdue: 12 },
    { bureauId: 16, code: 'swj', name: '示例县商务局', status: 'returned', daysOverdue: 12 },
  ],
  late: [{ bureauId: 13, code: 'jtysj', name: '示例县交通运输局', submittedAt: '2026-03-15T05:15:00.000Z', daysOverdue: 14 }],
  // The roster is written from the two lists; the table's rows are the server's (tests/unit/submissions).
  chase: [],
}

describe('催报', () => {
  it('copies a roster grouped into not reported and late, with days overdue', () => {
    expect(rosterText(county)).toBe(
      [
        '2025 年度法治政府建设情况报告催报名单（上报截止日期：2026-03-01）',
        '',
        '一、尚未上报（2 个单位）',
        '1. 示例县信访局（未填报，逾期 12 天）',
        '2. 示例县商务局（退回待重报，逾期 12 天）',
        '',
        '二、逾期上报（1 个单位）',
        '1. 示例县交通运输局（2026-03-15 13:15 上报，逾期 14 天）',
      ].join('\n'),
    )
    expect(rosterText({ ...county, outstanding: [], late: [] })).toContain('各单位均已按时上报。')
  })

  it('reminds a bureau within 14 days of the due date and when overdue, not otherwise', () => {
    const base: BureauReminder = { scope: 'bureau', year: 2026, bureauId: 3, dueDate: '2027-03-01', status: 'draft', daysLeft: 9, overdue: false, remind: true }
    expect(reminderMessage(base)).toEqual({ type: 'warning', text: '距 2026 年度报告上报截止（2027-03-01）还有 9 天，请及时完成填报并上报' })
    expect(reminderMessage({ ...base, daysLeft: -3, overdue: true })!.type).toBe('error')
    expect(reminderMessage({ ...base, daysLeft: -3, overdue: true })!.text).toContain('已逾期 3 天未上报')
    expect(reminderMessage({ ...base, daysLeft: 0 })!.text).toContain('今天是')
    expect(reminderMessage({ ...base, daysLeft: 98, remind: false })).toBeNull()
  })
})
