import { SendOutlined } from '@ant-design/icons'
import { chaseMessage, daysUntilDue } from '@fazhi/shared'
import { App, Button, Modal, Typography } from 'antd'
import { useState } from 'react'
import { chasePlan, chaseResultText } from './chase'
import { useChase } from './queries'
import type { CountyReminders } from './remind'

/**
 * 一键催报: a message to every bureau of the list that has not reported, worded by how late it is.
 * The dialog shows how many bureaus get which level and the wording each level reads.
 */
export function ChaseButton({ reminders }: { reminders: CountyReminders }) {
  const { message } = App.useApp()
  const [open, setOpen] = useState(false)
  const chase = useChase()
  const plan = chasePlan(reminders)
  const now = new Date()

  const send = () =>
    chase.mutate(
      { year: reminders.year },
      {
        onSuccess: (result) => {
          setOpen(false)
          message.success({ content: chaseResultText(result), duration: 6 })
        },
        onError: (err) => message.error(err instanceof Error ? err.message : '催报失败，请稍后重试'),
      },
    )

  return (
    <>
      <Button type="primary" icon={<SendOutlined />} disabled={plan.length === 0} onClick={() => setOpen(true)}>
        一键催报
      </Button>
      <Modal
        title={`一键催报：${plan.reduce((n, g) => n + g.bureaus.length, 0)} 个尚未上报的单位`}
        open={open}
        okText="发送催报"
        cancelText="取消"
        confirmLoading={chase.isPending}
        onOk={send}
        onCancel={() => setOpen(false)}
        width={640}
      >
        <Typography.Paragraph type="secondary">
          将通过站内消息及已开启的邮件、短信/群机器人渠道发送，并留下催报记录。逾期上报的单位已经上报，不再催报；今日已按同一级别催报的单位不会重复发送。
        </Typography.Paragraph>
        {plan.map(({ level, label, bureaus }) => {
          const sample = bureaus[0]
          const preview = chaseMessage({
            level,
            year: reminders.year,
            bureauName: sample.name,
            dueDate: reminders.dueDate,
            status: sample.status,
            daysOverdue: sample.daysOverdue,
            daysLeft: daysUntilDue(reminders.dueDate, now),
            at: now,
          })
          return (
            <section key={level} className="chase-preview" data-level={level}>
              <Typography.Title level={5}>
                {label}：{bureaus.length} 个单位
              </Typography.Title>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}>
                {bureaus.map((b) => b.name).join('、')}
              </Typography.Paragraph>
              <blockquote className="chase-preview-text">
                <b>{preview.title}</b>
                <br />
                {preview.body}
              </blockquote>
            </section>
          )
        })}
      </Modal>
    </>
  )
}
