import { defaultResubmitDeadline, RESUBMIT_WORKING_DAYS, resubmitDeadlineProblem, type ReturnBody, type SubmissionDetail, type SubmissionStatus } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { errorMessage } from '../../components/ErrorState'
import { commentsQuery } from '../comments/queries'
import { targetLabel } from '../comments/targets'
import { indicatorsQuery, useSubmissionAction } from '../entry/queries'
import { useFileNames } from '../evidence/queries'

interface ReviewActionsProps {
  submission: { id: number; status: SubmissionStatus; bureauName: string; year: number }
  size?: 'small' | 'middle'
  /** The server's answer after an action (the submission page rebases its form on it). */
  onDone?: (fresh: SubmissionDetail) => void
}

const REASON_MAX = 500

/** The office's decisions on a report: approve or return a submitted one, reopen an approved one. */
export function ReviewActions({ submission, size = 'small', onDone }: ReviewActionsProps) {
  const { message } = App.useApp()
  const action = useSubmissionAction()
  const [returning, setReturning] = useState(false)
  const { id, status, bureauName, year } = submission

  const run = async (kind: 'approve' | 'reopen' | 'return', returned?: ReturnBody) => {
    try {
      const fresh = await action.mutateAsync({ id, action: kind, returned })
      message.success(kind === 'approve' ? `已审核通过：${bureauName}` : kind === 'reopen' ? `已重新打开：${bureauName}` : `已退回：${bureauName}`)
      onDone?.(fresh)
      return true
    } catch (err) {
      message.error(errorMessage(err))
      return false
    }
  }

  if (status === 'submitted')
    return (
      <>
        <Space size={8}>
          <Popconfirm
            title={`审核通过${bureauName} ${year} 年度报告？`}
            description="通过后报告为只读，如需修改须重新打开。"
            okText="审核通过"
            onConfirm={() => run('approve')}
          >
            <Button size={size} type="primary" loading={action.isPending && action.variables?.action === 'approve'}>
              审核通过
            </Button>
          </Popconfirm>
          <Button size={size} danger onClick={() => setReturning(true)}>
            退回
          </Button>
        </Space>
        {returning && (
          <ReturnModal
            submission={submission}
            title={`退回${bureauName} ${year} 年度报告`}
            pending={action.isPending}
            onCancel={() => setReturning(false)}
            onSubmit={async (returned) => {
              if (await run('return', returned)) setReturning(false)
            }}
          />
        )}
      </>
    )
  if (status === 'approved')
    return (
      <Popconfirm
        title={`重新打开${bureauName} ${year} 年度报告？`}
        description="重新打开后退为草稿，单位修改后须重新上报。"
        okText="重新打开"
        onConfirm={() => run('reopen')}
      >
        <Button size={size} loading={action.isPending}>
          重新打开
        </Button>
      </Popconfirm>
    )
  return null
}

interface ReturnForm {
  reason?: string
  resubmitDeadline: Dayjs
}

/** The reason a return takes when the office leaves it empty and its comments say what to change. */
const SEE_COMMENTS = '详见批注'

/**
 * The return dialog: why, and by when the bureau must resubmit (5 working days unless the office sets
 * another date). The office's unsent comments (批注) go with the return; with them the reason may stay empty.
 */
function ReturnModal({
  submission,
  title,
  pending,
  onCancel,
  onSubmit,
}: {
  submission: { id: number; year: number }
  title: string
  pending: boolean
  onCancel: () => void
  onSubmit: (returned: ReturnBody) => void
}) {
  const [form] = Form.useForm<ReturnForm>()
  const comments = useQuery(commentsQuery(submission.id))
  const indicators = useQuery(indicatorsQuery(submission.year))
  const unsent = useMemo(() => (comments.data ?? []).filter((c) => !c.sent), [comments.data])
  const names = useMemo(() => new Map((indicators.data ?? []).map((i) => [i.code, i.name])), [indicators.data])
  const fileNames = useFileNames(submission.id)
  // Dates are China calendar dates, whatever the browser's zone: the default and the limit come from the shared rules.
  const [initialValues] = useState(() => ({ resubmitDeadline: dayjs(defaultResubmitDeadline(new Date())) }))
  return (
    <Modal open title={title} okText="退回" okButtonProps={{ danger: true }} confirmLoading={pending} onOk={() => form.submit()} onCancel={onCancel} destroyOnHidden>
      {unsent.length > 0 && (
        <div className="return-comments" aria-label="随退回发送的批注">
          <div>以下 {unsent.length} 条批注将随退回一并发给单位：</div>
          <ul>
            {unsent.map((c) => (
              <li key={c.id}>
                <span className="text-muted">{targetLabel(c, names, fileNames)}：</span>
                {c.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => onSubmit({ reason: v.reason?.trim() || SEE_COMMENTS, resubmitDeadline: v.resubmitDeadline.format('YYYY-MM-DD') })}
      >
        <Form.Item
          name="reason"
          label="退回原因"
          extra={unsent.length ? `不填时退回原因为「${SEE_COMMENTS}」。` : '单位将在填报页面看到退回原因，请写明需要修改的内容。'}
          rules={[
            { required: unsent.length === 0, whitespace: true, message: '请填写退回原因' },
            { max: REASON_MAX, message: `不超过 ${REASON_MAX} 字` },
          ]}
        >
          <Input.TextArea rows={4} maxLength={REASON_MAX} showCount placeholder="例如：规范性文件审查率与台账不一致，请核实后重新上报" autoFocus />
        </Form.Item>
        <Form.Item
          name="resubmitDeadline"
          label="重报期限"
          extra={`默认为 ${RESUBMIT_WORKING_DAYS} 个工作日（按周一至周五计算，未扣除法定节假日，请按需调整）。单位在期限当日 24 时前重新上报的，仍按首次上报时间计算是否按时。`}
          rules={[{ required: true, message: '请选择重报期限' }]}
        >
          <DatePicker style={{ width: '100%' }} allowClear={false} aria-label="重报期限" disabledDate={(d) => resubmitDeadlineProblem(d.format('YYYY-MM-DD'), new Date()) !== null} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
