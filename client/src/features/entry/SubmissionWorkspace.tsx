import { ExclamationCircleOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons'
import {
  LOCKED_CYCLE_MESSAGE,
  readOnlyReason,
  type ImportedReport,
  type Indicator,
  type SubmissionDetail,
  type SubmissionValueInput,
} from '@fazhi/shared'
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Modal, Skeleton, Space, Tabs, Tooltip } from 'antd'
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react'
import { isApiError } from '../../api/client'
import { errorMessage, ErrorState } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Section } from '../../components/Panel'
import { StatusTag } from '../../components/StatusTag'
import { formatDateTime, formatPercent, formatScore } from '../../lib/format'
import { useCurrentUser } from '../auth/session'
import { indicatorRows } from '../bureau/indicators'
import { cyclesQuery } from '../catalog/queries'
import { ImportReportButton } from '../imports/ImportReportButton'
import { ImportReview } from '../imports/ImportReview'
import ReminderBanner from '../reminders/ReminderBanner'
import { rectificationListQuery } from '../rectifications/queries'
import { ReviewActions } from '../review/ReviewActions'
import {
  conflictingCodes,
  fieldOf,
  fieldText,
  formValuesOf,
  liveScore,
  overviewIndicatorsOf,
  pruneEdits,
  saveErrors,
  saveValuesOf,
  scoringContextOf,
  submitBlockers,
  yearIndicatorsOf,
  type FieldValue,
} from './form'
import { fieldDomId, IndicatorForm } from './IndicatorForm'
import { LedgerPanel } from './LedgerPanel'
import { LEDGER_SPECS } from './ledgers'
import { PublicationForm } from './PublicationForm'
import { indicatorsQuery, invalidateSubmission, ledgerQuery, saveSubmission, submissionQuery, useSubmissionAction } from './queries'
import { useLeaveGuard } from './useLeaveGuard'
import { useSubmissionForm } from './useSubmissionForm'
import './entry.css'

interface Conflict {
  message: string
  latest: SubmissionDetail
  codes: string[]
}

/** A submission's page: loads it and its year's indicators, then the form. */
export function SubmissionWorkspace({ id, title, headerExtra }: { id: number; title?: ReactNode; headerExtra?: ReactNode }) {
  const detail = useQuery({ ...submissionQuery(id), staleTime: 0 })
  const indicators = useQuery({ ...indicatorsQuery(detail.data?.year ?? 0), enabled: detail.data !== undefined })

  let body
  if (detail.isError) body = <ErrorState error={detail.error} onRetry={() => detail.refetch()} />
  else if (indicators.isError) body = <ErrorState error={indicators.error} onRetry={() => indicators.refetch()} />
  else if (!detail.data || !indicators.data) body = <Skeleton active paragraph={{ rows: 14 }} />
  else return <Workspace key={id} latest={detail.data} indicators={indicators.data} title={title} headerExtra={headerExtra} />

  return (
    <div className="page">
      <PageHeader title={title ?? '年度填报'} extra={headerExtra} />
      {body}
    </div>
  )
}

interface WorkspaceProps {
  latest: SubmissionDetail
  indicators: Indicator[]
  title?: ReactNode
  headerExtra?: ReactNode
}

function Workspace({ latest, indicators, title, headerExtra }: WorkspaceProps) {
  const { message, modal } = App.useApp()
  const user = useCurrentUser()
  const queryClient = useQueryClient()
  const form = useSubmissionForm(latest)
  const { base, values, dirty, edits } = form
  const year = latest.year
  const bureauId = latest.bureauId

  const cycles = useQuery(cyclesQuery())
  const cycle = cycles.data?.find((c) => c.year === year)
  const rectifications = useQuery(rectificationListQuery({ year, bureauId }))
  const ledgers = useQueries({ queries: LEDGER_SPECS.map((s) => ledgerQuery(s.type, year, bureauId)) })

  const mayEdit = user.role === 'office' || user.role === 'bureau'
  const editable = mayEdit && latest.editable
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const [saving, setSaving] = useState(false)
  const [tab, setTab] = useState('form')
  const [activeKeys, setActiveKeys] = useState<string[]>(() => [...new Set(indicators.map((i) => i.category))])
  const [review, setReview] = useState<ImportedReport | null>(null)
  const submit = useSubmissionAction()
  const guard = useLeaveGuard(dirty.length > 0)

  // Live figures for what is on screen, and for what is saved (to show the change).
  const yearIndicators = useMemo(() => yearIndicatorsOf(indicators), [indicators])
  const ctx = useMemo(() => scoringContextOf(latest, cycle, rectifications.data ?? []), [latest, cycle, rectifications.data])
  const live = useMemo(() => liveScore(yearIndicators, values, ctx), [yearIndicators, values, ctx])
  const saved = useMemo(() => liveScore(yearIndicators, form.baseValues, ctx), [yearIndicators, form.baseValues, ctx])
  const rows = useMemo(() => new Map(indicatorRows(overviewIndicatorsOf(indicators, live)).map((r) => [r.code, r])), [indicators, live])
  const categoryAttainment = useMemo(() => new Map(live.categories.map((c) => [c.category as string, c.attainment])), [live])
  const blockers = useMemo(() => submitBlockers(indicators, values, latest.hasEnforcement), [indicators, values, latest.hasEnforcement])
  const stored = useMemo(() => new Map(base.values.map((v) => [v.indicator, v])), [base])
  const dirtySet = useMemo(() => new Set(dirty), [dirty])
  const byCode = useMemo(() => new Map(indicators.map((i) => [i.code, i])), [indicators])

  // A stable handler, so unchanged rows skip re-rendering while the user types.
  const setFieldRef = useRef(form.setField)
  setFieldRef.current = form.setField
  const onFieldChange = useCallback((code: string, patch: Partial<FieldValue>) => setFieldRef.current(code, patch), [])

  const jumpTo = (code: string) => {
    const ind = byCode.get(code)
    if (!ind) return
    setTab('form')
    setActiveKeys((keys) => (keys.includes(ind.category) ? keys : [...keys, ind.category]))
    setTimeout(() => {
      const el = document.getElementById(fieldDomId(code))
      if (!el) return
      el.scrollIntoView({ behavior: 'smooth', block: 'center' })
      el.classList.remove('ind-flash')
      void el.offsetWidth
      el.classList.add('ind-flash')
      el.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true })
    }, 80)
  }

  /** After the user's own change elsewhere (ledger, publication, review): take the new version, keep what is typed. */
  const adopt = useCallback(
    async (fresh?: SubmissionDetail) => {
      const next = fresh ?? (await queryClient.fetchQuery({ ...submissionQuery(latest.id), staleTime: 0 }))
      await invalidateSubmission(queryClient, next)
      form.rebase(next)
    },
    [queryClient, latest.id, form],
  )

  /** Saves `toSave` on `version`; a 409 becomes the conflict prompt, with the typed values kept. */
  const save = async (version: number, toSave: Record<string, FieldValue>) => {
    const codes = Object.keys(toSave)
    const errors = saveErrors(toSave, codes, latest.ledgerValues)
    if (errors.size) {
      message.error(`有 ${errors.size} 项需要补充说明，未保存`)
      jumpTo([...errors.keys()][0])
      return false
    }
    setSaving(true)
    try {
      const fresh = await saveSubmission(latest.id, version, saveValuesOf(toSave, codes))
      await invalidateSubmission(queryClient, fresh)
      form.rebase(fresh)
      setConflict(null)
      message.success('已保存')
      return true
    } catch (err) {
      if (isApiError(err, 409)) {
        const fresh = await queryClient.fetchQuery({ ...submissionQuery(latest.id), staleTime: 0 }).catch(() => null)
        if (fresh && fresh.editable)
          setConflict({ message: err.message, latest: fresh, codes: conflictingCodes(form.baseValues, formValuesOf(fresh), toSave) })
        else modal.error({ title: '无法保存', content: `${err.message}。您填写的内容仍保留在页面上，可复制留存。` })
      } else message.error(errorMessage(err))
      return false
    } finally {
      setSaving(false)
    }
  }

  const saveNow = () => save(base.version, Object.fromEntries(dirty.map((c) => [c, edits[c]])))

  const reloadLatest = () => {
    if (!conflict) return
    queryClient.setQueryData(submissionQuery(latest.id).queryKey, conflict.latest)
    form.discard()
    setConflict(null)
    message.info('已载入最新数据')
  }

  const saveMineAgain = async () => {
    if (!conflict) return
    const fresh = conflict.latest
    const kept = pruneEdits(formValuesOf(fresh), Object.fromEntries(dirty.map((c) => [c, edits[c]])))
    form.rebase(fresh)
    if (!Object.keys(kept).length) {
      setConflict(null)
      message.info('您的修改与最新数据一致，无需再保存')
      return
    }
    await save(fresh.version, kept)
  }

  /** Accepted import proposals: saved at once on the form's version, replacing any typed value for them. */
  const applyImport = async (toWrite: SubmissionValueInput[]) => {
    try {
      const fresh = await saveSubmission(latest.id, base.version, toWrite)
      await invalidateSubmission(queryClient, fresh)
      form.rebase(
        fresh,
        toWrite.map((v) => v.indicator),
      )
      return true
    } catch (err) {
      if (isApiError(err, 409)) {
        await adopt().catch(() => undefined)
        message.error(`${err.message}。已载入最新数据（您填写的内容仍保留），请重新采纳。`)
      } else message.error(errorMessage(err))
      return false
    }
  }

  const confirmSubmit = () =>
    modal.confirm({
      title: `上报${latest.bureauName} ${year} 年度填报？`,
      icon: <ExclamationCircleOutlined />,
      content: '上报后不能再修改；如需修改，须由依法治县办退回。',
      okText: '确认上报',
      onOk: async () => {
        try {
          const fresh = await submit.mutateAsync({ id: latest.id, action: 'submit' })
          form.rebase(fresh)
          message.success('已上报，等待依法治县办审核')
        } catch (err) {
          modal.error({ title: '不能上报', content: errorMessage(err) })
        }
      },
    })

  const missingCount = blockers.missing.length + blockers.notApplicableWithoutNote.length
  const submitDisabledReason = !editable
    ? null
    : dirty.length
      ? '有未保存的修改，请先保存'
      : missingCount
        ? `还有 ${missingCount} 项未完成，见下方清单`
        : null
  const delta = live.score - saved.score

  const ledgerCount = (i: number) => ledgers[i].data?.length

  return (
    <div className="page">
      <PageHeader
        title={title ?? (user.role === 'bureau' ? `${year} 年度法治政府建设填报` : `${latest.bureauName} ${year} 年度填报`)}
        subtitle={
          <div className="page-tags">
            <span>{latest.bureauName}</span>
            <StatusTag status={latest.status} />
            <span>最近更新 {formatDateTime(latest.updatedAt)}</span>
          </div>
        }
        extra={
          <Space size={8}>
            {mayEdit && <ImportReportButton year={year} bureauId={bureauId} onOpen={setReview} />}
            {headerExtra}
          </Space>
        }
      />
      {user.role === 'bureau' && <ReminderBanner year={year} showLink={false} />}
      <StatusBanner detail={latest} role={user.role} />
      {conflict && (
        <Alert
          className="page-alert"
          type="warning"
          showIcon
          title="保存冲突：他人已修改了这份填报"
          description={
            <>
              <div>{conflict.message}</div>
              {conflict.codes.length > 0 && (
                <ul className="conflict-fields">
                  {conflict.codes.map((code) => {
                    const ind = byCode.get(code)!
                    return (
                      <li key={code}>
                        {ind.name}：最新为 {fieldText(ind, fieldOf(formValuesOf(conflict.latest), code))}，您填写的是 {fieldText(ind, fieldOf(values, code))}
                      </li>
                    )
                  })}
                </ul>
              )}
              <div>您填写的内容仍保留在表单中。可载入最新数据（放弃您的修改），或以您的填写为准重新保存。</div>
            </>
          }
          action={
            <Space orientation="vertical">
              <Button onClick={reloadLatest}>载入最新数据</Button>
              <Button type="primary" loading={saving} onClick={saveMineAgain}>
                以我的为准重新保存
              </Button>
            </Space>
          }
        />
      )}
      <div className="entry-layout">
        <div className="entry-main">
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'form',
                label: '指标填报',
                children: (
                  <IndicatorForm
                    indicators={indicators}
                    values={values}
                    stored={stored}
                    dirty={dirtySet}
                    ledgerValues={latest.ledgerValues}
                    rows={rows}
                    categoryAttainment={categoryAttainment}
                    hasEnforcement={latest.hasEnforcement}
                    editable={editable}
                    activeKeys={activeKeys}
                    onActiveKeysChange={setActiveKeys}
                    onChange={onFieldChange}
                  />
                ),
              },
              ...LEDGER_SPECS.map((spec, i) => ({
                key: spec.type,
                label: ledgerCount(i) === undefined ? spec.label : `${spec.label}（${ledgerCount(i)}）`,
                children: (
                  <Section>
                    <LedgerPanel spec={spec} year={year} bureauId={bureauId} editable={editable} onChanged={() => adopt()} />
                  </Section>
                ),
              })),
            ]}
          />
        </div>
        <aside className="entry-side">
          <Section
            title={editable ? '实时得分' : '得分'}
            extra={<span className="panel-hint">{editable ? '按当前填写内容计算' : '按填报数据计算'}</span>}
          >
            <div className="live-score" data-live-score={live.score.toFixed(2)}>
              <span className="live-score-value">{formatScore(live.score)}</span>
              <span className="text-muted">分</span>
              {dirty.length > 0 && Math.abs(delta) >= 0.005 && (
                <span className={`live-score-delta ${delta > 0 ? 'text-good' : 'text-bad'}`}>
                  {delta > 0 ? '▲' : '▼'} {Math.abs(delta).toFixed(2)}（较已保存）
                </span>
              )}
            </div>
            <div className="live-figures">
              <div>
                <div className="live-figure-label">达标率</div>
                <div className="live-figure-value">{formatPercent(live.completion)}</div>
              </div>
              <div>
                <div className="live-figure-label">填报完整率</div>
                <div className="live-figure-value">{formatPercent(live.fillRate)}</div>
              </div>
            </div>
            {editable && (
              <div className="side-actions">
                {dirty.length > 0 ? (
                  <span className="dirty-hint">有 {dirty.length} 项修改尚未保存</span>
                ) : (
                  <span className="saved-hint">所有修改均已保存</span>
                )}
                <div className="side-actions-row">
                  <Button disabled={!dirty.length || saving} onClick={() => form.discard()}>
                    放弃修改
                  </Button>
                  <Button type="primary" icon={<SaveOutlined />} disabled={!dirty.length} loading={saving} onClick={saveNow}>
                    保存
                  </Button>
                </div>
                <Tooltip title={submitDisabledReason}>
                  <Button
                    block
                    type="primary"
                    icon={<SendOutlined />}
                    disabled={submitDisabledReason !== null}
                    loading={submit.isPending}
                    onClick={confirmSubmit}
                    style={{ background: submitDisabledReason ? undefined : '#16a34a' }}
                  >
                    上报
                  </Button>
                </Tooltip>
              </div>
            )}
            {user.role === 'office' && !latest.locked && (
              <div style={{ marginTop: editable ? 12 : 0 }}>
                <ReviewActions submission={latest} size="middle" onDone={(fresh) => adopt(fresh)} />
              </div>
            )}
            {latest.status !== 'submitted' && latest.status !== 'approved' && (
              <MissingList blockers={blockers} onJump={jumpTo} />
            )}
          </Section>
          <Section title="报告公开">
            <PublicationForm
              detail={latest}
              publishDeadline={cycle?.publishDeadline}
              editable={mayEdit && !latest.locked}
              onSaved={(fresh) => adopt(fresh)}
            />
          </Section>
        </aside>
      </div>
      {review && (
        <ImportReview
          report={review}
          bureauName={latest.bureauName}
          hasEnforcement={latest.hasEnforcement}
          indicators={indicators}
          stored={stored}
          ledgerValues={latest.ledgerValues}
          canAccept={editable}
          canCreateItems={mayEdit && !latest.locked}
          bureauIdForItems={user.role === 'bureau' ? undefined : bureauId}
          onAccept={applyImport}
          onClose={() => setReview(null)}
        />
      )}
      <Modal
        open={guard.blocked}
        title="有未保存的修改"
        okText="放弃修改并离开"
        okButtonProps={{ danger: true }}
        cancelText="留在此页"
        onOk={guard.proceed}
        onCancel={guard.reset}
      >
        离开后，尚未保存的 {dirty.length} 项修改将丢失。
      </Modal>
    </div>
  )
}

function StatusBanner({ detail, role }: { detail: SubmissionDetail; role: string }) {
  const explain = role === 'bureau'
  if (detail.locked) return <Alert className="page-alert" type="warning" showIcon title={LOCKED_CYCLE_MESSAGE} />
  switch (detail.status) {
    case 'returned':
      return (
        <Alert
          className="page-alert"
          type="error"
          showIcon
          title="依法治县办已退回本填报，请按退回原因修改后重新上报"
          description={
            <>
              <b>退回原因：</b>
              <span data-return-reason>{detail.returnReason}</span>
            </>
          }
        />
      )
    case 'submitted':
      return (
        <Alert
          className="page-alert"
          type="info"
          showIcon
          title={`已于 ${formatDateTime(detail.submittedAt)} 上报，等待依法治县办审核`}
          description={explain ? readOnlyReason('submitted') : undefined}
        />
      )
    case 'approved':
      return (
        <Alert
          className="page-alert"
          type="success"
          showIcon
          title={`已于 ${formatDateTime(detail.approvedAt)} 审核通过${detail.approvedBy ? `（${detail.approvedBy}）` : ''}`}
          description={explain ? readOnlyReason('approved') : undefined}
        />
      )
    default:
      return role === 'leader' ? <Alert className="page-alert" type="info" showIcon title="只读查看：领导账号不能修改填报" /> : null
  }
}

function MissingList({ blockers, onJump }: { blockers: ReturnType<typeof submitBlockers>; onJump: (code: string) => void }) {
  const items = [
    ...blockers.missing.map((i) => ({ code: i.code, name: i.name, why: '未填写' })),
    ...blockers.notApplicableWithoutNote.map((i) => ({ code: i.code, name: i.name, why: '不适用未说明原因' })),
  ]
  if (!items.length) return <div className="missing-ok">✓ 必填指标均已完成，可以上报</div>
  return (
    <>
      <div className="missing-title">上报前还需完成 {items.length} 项</div>
      <ul className="missing-list" aria-label="未完成的指标">
        {items.map((item) => (
          <li key={item.code}>
            <button type="button" onClick={() => onJump(item.code)}>
              {item.name}
            </button>
            <span className="text-muted">（{item.why}）</span>
          </li>
        ))}
      </ul>
    </>
  )
}
