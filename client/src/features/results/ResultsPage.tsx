import { CloudUploadOutlined } from '@ant-design/icons'
import { can, resultVersionLabel, type ResultChanges, type ResultVersion } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Card, Empty, Input, Modal, Skeleton, Space, Tag } from 'antd'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { errorMessage, ErrorState } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Section } from '../../components/Panel'
import { formatDateTime, formatScore } from '../../lib/format'
import { useCurrentUser } from '../auth/session'
import { useYear } from '../catalog/useYear'
import { YearSelect } from '../catalog/YearSelect'
import { keepRegion } from '../regions/regions'
import { resultVersionsQuery, usePublishResults } from './queries'
import { PARAM } from './view'
import './results.css'

/** `/results`: a year's published versions (定稿) and what each changed; the office publishes the next. */
export default function ResultsPage() {
  return (
    <App component={false}>
      <ResultsBody />
    </App>
  )
}

function ResultsBody() {
  const user = useCurrentUser()
  const { year, setYear, cycles } = useYear()
  const versions = useQuery({ ...resultVersionsQuery(year ?? 0), enabled: year !== null })
  const [publishing, setPublishing] = useState(false)
  const list = [...(versions.data ?? [])].reverse()

  let body
  if (cycles.isError) body = <ErrorState error={cycles.error} onRetry={() => cycles.refetch()} />
  else if (versions.isError) body = <ErrorState error={versions.error} onRetry={() => versions.refetch()} />
  else if (year === null || versions.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />
  else if (!list.length) body = <Empty description={`${year} 年度尚未发布定稿`} />
  else body = list.map((v) => <VersionCard key={v.version} year={year} version={v} />)

  return (
    <div className="page">
      <PageHeader
        title="定稿发布"
        subtitle="发布后，总览、排名、单位详情、打印视图和导出默认显示最新定稿；之后的审核和修改只改变实时数据"
        extra={
          <Space wrap>
            {year !== null && can(user, 'publishResults') && (
              <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setPublishing(true)}>
                发布定稿
              </Button>
            )}
            <YearSelect cycles={cycles.data ?? []} value={year} onChange={setYear} />
          </Space>
        }
      />
      <Section>{body}</Section>
      {year !== null && publishing && <PublishModal year={year} next={(versions.data?.length ?? 0) + 1} onClose={() => setPublishing(false)} />}
    </div>
  )
}

function VersionCard({ year, version: v }: { year: number; version: ResultVersion }) {
  const [params] = useSearchParams()
  // The version's ranking, of the region the page was opened with.
  const rankingSearch = keepRegion(params, new URLSearchParams({ year: String(year), [PARAM]: String(v.version) }))
  return (
    <Card
      className="result-version"
      size="small"
      title={
        <Space wrap>
          <b>{resultVersionLabel(v)}</b>
          <span>《{v.title}》</span>
        </Space>
      }
      extra={<Link to={`/ranking?${rankingSearch}`}>查看该版排名</Link>}
    >
      <div className="result-version-meta">
        发布于 {formatDateTime(v.publishedAt)}，发布人 {v.publishedBy ?? '—'}
      </div>
      <Changes version={v.version} changes={v.changes} />
    </Card>
  )
}

/** What a version changed against the one before: ranks moved ↑↓, scores changed, bureaus added or removed. */
function Changes({ version, changes }: { version: number; changes: ResultChanges }) {
  const { ranksMoved, scoresChanged, added, removed } = changes
  if (version === 1) return <div className="text-muted">首次发布</div>
  if (!ranksMoved.length && !scoresChanged.length && !added.length && !removed.length)
    return <div className="text-muted">与第 {version - 1} 版相比，排名和得分均无变化</div>
  return (
    <dl className="result-changes" aria-label={`第${version}版与第${version - 1}版相比的变化`}>
      {added.length > 0 && (
        <>
          <dt>新进入排名</dt>
          <dd>
            {added.map((a) => (
              <Tag key={a.bureauId} color="blue">
                {a.name} 第 {a.rank} 名（{formatScore(a.score)} 分）
              </Tag>
            ))}
          </dd>
        </>
      )}
      {removed.length > 0 && (
        <>
          <dt>退出排名</dt>
          <dd>
            {removed.map((r) => (
              <Tag key={r.bureauId}>
                {r.name}（原第 {r.rank} 名）
              </Tag>
            ))}
          </dd>
        </>
      )}
      {ranksMoved.length > 0 && (
        <>
          <dt>名次变化</dt>
          <dd>
            {ranksMoved.map((m) => (
              <Tag key={m.bureauId} color={m.to < m.from ? 'green' : 'red'}>
                {m.name} {m.from} → {m.to} {m.to < m.from ? `↑${m.from - m.to}` : `↓${m.to - m.from}`}
              </Tag>
            ))}
          </dd>
        </>
      )}
      {scoresChanged.length > 0 && (
        <>
          <dt>得分变化</dt>
          <dd>
            {scoresChanged.map((s) => (
              <Tag key={s.bureauId}>
                {s.name} {formatScore(s.from)} → {formatScore(s.to)}
              </Tag>
            ))}
          </dd>
        </>
      )}
    </dl>
  )
}

/** The title of the next version, then a confirmation: a published version cannot be changed or withdrawn. */
function PublishModal({ year, next, onClose }: { year: number; next: number; onClose: () => void }) {
  const { message } = App.useApp()
  const publish = usePublishResults(year)
  const [title, setTitle] = useState(`${year}年度法治政府建设考核结果`)
  const [error, setError] = useState<string | null>(null)
  const blank = !title.trim()

  const submit = async () => {
    setError(null)
    try {
      const { version } = await publish.mutateAsync(title.trim())
      message.success(`已发布 ${year} 年度定稿第 ${version} 版`)
      onClose()
    } catch (err) {
      // The title stays as typed; the user may retry.
      setError(errorMessage(err))
    }
  }

  return (
    <Modal
      open
      title={`发布 ${year} 年度定稿（第 ${next} 版）`}
      okText="确认发布"
      okButtonProps={{ disabled: blank, danger: true }}
      confirmLoading={publish.isPending}
      onOk={submit}
      onCancel={onClose}
    >
      <p>发布将冻结当前全部数字（总览、排名、各单位详情、导出），作为第 {next} 版，发布后不能修改或撤回。之后的审核和修改只改变实时数据，可再次发布新版本。</p>
      <label htmlFor="result-title">定稿标题</label>
      <Input id="result-title" value={title} maxLength={100} showCount onChange={(e) => setTitle(e.target.value)} status={blank ? 'error' : undefined} />
      {blank && <div className="text-bad">请填写定稿标题</div>}
      {error && <Alert className="result-publish-error" type="error" showIcon title={error} />}
    </Modal>
  )
}
