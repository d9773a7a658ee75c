import {
  DELIVERY_CHANNEL_LABELS,
  DELIVERY_CHANNELS,
  type DeliveryChannel,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  type NotificationKind,
  NotificationPreferences,
} from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Form, Input, message, Spin, Switch, Table } from 'antd'
import { useState } from 'react'
import { ErrorState, errorMessage } from '../../components/ErrorState'
import { Section } from '../../components/Panel'
import { preferencesQuery, useSavePreferences } from './queries'

type Channels = NotificationPreferences['channels']
interface Contact {
  email: string
  mobile: string
}

/** A field's rule from the shared schema, so the form says what the server would. */
const ruleOf = (field: 'email' | 'mobile') => ({
  validator: async (_: unknown, value: string | undefined) => {
    const text = value?.trim()
    if (!text) return
    const checked = NotificationPreferences.shape[field].safeParse(text)
    if (!checked.success) throw new Error(checked.error.issues[0].message)
  },
})

const isOn = (channels: Channels, kind: NotificationKind, channel: DeliveryChannel) => channels[kind]?.[channel] !== false

/** 接收设置: the user's e-mail and mobile number, and which kinds of message reach them on each outbound channel. */
export function PreferencesSection() {
  const stored = useQuery(preferencesQuery())
  const save = useSavePreferences()
  const [form] = Form.useForm<Contact>()
  /** The switches as the user set them, until saved. */
  const [edited, setEdited] = useState<Channels | null>(null)
  const [messages, messageHolder] = message.useMessage()

  if (stored.isPending) return <Spin className="page-spin" />
  if (stored.isError) return <ErrorState error={stored.error} onRetry={() => stored.refetch()} />

  const channels = edited ?? stored.data.channels
  const toggle = (kind: NotificationKind, channel: DeliveryChannel, on: boolean) => setEdited({ ...channels, [kind]: { ...channels[kind], [channel]: on } })

  const submit = (contact: Contact) =>
    save.mutate(
      { email: contact.email?.trim() || null, mobile: contact.mobile?.trim() || null, channels },
      {
        onSuccess: () => {
          setEdited(null)
          void messages.success('接收设置已保存')
        },
      },
    )

  return (
    <div className="notification-prefs">
    <Section title="接收设置">
      {messageHolder}
      <p className="notification-prefs-note">站内消息始终送达消息中心。依法治县办开通电子邮件或短信/群机器人渠道后，您可在此选择哪些消息同时通过这些渠道发送给您。</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ email: stored.data.email ?? '', mobile: stored.data.mobile ?? '' }}
        onFinish={submit}
        className="notification-prefs-form"
      >
        <div className="notification-prefs-fields">
          <Form.Item name="email" label="电子邮箱" rules={[ruleOf('email')]}>
            <Input size="large" type="email" inputMode="email" autoComplete="email" placeholder="例如 fzb@example.gov.cn" />
          </Form.Item>
          <Form.Item name="mobile" label="手机号" rules={[ruleOf('mobile')]}>
            <Input size="large" inputMode="tel" autoComplete="tel" placeholder="11 位手机号" />
          </Form.Item>
        </div>
        <Table
          className="notification-prefs-table"
          size="small"
          pagination={false}
          rowKey="kind"
          dataSource={NOTIFICATION_KINDS.map((kind) => ({ kind }))}
          columns={[
            { title: '消息类型', dataIndex: 'kind', render: (kind: NotificationKind) => NOTIFICATION_KIND_LABELS[kind] },
            ...DELIVERY_CHANNELS.map((channel) => ({
              title: DELIVERY_CHANNEL_LABELS[channel],
              key: channel,
              align: 'center' as const,
              render: (_: unknown, { kind }: { kind: NotificationKind }) => (
                <label className="notification-switch">
                  <Switch
                    checked={isOn(channels, kind, channel)}
                    onChange={(on) => toggle(kind, channel, on)}
                    aria-label={`${NOTIFICATION_KIND_LABELS[kind]}：${DELIVERY_CHANNEL_LABELS[channel]}`}
                  />
                </label>
              ),
            })),
          ]}
        />
        {save.isError && <Alert type="error" showIcon className="notification-prefs-error" message={`保存失败：${errorMessage(save.error)}`} />}
        <Button type="primary" size="large" htmlType="submit" loading={save.isPending} className="notification-prefs-save">
          保存接收设置
        </Button>
      </Form>
    </Section>
    </div>
  )
}
