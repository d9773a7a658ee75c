import type { Db } from '../../db/client'
import { bureausOn } from '../bureaus/service'
import { notificationsOn } from './service'

/** The report a review event is about. */
interface Report {
  id: number
  bureauId: number
  year: number
}

/** The history step a transition wrote (`submission_events`): what the bureau is told of it. */
interface ReviewStep {
  action: string
  reason?: string | null
  resubmitDeadline?: string | null
}

/** The 整改 item a 销号 result is about. */
interface RectificationResult {
  bureauId: number
  year: number
  problem: string
  returnReason: string | null
}

const quoted = (text: string, max = 40) => `「${text.length > max ? `${text.slice(0, max)}…` : text}」`

/**
 * The events that create messages, with their Chinese wording: one function per event. Each is
 * called by the event's service inside the audited transaction that makes the event, so a message
 * exists exactly when its event does.
 */
export function notificationEventsOn(db: Db, clock: () => Date) {
  const notifications = notificationsOn(db, clock)
  const bureaus = bureausOn(db)
  const reportLink = (s: Report) => `/submissions/${s.id}`

  return {
    /**
     * After a review transition: a return (with its reason and resubmission deadline) or an approval
     * tells the bureau's accounts; office comments sent with the return tell them too.
     */
    async reviewed(s: Report, step: ReviewStep, sentComments: number): Promise<void> {
      const userIds = await notifications.bureauRecipients(s.bureauId)
      const common = { userIds, link: reportLink(s), year: s.year, bureauId: s.bureauId }
      if (step.action === 'return')
        await notifications.notify({
          ...common,
          kind: 'returned',
          title: `${s.year} 年度填报被退回`,
          body: `退回原因：${step.reason ?? ''}。请于 ${step.resubmitDeadline ?? ''} 前修改后重新上报。`,
        })
      if (step.action === 'approve')
        await notifications.notify({ ...common, kind: 'approved', title: `${s.year} 年度填报已审核通过`, body: '依法治县办已审核通过您单位的年度填报。' })
      if (sentComments > 0)
        await notifications.notify({
          ...common,
          kind: 'commented',
          title: `${s.year} 年度填报收到 ${sentComments} 条批注`,
          body: '依法治县办随退回发来批注，请在填报页查看并逐条答复。',
        })
    },

    /**
     * A comment that reaches the other side: the office's on a returned report (it joins the return at
     * once) tells the bureau; a bureau's answer tells the office that acts on it. An unsent office
     * comment tells no one.
     */
    async commented(s: Report, comment: { authorSide: 'office' | 'bureau'; sent: boolean; text: string }): Promise<void> {
      if (!comment.sent) return
      const office = comment.authorSide === 'office'
      const bureau = await bureaus.requireBureau(s.bureauId)
      await notifications.notify({
        userIds: office ? await notifications.bureauRecipients(s.bureauId) : await notifications.officeRecipients(s.bureauId),
        kind: 'commented',
        title: office ? `${s.year} 年度填报收到新批注` : `${bureau.name}答复了 ${s.year} 年度填报的批注`,
        body: quoted(comment.text),
        link: reportLink(s),
        year: s.year,
        bureauId: s.bureauId,
      })
    },

    /** The office's 销号 check of a done 整改 item: verified, or sent back (退回重改) with its reason. */
    async rectificationChecked(item: RectificationResult, verified: boolean): Promise<void> {
      await notifications.notify({
        userIds: await notifications.bureauRecipients(item.bureauId),
        kind: 'verified',
        title: verified ? '整改事项已销号' : '整改事项被退回重改',
        body: verified ? `整改事项${quoted(item.problem)}已通过销号。` : `整改事项${quoted(item.problem)}被退回重改，原因：${item.returnReason ?? ''}`,
        link: `/rectifications?year=${item.year}`,
        year: item.year,
        bureauId: item.bureauId,
      })
    },

    /** 定稿发布: a year's results published as version N, to every business account; a bureau's link is the ranking it may read. */
    async resultsPublished(year: number, version: number, title: string): Promise<void> {
      const county = await notifications.countyRecipients()
      const message = { kind: 'published' as const, title: `${year} 年度考核结果已发布（第 ${version} 版）`, body: `《${title}》已定稿发布，可查看排名与得分。`, year }
      await notifications.notify({ ...message, userIds: county, link: `/results?year=${year}` })
      await notifications.notify({ ...message, userIds: (await notifications.businessRecipients()).filter((id) => !county.includes(id)), link: `/ranking?year=${year}` })
    },

    /**
     * A bureau that has not reported, `daysLeft` days before the due date; once per bureau account and
     * reminder day (`reminderDay`, one of DUE_REMINDER_DAYS).
     */
    async dueSoon(year: number, bureauId: number, reminderDay: number, daysLeft: number, dueDate: string): Promise<number> {
      return (await notifications.notify({
        userIds: await notifications.bureauRecipients(bureauId),
        kind: 'due',
        title: daysLeft === 0 ? `${year} 年度填报今天截止` : `${year} 年度填报还有 ${daysLeft} 天截止`,
        body: `上报截止日期为 ${dueDate}，您单位尚未上报，请抓紧填报。`,
        link: `/entry?year=${year}`,
        year,
        bureauId,
        dedupeKey: `due:${year}:${reminderDay}`,
      })).length
    },

    /** A bureau that has not reported by the due date; once per bureau account and year. */
    async overdue(year: number, bureauId: number, dueDate: string): Promise<number> {
      return (await notifications.notify({
        userIds: await notifications.bureauRecipients(bureauId),
        kind: 'overdue',
        title: `${year} 年度填报已逾期`,
        body: `上报截止日期 ${dueDate} 已过，您单位尚未上报，请尽快上报。`,
        link: `/entry?year=${year}`,
        year,
        bureauId,
        dedupeKey: `overdue:${year}`,
      })).length
    },
  }
}
export type NotificationEvents = ReturnType<typeof notificationEventsOn>
