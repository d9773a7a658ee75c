import type { Summary, User } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'
import { chaseList, remindersService } from '../../../server/src/features/reminders/list'
import { sampleSummary, summary, unreported } from '../client/fixtures'

/** 催报 is built once, on the server, from the dashboard summary; the overview, the print view and the 催报 page render it. */
describe('催报 list', () => {
  const rows = chaseList(sampleSummary().bureaus)

  it('names bureaus that have not reported and those that reported late, not the punctual ones', () => {
    expect(rows.map((r) => [r.name, r.reason])).toEqual([
      ['示例县c局', 'missing'],
      ['示例县e局', 'draft'],
      ['示例县d局', 'late'],
    ])
  })

  it('puts the longest overdue first', () => {
    expect(rows.map((r) => r.daysOverdue)).toEqual([30, 30, 14])
  })
})

describe('GET /api/reminders for the office', async () => {
  const office: User = { id: 1, username: 'office', displayName: '县司法局', role: 'office', bureauId: null, regionId: null, mustChangePassword: false }
  const county: Summary = summary([
    { ...unreported(27, 'xfj'), name: '示例县信访局', daysOverdue: 12 },
    { ...unreported(16, 'swj', 'returned'), name: '示例县商务局', daysOverdue: 12 },
    // first in late on 15 March, returned and resubmitted on 20 March: late by its first submission
    {
      ...unreported(13, 'jtysj', 'submitted'),
      name: '示例县交通运输局',
      submittedAt: '2026-03-20T05:15:00.000Z',
      firstSubmittedAt: '2026-03-15T05:15:00.000Z',
      onTime: false,
      daysOverdue: 14,
    },
  ])
  const reminders = await remindersService({ summary: async () => county }, () => new Date('2026-03-13T00:00:00Z')).forUser(office, 2025)

  it('lists outstanding and late bureaus as rows of the 催报 table', () => {
    if (reminders.scope !== 'county') throw new Error('the office gets the county list')
    const asRows = [
      ...reminders.outstanding.map((b) => [b.name, b.status, b.daysOverdue]),
      ...reminders.late.map((b) => [b.name, 'late', b.daysOverdue]),
    ]
    expect(asRows).toEqual([
      ['示例县信访局', 'missing', 12],
      ['示例县商务局', 'returned', 12],
      ['示例县交通运输局', 'late', 14],
    ])
    // …and the table's rows are the same bureaus, longest overdue first
    expect(reminders.chase.map((r) => [r.name, r.reason, r.daysOverdue])).toEqual([
      ['示例县交通运输局', 'late', 14],
      ['示例县信访局', 'missing', 12],
      ['示例县商务局', 'returned', 12],
    ])
    expect(reminders.late[0].submittedAt).toBe('2026-03-15T05:15:00.000Z')
    expect(reminders.chase[0].submittedAt).toBe('2026-03-15T05:15:00.000Z')
  })
})
