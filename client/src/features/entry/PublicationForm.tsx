import { APPROVED_PUBLICATION_MESSAGE, isPublishedOnTime, publicationDateProblem, type SubmissionDetail } from '@fazhi/shared'
import { App, Button, DatePicker, Form, Input } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { errorMessage } from '../../components/ErrorState'
import { usePublication } from './queries'
import './entry.css'

interface PublicationFormProps {
  detail: Pick<SubmissionDetail, 'id' | 'year' | 'status' | 'publishedUrl' | 'publishedAt'>
  /** The cycle's publication deadline, to flag a late date. */
  publishDeadline?: string
  editable: boolean
  onSaved?: (fresh: SubmissionDetail) => void
}

const URL_PATTERN = /^https?:\/\/\S+$/i

/**
 * Where and when the annual report was made public (feeds 年度报告4月1日前向社会公开). Fixed once the
 * report is approved: the office reopens it first.
 */
export function PublicationForm({ detail, publishDeadline, editable, onSaved }: PublicationFormProps) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ publishedUrl: string; publishedAt: Dayjs | null }>()
  const publication = usePublication()
  const [editing, setEditing] = useState(false)
  const approved = detail.status === 'approved'
  const late = detail.publishedAt !== null && publishDeadline !== undefined && !isPublishedOnTime(detail.publishedAt, publishDeadline)

  if (!editing)
    return (
      <div>
        <div className="publication-line">
          <span className="label">公开网址：</span>
          {detail.publishedUrl ? (
            <a href={detail.publishedUrl} target="_blank" rel="noopener noreferrer">
              {detail.publishedUrl}
            </a>
          ) : (
            <span className="text-muted">未填写</span>
          )}
        </div>
        <div className="publication-line">
          <span className="label">公开日期：</span>
          {detail.publishedAt ?? <span className="text-muted">未填写</span>}
          {late && <span className="text-bad">（晚于公开截止日期 {publishDeadline}）</span>}
        </div>
        {publishDeadline && <div className="ind-hint">须在 {publishDeadline} 前向社会公开</div>}
        {approved && (
          <div className="ind-hint" data-publication-fixed>
            {APPROVED_PUBLICATION_MESSAGE}
          </div>
        )}
        {editable && !approved && (
          <Button style={{ marginTop: 8 }} onClick={() => setEditing(true)}>
            {detail.publishedUrl ? '修改公开信息' : '填写公开信息'}
          </Button>
        )}
      </div>
    )

  const finish = async (v: { publishedUrl: string; publishedAt: Dayjs | null }) => {
    try {
      const fresh = await publication.mutateAsync({ id: detail.id, publishedUrl: v.publishedUrl.trim(), publishedAt: v.publishedAt!.format('YYYY-MM-DD') })
      message.success('公开信息已保存')
      setEditing(false)
      onSaved?.(fresh)
    } catch (err) {
      message.error(errorMessage(err))
    }
  }

  return (
    <Form
      form={form}
      layout="vertical"
      size="middle"
      initialValues={{ publishedUrl: detail.publishedUrl ?? '', publishedAt: detail.publishedAt ? dayjs(detail.publishedAt) : null }}
      onFinish={finish}
    >
      <Form.Item
        name="publishedUrl"
        label="公开网址"
        rules={[
          { required: true, whitespace: true, message: '请填写公开网址' },
          { pattern: URL_PATTERN, message: '应为 http:// 或 https:// 开头的网址' },
          { max: 500, message: '网址过长' },
        ]}
      >
        <Input placeholder="https://" />
      </Form.Item>
      <Form.Item
        name="publishedAt"
        label="公开日期"
        extra={`应在 ${detail.year} 年度结束后、且不晚于今天`}
        rules={[
          { required: true, message: '请选择公开日期' },
          {
            validator: async (_, d: Dayjs | null) => {
              const problem = d && publicationDateProblem(detail.year, d.format('YYYY-MM-DD'), new Date())
              if (problem) throw new Error(problem)
            },
          },
        ]}
      >
        <DatePicker
          style={{ width: '100%' }}
          disabledDate={(d) => publicationDateProblem(detail.year, d.format('YYYY-MM-DD'), new Date()) !== null}
        />
      </Form.Item>
      <div className="side-actions-row">
        <Button onClick={() => setEditing(false)}>取消</Button>
        <Button type="primary" htmlType="submit" loading={publication.isPending}>
          保存
        </Button>
      </div>
    </Form>
  )
}
