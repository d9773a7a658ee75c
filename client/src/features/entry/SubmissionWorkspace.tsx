import { can, DEFAULT_SETTINGS, type ImportedReport, type Indicator, type SubmissionDetail } from '@fazhi/shared'
import { useQueries, useQuery } from '@tanstack/react-query'
import { Alert, Modal, Skeleton, Space, Tabs } from 'antd'
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react'
import { ErrorState } from '../../components/ErrorState'
import { CommentThread } from '../comments/CommentThread'
import { LedgerRowComments } from '../comments/RowComments'
import { ReturnComments } from '../comments/ReturnComments'
import { useCommentScope } from '../comments/scope'
import { ValueComments } from '../comments/ValueComments'
import { PageHeader } from '../../components/PageHeader'
import { Section } from '../../components/Panel'
import { StatusTag } from '../../components/StatusTag'
import { formatDateTime } from '../../lib/format'
import { useCurrentUser } from '../auth/session'
import { schemeQuery } from '../schemes/queries'
import { indicatorRows } from '../bureau/indicators'
import { bureausQuery, cyclesQuery } from '../catalog/queries'
import { FillInButtons } from '../fillin/FillInButtons'
import { submissionFilesQuery } from '../evidence/queries'
import { ValueEvidence } from '../evidence/ValueEvidence'
import { ImportReportButton } from '../imports/ImportReportButton'
import { ImportReview } from '../imports/ImportReview'
import { actsOnRegionOf, READ_ONLY_NOTE } from '../regions/regions'
import ReminderBanner from '../reminders/ReminderBanner'
import { FlaggedValues } from '../review/FlaggedValues'
import { rectificationListQuery } from '../rectifications/queries'
import { ConflictAlert } from './ConflictAlert'
import { liveScore, overviewIndicatorsOf, scoringContextOf, submitBlockers, yearIndicatorsOf, type FieldValue } from './form'
import { fieldDomId, IndicatorForm } from './IndicatorForm'
import { LedgerPanel } from './LedgerPanel'
import { LEDGER_SPECS } from './ledgers'
import { PublicationForm } from './PublicationForm'
import { indicatorsQuery, ledgerQuery, submissionQuery } from './queries'
import { ScoreSidebar } from './ScoreSidebar'
import { StatusBanner } from './StatusBanner'
import { SubmissionHistory } from './SubmissionHistory'
import { useLeaveGuard } from './useLeaveGuard'
import { useSubmissionForm } from './useSubmissionForm'
import { useSubmissionSave } from './useSubmissionSave'
import './entry.css'

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
  const user = useCurrentUser()
  const form = useSubmissionForm(latest)
  const { base, values, dirty } = form
  const year = latest.year
  const bureauId = latest.bureauId

  const cycles = useQuery(cyclesQuery())
  const cycle = cycles.data?.find((c) => c.year === year)
  const rectifications = useQuery(rectificationListQuery({ year, bureauId }))
  const ledgers = useQueries({ queries: LEDGER_SPECS.map((s) => ledgerQuery(s.type, year, bureauId)) })

  const ownBureau = !can(user, 'allBureaus')
  // A city office reads its counties' reports; it fills and reviews only its own region's.
  const bureaus = useQuery({ ...bureausQuery(), enabled: !ownBureau })
  const actsOn = ownBureau || actsOnRegionOf(user, bureaus.data?.find((b) => b.id === bureauId)?.regionId)
  const mayEdit = can(user, 'editBusiness') && actsOn
  const editable = mayEdit && latest.editable
  const [tab, setTab] = useState('form')
  const [activeKeys, setActiveKeys] = useState<string[]>(() => [...new Set(indicators.map((i) => i.category))])
  const [review, setReview] = useState<ImportedReport | null>(null)
  const guard = useLeaveGuard(dirty.length > 0)

  // Live figures for what is on screen, and for what is saved (to show the change).
  const yearIndicators = useMemo(() => yearIndicatorsOf(indicators), [indicators])
  const ctx = useMemo(() => scoringContextOf(latest, cycle, rectifications.data ?? []), [latest, cycle, rectifications.data])
  const fillBureau = useMemo(() => ({ hasEnforcement: latest.hasEnforcement, category: latest.bureauCategory }), [latest.hasEnforcement, latest.bureauCategory])
  // The year's bonus cap and late deduction, from its scheme (the defaults until it has loaded).
  const scheme = useQuery(schemeQuery(latest.year))
  const settings = scheme.data ?? DEFAULT_SETTINGS
  const live = useMemo(() => liveScore(yearIndicators, values, ctx, settings), [yearIndicators, values, ctx, settings])
  const saved = useMemo(() => liveScore(yearIndicators, form.baseValues, ctx, settings), [yearIndicators, form.baseValues, ctx, settings])
  const rows = useMemo(() => new Map(indicatorRows(overviewIndicatorsOf(indicators, live)).map((r) => [r.code, r])), [indicators, live])
  const categoryAttainment = useMemo(() => new Map(live.categories.map((c) => [c.category as string, c.attainment])), [live])
  const files = useQuery(submissionFilesQuery(latest.id))
  const withFiles = useMemo(() => new Set((files.data ?? []).flatMap((f) => (f.indicator && f.deletedAt === null ? [f.indicator] : []))), [files.data])
  const blockers = useMemo(
    () => submitBlockers(indicators, values, fillBureau, latest.previousValues, withFiles),
    [indicators, values, fillBureau, latest.previousValues, withFiles],
  )
  // What hangs under each value: its evidence files and, beside them, reviewers' comments.
  const commentScope = useCommentScope(latest)
  const renderMaterials = useCallback(
    (indicator: Indicator) => (
      <>
        <ValueEvidence indicator={indicator} editable={editable} scope={commentScope} />
        <ValueComments scope={commentScope} indicator={indicator.code} />
      </>
    ),
    [editable, commentScope],
  )
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

  const indicatorNames = useMemo(() => new Map(indicators.map((i) => [i.code, i.name])), [indicators])

  const save = useSubmissionSave(latest, form, jumpTo)
  const ledgerCount = (i: number) => ledgers[i].data?.length

  return (
    <div className="page">
      <PageHeader
        title={title ?? (ownBureau ? `${year} 年度法治政府建设填报` : `${latest.bureauName} ${year} 年度填报`)}
        subtitle={
          <div className="page-tags">
            <span>{latest.bureauName}</span>
            <StatusTag status={latest.status} />
            <span>最近更新 {formatDateTime(latest.updatedAt)}</span>
          </div>
        }
        extra={
          <Space size={8} wrap>
            {mayEdit && <ImportReportButton year={year} bureauId={bureauId} onOpen={setReview} />}
            <FillInButtons submission={latest} editable={editable} unsavedCount={dirty.length} onSaved={(fresh) => void save.adopt(fresh)} />
            {headerExtra}
          </Space>
        }
      />
      {ownBureau && <ReminderBanner year={year} showLink={false} />}
      {!actsOn && bureaus.data && <Alert className="page-alert" type="info" showIcon title={READ_ONLY_NOTE} />}
      <StatusBanner detail={latest} explain={ownBureau} viewOnly={!can(user, 'editBusiness')} />
      <div className="report-comments">
        <CommentThread scope={commentScope} target={{}} caption="对整份报告的批注" />
      </div>
      {!ownBureau && <FlaggedValues detail={latest} indicators={indicators} onJump={jumpTo} />}
      {save.conflict && (
        <ConflictAlert
          conflict={save.conflict}
          values={values}
          byCode={byCode}
          saving={save.saving}
          onReloadLatest={save.reloadLatest}
          onSaveMineAgain={save.saveMineAgain}
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
                    previousValues={latest.previousValues}
                    rows={rows}
                    categoryAttainment={categoryAttainment}
                    bureau={fillBureau}
                    editable={editable}
                    activeKeys={activeKeys}
                    onActiveKeysChange={setActiveKeys}
                    onChange={onFieldChange}
                    renderMaterials={renderMaterials}
                  />
                ),
              },
              ...LEDGER_SPECS.map((spec, i) => ({
                key: spec.type,
                label: ledgerCount(i) === undefined ? spec.label : `${spec.label}（${ledgerCount(i)}）`,
                children: (
                  <Section>
                    <LedgerPanel
                      spec={spec}
                      year={year}
                      bureauId={bureauId}
                      editable={editable}
                      onChanged={() => save.adopt()}
                      renderRowComments={(rowId) => <LedgerRowComments scope={commentScope} ledgerType={spec.type} ledgerId={rowId} />}
                    />
                  </Section>
                ),
              })),
            ]}
          />
        </div>
        <aside className="entry-side">
          <ScoreSidebar
            latest={latest}
            live={live}
            savedScore={saved.score}
            editable={editable}
            mayReview={can(user, 'review') && actsOn}
            unsavedCount={dirty.length}
            saving={save.saving}
            blockers={blockers}
            onDiscard={form.discard}
            onSave={save.saveNow}
            onSubmitted={(fresh) => form.rebase(fresh)}
            onReviewed={(fresh) => save.adopt(fresh)}
            onJump={jumpTo}
          />
          <Section title="流转记录">
            <SubmissionHistory
              history={latest.history}
              renderReturn={(eventId) => <ReturnComments submissionId={latest.id} eventId={eventId} indicatorNames={indicatorNames} />}
            />
          </Section>
          <Section title="报告公开">
            <PublicationForm
              detail={latest}
              publishDeadline={cycle?.publishDeadline}
              editable={mayEdit && !latest.locked}
              onSaved={(fresh) => save.adopt(fresh)}
            />
          </Section>
        </aside>
      </div>
      {review && (
        <ImportReview
          key={review.id}
          report={review}
          bureauName={latest.bureauName}
          hasEnforcement={latest.hasEnforcement}
          indicators={indicators}
          stored={stored}
          ledgerValues={latest.ledgerValues}
          canAccept={editable}
          canCreateItems={mayEdit}
          bureauIdForItems={ownBureau ? undefined : bureauId}
          onAccept={save.applyImport}
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
