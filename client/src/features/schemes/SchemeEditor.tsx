import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { CATEGORIES, GRADES, NEW_INDICATOR_KINDS, INDICATOR_KIND_LABELS, type Rule, RULE_KINDS, RULE_LABELS, type Scheme, type SchemeDraft } from '@fazhi/shared'
import { Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Table, type TableColumnsType } from 'antd'
import { useState } from 'react'

type Indicator = SchemeDraft['indicators'][number]

/** A rule of `kind` with sensible starting numbers (kept from the old rule where it has them). */
export function ruleOfKind(kind: Rule['kind'], old: Rule): Rule {
  const points = 'points' in old ? old.points : 1
  const cap = 'cap' in old ? old.cap : null
  switch (kind) {
    case 'attainment':
      return { kind }
    case 'perUnit':
    case 'perViolation':
      return { kind, points, cap }
    case 'perPercentPoint':
    case 'bonus':
      return { kind, points }
    case 'veto':
      return { kind, threshold: 1, gradeCap: '合格' }
  }
}

function RuleCell({ ind, onChange }: { ind: Indicator; onChange: (rule: Rule) => void }) {
  const { rule } = ind
  return (
    <Space wrap size={4}>
      <Select aria-label={`评分规则 ${ind.code}`} size="small" style={{ width: 130 }} value={rule.kind} options={RULE_KINDS.map((k) => ({ value: k, label: RULE_LABELS[k] }))} onChange={(k) => onChange(ruleOfKind(k, rule))} />
      {'points' in rule && (
        <InputNumber aria-label={`规则分值 ${ind.code}`} size="small" min={0.01} step={0.1} style={{ width: 76 }} value={rule.points} addonAfter="分" onChange={(v) => v !== null && onChange({ ...rule, points: v })} />
      )}
      {'cap' in rule && (
        <InputNumber aria-label={`扣分上限 ${ind.code}`} size="small" min={0.01} step={0.1} style={{ width: 96 }} placeholder="不设上限" value={rule.cap} onChange={(v) => onChange({ ...rule, cap: v })} />
      )}
      {rule.kind === 'veto' && (
        <>
          <InputNumber aria-label={`否决阈值 ${ind.code}`} size="small" min={0} style={{ width: 70 }} value={rule.threshold} onChange={(v) => v !== null && onChange({ ...rule, threshold: v })} />
          <Select aria-label={`等次上限 ${ind.code}`} size="small" style={{ width: 90 }} value={rule.gradeCap} options={GRADES.map((g) => ({ value: g, label: `不高于${g}` }))} onChange={(g) => onChange({ ...rule, gradeCap: g })} />
        </>
      )}
    </Space>
  )
}

interface EditorProps {
  scheme: Scheme
  draft: SchemeDraft
  onChange: (draft: SchemeDraft) => void
}

/** The year's categories and indicators as an editable table, and the scheme's settings. */
export function SchemeEditor({ scheme, draft, onChange }: EditorProps) {
  const [adding, setAdding] = useState(false)
  const setIndicator = (code: string, patch: Partial<Indicator>) => onChange({ ...draft, indicators: draft.indicators.map((i) => (i.code === code ? { ...i, ...patch } : i)) })
  const categoryName = new Map(draft.categories.map((c) => [c.code, c.name]))
  const points = (code: string) => draft.indicators.filter((i) => i.category === code).reduce((s, i) => s + i.weight, 0)
  const rows = draft.categories.flatMap((c) => draft.indicators.filter((i) => i.category === c.code))
  const kindOf = (code: string) => scheme.indicators.find((i) => i.code === code)?.kind ?? draft.indicators.find((i) => i.code === code)?.kind

  const columns: TableColumnsType<Indicator> = [
    { title: '类别', key: 'category', width: 110, render: (_, r) => `${categoryName.get(r.category) ?? r.category}（${Math.round(points(r.category) * 100) / 100}分）` },
    { title: '指标', key: 'name', width: 220, render: (_, r) => <div><div>{r.name}</div><div className="scheme-code">{r.code}{kindOf(r.code) ? ` · ${INDICATOR_KIND_LABELS[kindOf(r.code)!]}` : ''}</div></div> },
    { title: '分值', key: 'weight', width: 84, render: (_, r) => <InputNumber aria-label={`分值 ${r.code}`} size="small" min={0} step={0.5} style={{ width: 72 }} value={r.weight} onChange={(v) => setIndicator(r.code, { weight: v ?? 0 })} /> },
    { title: '目标值', key: 'target', width: 96, render: (_, r) => <InputNumber aria-label={`目标值 ${r.code}`} size="small" min={0} style={{ width: 84 }} value={r.target} onChange={(v) => setIndicator(r.code, { target: v })} /> },
    { title: '评分规则', key: 'rule', width: 330, render: (_, r) => <RuleCell ind={r} onChange={(rule) => setIndicator(r.code, { rule })} /> },
    {
      title: '适用单位类别',
      key: 'appliesTo',
      width: 170,
      render: (_, r) => (
        <Select
          aria-label={`适用单位类别 ${r.code}`}
          size="small"
          mode="tags"
          style={{ width: 158 }}
          placeholder="全部单位"
          value={r.appliesTo ?? []}
          options={scheme.bureauCategories.map((c) => ({ value: c, label: c }))}
          onChange={(v: string[]) => setIndicator(r.code, { appliesTo: v.length ? v : null })}
        />
      ),
    },
    {
      title: '需佐证',
      key: 'evidenceRequired',
      width: 72,
      align: 'center',
      render: (_, r) => (
        <Checkbox aria-label={`需佐证材料 ${r.code}`} checked={r.evidenceRequired} onChange={(e) => setIndicator(r.code, { evidenceRequired: e.target.checked })} />
      ),
    },
    {
      title: '',
      key: 'retire',
      width: 48,
      render: (_, r) => (
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`移除 ${r.code}`} title="从本年度方案移除" onClick={() => onChange({ ...draft, indicators: draft.indicators.filter((i) => i.code !== r.code) })} />
      ),
    },
  ]

  const setGrade = (grade: SchemeDraft['grades'][number]['grade'], min: number | null) => {
    const others = draft.grades.filter((g) => g.grade !== grade)
    const grades = min === null ? others : [...others, { grade, min }]
    onChange({ ...draft, grades: (['优秀', '良好', '合格'] as const).flatMap((g) => grades.filter((x) => x.grade === g)) })
  }

  return (
    <>
      <Form layout="inline" className="scheme-settings-form">
        {(['优秀', '良好', '合格'] as const).map((g) => (
          <Form.Item key={g} label={`${g}分数线`}>
            <InputNumber aria-label={`${g}分数线`} min={0} style={{ width: 80 }} value={draft.grades.find((x) => x.grade === g)?.min ?? null} onChange={(v) => setGrade(g, v)} />
          </Form.Item>
        ))}
        <Form.Item label="优秀比例上限">
          <InputNumber aria-label="优秀比例上限" min={0} max={100} style={{ width: 90 }} addonAfter="%" placeholder="不限" value={draft.excellentQuota === null ? null : Math.round(draft.excellentQuota * 1000) / 10} onChange={(v) => onChange({ ...draft, excellentQuota: v === null ? null : v / 100 })} />
        </Form.Item>
        <Form.Item label="加分上限">
          <InputNumber aria-label="加分上限" min={0} style={{ width: 80 }} value={draft.bonusCap} onChange={(v) => onChange({ ...draft, bonusCap: v ?? 0 })} />
        </Form.Item>
        <Form.Item label="逾期扣分">
          <InputNumber aria-label="逾期扣分" min={0} step={0.1} style={{ width: 80 }} value={draft.lateDeduction} onChange={(v) => onChange({ ...draft, lateDeduction: v ?? 0 })} />
        </Form.Item>
      </Form>
      <Table<Indicator> rowKey="code" size="small" bordered pagination={false} columns={columns} dataSource={rows} scroll={{ x: 1060 }} />
      <Button icon={<PlusOutlined />} className="scheme-add" onClick={() => setAdding(true)}>
        新增指标
      </Button>
      <AddIndicatorModal open={adding} draft={draft} onClose={() => setAdding(false)} onAdd={(ind) => onChange({ ...draft, indicators: [...draft.indicators, ind] })} />
    </>
  )
}

function AddIndicatorModal({ open, draft, onClose, onAdd }: { open: boolean; draft: SchemeDraft; onClose: () => void; onAdd: (ind: Indicator) => void }) {
  const [form] = Form.useForm()
  const submit = async () => {
    const v = await form.validateFields()
    onAdd({ code: v.code, category: v.category, name: v.name, unit: v.unit ?? '', kind: v.kind, direction: 'higher', target: v.target ?? null, weight: v.weight ?? 0, enforcementOnly: false, appliesTo: null, rule: { kind: 'attainment' }, plausibleMin: null, plausibleMax: null, yoyMinChange: null, evidenceRequired: false })
    form.resetFields()
    onClose()
  }
  return (
    <Modal title="新增指标" open={open} onCancel={onClose} onOk={() => void submit()} okText="加入方案" destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ category: draft.categories[0]?.code, kind: 'count', weight: 0 }}>
        <Form.Item name="code" label="指标编码" rules={[{ required: true, pattern: /^[a-z][a-z0-9]*\.[a-z][a-z0-9_]*$/, message: '编码格式如 lead.topic_meetings' }, { validator: (_, v) => (draft.indicators.some((i) => i.code === v) ? Promise.reject(new Error('该编码已在方案中')) : Promise.resolve()) }]}>
          <Input placeholder="lead.new_indicator" />
        </Form.Item>
        <Form.Item name="name" label="指标名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="category" label="类别">
          <Select options={draft.categories.map((c) => ({ value: c.code, label: c.name ?? CATEGORIES.find((x) => x.code === c.code)?.name }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label="类型">
            <Select style={{ width: 120 }} options={NEW_INDICATOR_KINDS.map((k) => ({ value: k, label: INDICATOR_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="unit" label="单位">
            <Input style={{ width: 90 }} maxLength={8} />
          </Form.Item>
          <Form.Item name="target" label="目标值">
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="weight" label="分值">
            <InputNumber min={0} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  )
}
