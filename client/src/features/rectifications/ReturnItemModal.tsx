import { Form, Input, Modal } from 'antd'

interface ReturnItemModalProps {
  saving: boolean
  onCancel: () => void
  onReturn: (reason: string) => Promise<void>
}

/** 退回重改: the office says why; the bureau sees the reason on the item. */
export function ReturnItemModal({ saving, onCancel, onReturn }: ReturnItemModalProps) {
  const [form] = Form.useForm<{ reason: string }>()
  return (
    <Modal open title="退回重改" okText="退回" okButtonProps={{ danger: true }} confirmLoading={saving} onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => onReturn(v.reason.trim())}>
        <Form.Item
          name="reason"
          label="退回原因"
          rules={[
            { required: true, whitespace: true, message: '请填写退回原因' },
            { max: 500, message: '不超过 500 字' },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} placeholder="如：佐证材料只有制度文件目录，缺少整改前后的对比说明" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
