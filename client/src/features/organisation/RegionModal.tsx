import { REGION_LEVEL_LABELS, REGION_LEVELS, type Region, type RegionBody } from '@fazhi/shared'
import { Alert, App, Form, Input, Modal, Select } from 'antd'
import { useState } from 'react'
import { errorMessage } from '../../components/ErrorState'
import { useOrganisationMutations } from './queries'

/** 新增地区: under an existing region (a level below it) or as a new root. */
export function RegionModal({ regions, parentId, onClose }: { regions: readonly Region[]; parentId: number | null; onClose: () => void }) {
  const { message } = App.useApp()
  const { createRegion } = useOrganisationMutations()
  const [form] = Form.useForm<RegionBody>()
  const [error, setError] = useState<string | null>(null)
  const parent = regions.find((r) => r.id === parentId)
  const levels = REGION_LEVELS.filter((l) => !parent || REGION_LEVELS.indexOf(l) > REGION_LEVELS.indexOf(parent.level))

  const finish = async (v: RegionBody) => {
    setError(null)
    try {
      const saved = await createRegion.mutateAsync({ ...v, parentId: v.parentId ?? null })
      message.success(`已新增地区 ${saved.name}`)
      onClose()
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  return (
    <Modal open title="新增地区" okText="新增" confirmLoading={createRegion.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form<RegionBody> form={form} layout="vertical" name="region-form" initialValues={{ parentId, level: levels[0] }} onFinish={finish}>
        <Form.Item name="parentId" label="上级地区">
          <Select allowClear placeholder="无（顶级地区）" options={regions.map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
        <Form.Item name="code" label="地区编码" rules={[{ required: true, message: '请填写地区编码' }, { pattern: /^[A-Za-z0-9_.-]{1,32}$/, message: '1–32 位字母、数字、下划线、点或连字符' }]}>
          <Input autoComplete="off" placeholder="如 east" />
        </Form.Item>
        <Form.Item name="name" label="地区名称" rules={[{ required: true, whitespace: true, message: '请填写地区名称' }]}>
          <Input placeholder="如 东城区" />
        </Form.Item>
        <Form.Item name="level" label="级别" rules={[{ required: true, message: '请选择级别' }]}>
          <Select options={REGION_LEVELS.map((l) => ({ value: l, label: REGION_LEVEL_LABELS[l] }))} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  )
}
