import { DELIVERY_CHANNEL_LABELS, type ChannelSettings, type ChannelSettingsBody, type ChannelTestResult, type DeliveryChannel } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Form, Input, InputNumber, message, Spin, Switch } from 'antd'
import { useEffect, useState } from 'react'
import { ErrorState, errorMessage } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Section } from '../../components/Panel'
import { channelSettingsQuery, useSaveChannels, useTestChannel } from './channels.queries'
import { DeliveryLog } from './DeliveryLog'
import './channels.css'

/** The form: the stored settings, with the secrets' fields empty (empty keeps the stored one). */
const formOf = (s: ChannelSettings): ChannelSettingsBody => {
  const { passwordSet: _p, ...email } = s.email
  const { secretSet: _s, ...webhook } = s.webhook
  return { email: { ...email, password: '' }, webhook: { ...webhook, secret: '' } }
}

/** 系统设置 → 消息通道: the county's e-mail and webhook channels, a test send for each, and the delivery log (the office). */
export default function ChannelSettingsPage() {
  const settings = useQuery(channelSettingsQuery())
  const save = useSaveChannels()
  const [form] = Form.useForm<ChannelSettingsBody>()
  const [messages, messageHolder] = message.useMessage()

  useEffect(() => {
    if (settings.data && !form.isFieldsTouched()) form.setFieldsValue(formOf(settings.data))
  }, [form, settings.data])

  if (settings.isPending) return <Spin size="large" className="page-spin" />
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => settings.refetch()} />
  const stored = settings.data

  const submit = (values: ChannelSettingsBody) =>
    save.mutate(values, {
      onSuccess: (saved) => {
        form.resetFields()
        form.setFieldsValue(formOf(saved))
        void messages.success('消息通道设置已保存')
      },
    })

  return (
    <div className="page channels-page">
      {messageHolder}
      <PageHeader title="消息通道" subtitle="站内消息总会送达；电子邮件和 Webhook（短信网关、政务钉钉/企业微信机器人）由依法治县办配置后启用" />
      <Form form={form} layout="vertical" initialValues={formOf(stored)} onFinish={submit} requiredMark={false} className="channels-form">
        {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} className="page-alert" />}
        <Section title={DELIVERY_CHANNEL_LABELS.email} extra={<ChannelSwitch name={['email', 'enabled']} label="启用电子邮件通道" />}>
          <div className="channels-grid">
            <Form.Item name={['email', 'host']} label="SMTP 服务器">
              <Input placeholder="smtp.example.gov.cn" autoComplete="off" />
            </Form.Item>
            <Form.Item name={['email', 'port']} label="端口" rules={[{ required: true, type: 'integer', min: 1, max: 65535, message: '端口应为 1–65535 之间的整数' }]}>
              <InputNumber min={1} max={65535} precision={0} className="channels-port" />
            </Form.Item>
            <Form.Item name={['email', 'secure']} label="SSL/TLS 加密连接" valuePropName="checked" extra="端口 465 通常须开启；587/25 端口在服务器支持时自动使用 STARTTLS">
              <Switch aria-label="SSL/TLS 加密连接" />
            </Form.Item>
            <Form.Item name={['email', 'from']} label="发件地址" rules={[{ type: 'email', message: '发件地址格式不正确' }]}>
              <Input placeholder="fazhi@example.gov.cn" autoComplete="off" />
            </Form.Item>
            <Form.Item name={['email', 'username']} label="登录用户名" extra="服务器不要求登录时留空">
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name={['email', 'password']} label="登录密码" extra={stored.email.passwordSet ? '已设置；留空则保持不变' : '尚未设置'}>
              <Input.Password autoComplete="new-password" placeholder={stored.email.passwordSet ? '••••••（不修改请留空）' : ''} />
            </Form.Item>
          </div>
          <ChannelTest channel="email" placeholder="测试收件邮箱（默认为本账号登记的邮箱）" />
        </Section>
        <Section title={DELIVERY_CHANNEL_LABELS.webhook} extra={<ChannelSwitch name={['webhook', 'enabled']} label="启用 Webhook 通道" />}>
          <p className="channels-note">
            每条消息以 JSON（kind、title、body、link、mobile、sentAt）POST 到该地址；返回 2xx 即为送达，否则按 1 分钟、5 分钟、30 分钟、2 小时重试，共 5 次。设置签名密钥后，请求头
            X-Fazhi-Signature 携带请求体的 HMAC-SHA256 签名。
          </p>
          <div className="channels-grid">
            <Form.Item name={['webhook', 'url']} label="Webhook 地址" className="channels-wide">
              <Input placeholder="https://sms.example.gov.cn/hook" autoComplete="off" />
            </Form.Item>
            <Form.Item name={['webhook', 'secret']} label="签名密钥" extra={stored.webhook.secretSet ? '已设置；留空则保持不变' : '可选'}>
              <Input.Password autoComplete="new-password" placeholder={stored.webhook.secretSet ? '••••••（不修改请留空）' : ''} />
            </Form.Item>
          </div>
          <ChannelTest channel="webhook" placeholder="测试手机号（可选）" />
        </Section>
        <div className="channels-actions">
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存设置
          </Button>
        </div>
      </Form>
      <DeliveryLog />
    </div>
  )
}

function ChannelSwitch({ name, label }: { name: [DeliveryChannel, 'enabled']; label: string }) {
  return (
    <Form.Item name={name} valuePropName="checked" noStyle>
      <Switch checkedChildren="已启用" unCheckedChildren="已关闭" aria-label={label} />
    </Form.Item>
  )
}

/** 发送测试: one message now through the stored settings, and its outcome. */
function ChannelTest({ channel, placeholder }: { channel: DeliveryChannel; placeholder: string }) {
  const test = useTestChannel()
  const [to, setTo] = useState('')
  const [result, setResult] = useState<ChannelTestResult | null>(null)
  const send = () => {
    setResult(null)
    test.mutate({ channel, ...(to.trim() && { to: to.trim() }) }, { onSuccess: setResult })
  }
  return (
    <div className="channels-test">
      <div className="channels-test-row">
        <Input
          value={to}
          onChange={(e) => setTo(e.target.value)}
          placeholder={placeholder}
          aria-label={placeholder}
          onPressEnter={(e) => {
            // Enter here sends the test, not the settings form around it.
            e.preventDefault()
            send()
          }}
        />
        <Button onClick={send} loading={test.isPending}>
          发送测试
        </Button>
      </div>
      <div className="channels-note">测试使用已保存的设置；修改后请先保存。</div>
      {test.error && <Alert type="error" showIcon title={errorMessage(test.error)} />}
      {result && (
        <Alert
          type={result.delivered ? 'success' : 'error'}
          showIcon
          title={result.delivered ? '测试消息已送达' : '测试消息发送失败'}
          description={result.error ?? undefined}
        />
      )}
    </div>
  )
}
