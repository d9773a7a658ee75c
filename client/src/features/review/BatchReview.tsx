import { BATCH_REVIEW_MAX, defaultResubmitDeadline, RESUBMIT_WORKING_DAYS, resubmitDeadlineProblem, type SubmissionListRow } from '@fazhi/shared'
import { App, Button, DatePicker, Form, Input, Modal } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { errorMessage } from '../../components/ErrorState'
import { useBatchReview } from '../entry/queries'
import './review.css'

type Selected = Pick<SubmissionListRow, 'id' | 'version' | 'bureauName'>

const REASON_MAX = 500
const ALL_OR_NOTHING = '所选报告一并处理：任何一份不能处理时，全部不执行，并列出原因。'

/**
 * 批量通过 / 批量退回 of the submitted reports selected in the review queue. All or nothing: a refusal
 * names every report that could not be decided and why, and nothing changes.
 */
export function BatchReview({ selected, onDone }: { selected: readonly Selected[]; onDone: () => void }) {
  const { message, modal } = App.useApp()
  const batch = useBatchReview()
  const [returning, setReturning] = useState(false)
  const tooMany = selected.length > BATCH_REVIEW_MAX
  const disabled = selected.length === 0 || tooMany || batch.isPending

  const run = async (request: Parameters<typeof batch.mutateAsync>[0]) => {
    const label = request.action === 'approve' ? '审核通过' : '退回'
    try {
      const result = await batch.mutateAsync(request)
      message.success(`已批量${label} ${result.items.length} 份报告`)
      onDone()
      return true
    } catch (err) {
      modal.error({ title: `批量${label}未执行`, content: errorMessage(err), width: 520 })
      return false
    }
  }

  const confirmApprove = () =>
    modal.confirm({
      title: `批量审核通过 ${selected.length} 份报告？`,
      width: 480,
      content: (
        <div>
          <div>{ALL_OR_NOTHING}通过后报告为只读。</div>
          <ol className="batch-bureau-list" aria-label="将审核通过的单位">
            {selected.map((s) => (
              <li key={s.id}>{s.bureauName}</li>
            ))}
          </ol>
        </div>
      ),
      okText: '全部审核通过',
      onOk: () => run({ action: 'approve', body: { items: selected.map(({ id, version }) => ({ id, version })) } }),
    })

  return (
    <div className="batch-review-bar" data-batch-review>
      <span>{selected.length ? `已选 ${selected.length} 份` : '勾选待审核报告，可批量处理'}</span>
      {tooMany && <span className="text-bad">一次最多处理 {BATCH_REVIEW_MAX} 份</span>}
      <Button size="small" type="primary" disabled={disabled} loading={batch.isPending && batch.variables?.action === 'approve'} onClick={confirmApprove}>
        批量通过
      </Button>
      <Button size="small" danger disabled={disabled} onClick={() => setReturning(true)}>
        批量退回
      </Button>
      {returning && (
        <BatchReturnModal
          selected={selected}
          pending={batch.isPending}
          onCancel={() => setReturning(false)}
          onSubmit={async (items) => {
            if (await run({ action: 'return', body: { items } })) setReturning(false)
          }}
        />
      )}
    </div>
  )
}

interface BatchReturnForm {
  reasons: Record<string, string | undefined>
  resubmitDeadline?: Dayjs | null
}

/** One reason per report, each required; one resubmission deadline for all (5 working days unless set). */
function BatchReturnModal({
  selected,
  pending,
  onCancel,
  onSubmit,
}: {
  selected: readonly Selected[]
  pending: boolean
  onCancel: () => void
  onSubmit: (items: { id: number; version: number; reason: string; resubmitDeadline?: string }[]) => void
}) {
  const [form] = Form.useForm<BatchReturnForm>()
  const [initialValues] = useState(() => ({ resubmitDeadline: dayjs(defaultResubmitDeadline(new Date())) }))
  return (
    <Modal
      open
      title={`批量退回 ${selected.length} 份报告`}
      okText="全部退回"
      okButtonProps={{ danger: true }}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      width={640}
    >
      <p className="text-muted">{ALL_OR_NOTHING}各单位将在填报页面看到各自的退回原因；已写的批注随退回一并发送。</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => {
          const resubmitDeadline = v.resubmitDeadline?.format('YYYY-MM-DD')
          onSubmit(selected.map(({ id, version }) => ({ id, version, reason: v.reasons[id]!.trim(), ...(resubmitDeadline ? { resubmitDeadline } : {}) })))
        }}
      >
        <div className="batch-return-list">
          {selected.map((s) => (
            <Form.Item
              key={s.id}
              name={['reasons', String(s.id)]}
              label={`${s.bureauName} 退回原因`}
              rules={[
                { required: true, whitespace: true, message: `请填写${s.bureauName}的退回原因` },
                { max: REASON_MAX, message: `不超过 ${REASON_MAX} 字` },
              ]}
            >
              <Input.TextArea rows={2} maxLength={REASON_MAX} placeholder="请写明需要修改的内容" aria-label={`${s.bureauName}退回原因`} />
            </Form.Item>
          ))}
        </div>
        <Form.Item
          name="resubmitDeadline"
          label="重报期限（各单位相同）"
          extra={`默认为 ${RESUBMIT_WORKING_DAYS} 个工作日（按周一至周五计算，未扣除法定节假日）；清空则按默认期限。`}
        >
          <DatePicker style={{ width: '100%' }} aria-label="重报期限" disabledDate={(d) => resubmitDeadlineProblem(d.format('YYYY-MM-DD'), new Date()) !== null} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
