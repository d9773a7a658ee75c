import { type Bureau, existsIn } from '@fazhi/shared'
import { Alert, App, Form, InputNumber, Modal, Select } from 'antd'
import { useState } from 'react'
import { errorMessage } from '../../components/ErrorState'
import { useOrganisationMutations } from './queries'

interface FormValues {
  successorId: number
  lastYear: number
}

/** 合并: the bureau ends at its last year; the successor, which exists the year after, carries its history. */
export function MergeModal({ bureau, bureaus, onClose }: { bureau: Bureau; bureaus: readonly Bureau[]; onClose: () => void }) {
  const { message } = App.useApp()
  const { mergeBureau } = useOrganisationMutations()
  const [form] = Form.useForm<FormValues>()
  const [error, setError] = useState<string | null>(null)
  const lastYear = Form.useWatch('lastYear', form) ?? bureau.activeUntil ?? new Date().getFullYear() - 1
  const candidates = bureaus.filter((b) => b.id !== bureau.id && b.successorId === null)

  const finish = async (v: FormValues) => {
    setError(null)
    try {
      await mergeBureau.mutateAsync({ id: bureau.id, successorId: v.successorId, lastYear: v.lastYear, version: bureau.version })
      message.success(`${bureau.name}已合并，历年数据在合并后的单位下查看`)
      onClose()
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  return (
    <Modal open title={`合并单位：${bureau.name}`} okText="合并" okButtonProps={{ danger: true }} confirmLoading={mergeBureau.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Alert
        className="page-alert"
        type="info"
        showIcon
        title="合并后该单位在最后年度之后不再填报、不计入上报率；其历年排名和得分在合并后单位的“历年排名”中显示。"
      />
      <Form<FormValues> form={form} layout="vertical" name="merge-form" initialValues={{ lastYear }} onFinish={finish}>
        <Form.Item name="lastYear" label="最后年度" extra="该单位最后一个填报年度" rules={[{ required: true, message: '请填写最后年度' }]}>
          <InputNumber<number> min={bureau.activeFrom} max={2100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="successorId" label="合并入" extra={`须在 ${lastYear + 1} 年度存在`} rules={[{ required: true, message: '请选择合并后的单位' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择单位"
            options={candidates.map((b) => ({ value: b.id, label: b.name, disabled: !existsIn(b, lastYear + 1) }))}
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  )
}
