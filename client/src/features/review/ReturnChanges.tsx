import type { Indicator, ValueChange, ValueState } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Alert, Skeleton, Table, type TableColumnsType } from 'antd'
import { useMemo } from 'react'
import { errorMessage } from '../../components/ErrorState'
import { formatDateTime } from '../../lib/format'
import { fieldText } from '../entry/form'
import './review.css'
import { indicatorsQuery, submissionChangesQuery } from '../entry/queries'

/** A value as the comparison shows it: 是/否, the number with its unit, 不适用, 未填写; and its note under it. */
function StateCell({ indicator, state }: { indicator?: Pick<Indicator, 'kind' | 'unit'>; state: ValueState | null }) {
  const text = indicator ? fieldText(indicator, { value: state?.value ?? null, notApplicable: state?.notApplicable ?? false, note: '' }) : String(state?.value ?? '未填写')
  return (
    <div>
      <div>{text}</div>
      {state?.note && <div className="text-muted return-change-note">备注：{state.note}</div>}
    </div>
  )
}

/**
 * 自退回以来的修改: each value the bureau changed since the latest return (指标, 退回时, 现在) and the
 * evidence files it added or deleted; says so when the return predates the comparison.
 */
export function ReturnChanges({ submission }: { submission: { id: number; year: number } }) {
  const changes = useQuery(submissionChangesQuery(submission.id))
  const indicators = useQuery(indicatorsQuery(submission.year))
  const byCode = useMemo(() => new Map((indicators.data ?? []).map((i) => [i.code, i])), [indicators.data])
  if (changes.isError) return <Alert type="error" showIcon message="自退回以来的修改未能加载" description={errorMessage(changes.error)} />
  if (!changes.data) return <Skeleton active paragraph={{ rows: 2 }} />
  const { returnedAt, unavailable, values, files } = changes.data
  const columns: TableColumnsType<ValueChange> = [
    { title: '指标', dataIndex: 'name', width: '40%' },
    { title: '退回时', key: 'before', render: (_, c) => <StateCell indicator={byCode.get(c.indicator)} state={c.before} /> },
    { title: '现在', key: 'after', render: (_, c) => <StateCell indicator={byCode.get(c.indicator)} state={c.after} /> },
  ]
  return (
    <section className="return-changes" aria-label="自退回以来的修改">
      <div className="return-changes-title">
        <b>自退回以来的修改</b>
        {returnedAt && <span className="text-muted">（{formatDateTime(returnedAt)} 退回）</span>}
      </div>
      {unavailable ? (
        <div className="text-muted" data-changes-unavailable>
          {unavailable}
        </div>
      ) : values.length === 0 && files.added.length === 0 && files.removed.length === 0 ? (
        <div className="text-muted" data-changes-none>
          退回以来数值和佐证材料均未修改
        </div>
      ) : (
        <>
          {values.length > 0 && (
            <Table<ValueChange> size="small" rowKey="indicator" columns={columns} dataSource={values} pagination={false} aria-label="修改的指标" />
          )}
          {files.added.length > 0 && <div>新增佐证材料：{files.added.map((f) => f.name).join('、')}</div>}
          {files.removed.length > 0 && <div>删除佐证材料：{files.removed.map((f) => f.name).join('、')}</div>}
        </>
      )}
    </section>
  )
}
