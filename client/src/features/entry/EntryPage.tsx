import { can, type Cycle, existsIn } from '@fazhi/shared'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { App, Button, Result, Select, Skeleton, Space } from 'antd'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { errorMessage, ErrorState } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Section } from '../../components/Panel'
import { useCurrentUser } from '../auth/session'
import { bureausQuery } from '../catalog/queries'
import { YearSelect } from '../catalog/YearSelect'
import { submissionIdQuery, useCreateSubmission } from './queries'
import { SubmissionWorkspace } from './SubmissionWorkspace'
import { useYear } from '../catalog/useYear'
import { entryYear } from './form'

/** `/entry?year=`: a bureau user's own report for the year, its draft created on the first visit. */
export default function EntryPage() {
  return (
    <App component={false}>
      <EntryRoute />
    </App>
  )
}

function EntryRoute() {
  const user = useCurrentUser()
  const { year, setYear, cycles } = useYear(entryYear)
  const yearSelect = <YearSelect cycles={cycles.data ?? []} value={year} onChange={setYear} />

  if (cycles.isError)
    return (
      <div className="page">
        <PageHeader title="年度填报" />
        <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />
      </div>
    )
  if (!cycles.data || year === null)
    return (
      <div className="page">
        <PageHeader title="年度填报" extra={yearSelect} />
        {cycles.data ? <Result status="info" title="尚未设立填报周期" subTitle="请联系依法治县办设立年度填报周期。" /> : <Skeleton active paragraph={{ rows: 12 }} />}
      </div>
    )
  const cycle = cycles.data.find((c) => c.year === year)!
  const county = can(user, 'allBureaus')
  if (!county && user.bureauId !== null) return <OwnEntry key={cycle.year} cycle={cycle} yearSelect={yearSelect} />
  if (county && can(user, 'editBusiness')) return <OfficeEntry cycle={cycle} yearSelect={yearSelect} />
  return (
    <div className="page">
      <PageHeader title="年度填报" />
      <Result status="info" title="填报由各单位完成" subTitle="可在审核页面查看各单位的填报情况。" extra={<Link to={`/review?year=${year}`}><Button type="primary">查看审核列表</Button></Link>} />
    </div>
  )
}

function OwnEntry({ cycle, yearSelect }: { cycle: Cycle; yearSelect: ReactNode }) {
  const id = useQuery(submissionIdQuery(cycle.year, null))
  const create = useCreateSubmission()
  const needsDraft = id.data === null && !cycle.locked
  const requested = useRef(false)
  useEffect(() => {
    if (!needsDraft || requested.current) return
    requested.current = true
    create.mutate({ year: cycle.year, bureauId: null })
  }, [needsDraft, create, cycle.year])

  if (typeof id.data === 'number') return <SubmissionWorkspace key={id.data} id={id.data} headerExtra={yearSelect} />
  const error = id.error ?? create.error
  return (
    <div className="page">
      <PageHeader title={`${cycle.year} 年度法治政府建设填报`} extra={yearSelect} />
      {error ? (
        <ErrorState error={error} onRetry={() => (id.isError ? id.refetch() : create.mutate({ year: cycle.year, bureauId: null }))} />
      ) : id.data === null && cycle.locked ? (
        <Result status="info" title={`${cycle.year} 年度已锁定`} subTitle="本单位该年度没有填报记录，锁定的年度不能再新建填报。" />
      ) : (
        <Skeleton active paragraph={{ rows: 14 }} />
      )}
    </div>
  )
}

/** The office may fill a bureau's report on its behalf: pick the bureau, then open (or create) its submission. */
function OfficeEntry({ cycle, yearSelect }: { cycle: Cycle; yearSelect: ReactNode }) {
  const { message } = App.useApp()
  const bureaus = useQuery(bureausQuery())
  const queryClient = useQueryClient()
  const create = useCreateSubmission()
  const navigate = useNavigate()
  const [bureauId, setBureauId] = useState<number | null>(null)
  const [opening, setOpening] = useState(false)

  const open = async () => {
    if (bureauId === null) return
    setOpening(true)
    try {
      const existing = await queryClient.fetchQuery(submissionIdQuery(cycle.year, bureauId))
      const id = existing ?? (cycle.locked ? null : (await create.mutateAsync({ year: cycle.year, bureauId })).id)
      if (id === null) message.warning(`${cycle.year} 年度已锁定，该单位没有填报记录`)
      else await navigate(`/submissions/${id}`)
    } catch (err) {
      message.error(errorMessage(err))
    } finally {
      setOpening(false)
    }
  }

  return (
    <div className="page">
      <PageHeader title="代单位填报" subtitle="选择单位后打开其年度填报；尚无填报的单位将新建草稿。" extra={yearSelect} />
      <Section title={`${cycle.year} 年度`}>
        <Space size={12} wrap>
          <Select
            aria-label="选择单位"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="请选择单位"
            style={{ width: 320 }}
            loading={bureaus.isPending}
            value={bureauId ?? undefined}
            onChange={setBureauId}
            options={(bureaus.data ?? []).filter((b) => existsIn(b, cycle.year)).map((b) => ({ value: b.id, label: b.name }))}
          />
          <Button type="primary" disabled={bureauId === null} loading={opening} onClick={open}>
            打开填报
          </Button>
        </Space>
      </Section>
    </div>
  )
}

