import { ExclamationCircleOutlined, SendOutlined } from '@ant-design/icons'
import type { SubmissionDetail } from '@fazhi/shared'
import { App, Button, Tooltip } from 'antd'
import { errorMessage } from '../../components/ErrorState'
import { useSubmissionAction } from './queries'

interface SubmitButtonProps {
  submission: SubmissionDetail
  /** Why submitting is not possible yet; null enables the button. */
  disabledReason: string | null
  onSubmitted: (fresh: SubmissionDetail) => void
}

/** 上报, after a confirmation: a submitted report can only be changed again once the office returns it. */
export function SubmitButton({ submission, disabledReason, onSubmitted }: SubmitButtonProps) {
  const { message, modal } = App.useApp()
  const submit = useSubmissionAction()

  const confirmSubmit = () =>
    modal.confirm({
      title: `上报${submission.bureauName} ${submission.year} 年度填报？`,
      icon: <ExclamationCircleOutlined />,
      content: '上报后不能再修改；如需修改，须由依法治县办退回。',
      okText: '确认上报',
      onOk: async () => {
        try {
          onSubmitted(await submit.mutateAsync({ id: submission.id, action: 'submit' }))
          message.success('已上报，等待依法治县办审核')
        } catch (err) {
          modal.error({ title: '不能上报', content: errorMessage(err) })
        }
      },
    })

  return (
    <Tooltip title={disabledReason}>
      <Button
        block
        type="primary"
        icon={<SendOutlined />}
        disabled={disabledReason !== null}
        loading={submit.isPending}
        onClick={confirmSubmit}
        style={{ background: disabledReason ? undefined : '#16a34a' }}
      >
        上报
      </Button>
    </Tooltip>
  )
}
