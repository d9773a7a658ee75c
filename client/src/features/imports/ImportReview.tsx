import { CheckOutlined, CloseOutlined } from '@ant-design/icons'
import { defaultRectificationDeadline, type ImportedReport, type Indicator, type SubmissionValue, type SubmissionValueInput } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Space, Tabs, Tag, Tooltip } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useMemo, useRef, useState } from 'react'
import { Link } from 'react-router-dom'
import { errorMessage } from '../../components/ErrorState'
import { cyclesQuery } from '../catalog/queries'
import { formatDateTime, formatNumber } from '../../lib/format'
import { rectificationListQuery, useRectificationMutations } from '../rectifications/queries'
import { locateQuote, segmentText } from './highlight'
import {
  acceptedValues,
  derivedNote,
  preAccepted,
  problemItems,
  problemMarkId,
  proposalProblem,
  proposalText,
  reportMismatch,
  shownKind,
  unresolvedMarkId,
  valueMarkId,
} from './proposals'
import { StructureCheck } from './StructureCheck'
import './imports.css'

const SOURCE_LABELS: Record<string, string> = { manual: '手工', ledger: '台账', import: '导入' }

export interface ImportReviewProps {
  report: ImportedReport
  bureauName: string
  hasEnforcement: boolean
  indicators: readonly Indicator[]
  /** The submission's stored values now (the report's `current` is as of the import). */
  stored: ReadonlyMap<string, SubmissionValue>
  ledgerValues: Readonly<Record<string, number>>
  /** Values can be written (an editable submission, a user who may edit). */
  canAccept: boolean
  /** Rectification items can be created (a user who may edit); they go to the year after the report's, which must be open. */
  canCreateItems: boolean
  /** Officers name the bureau for rectification items; bureau users leave it out. */
  bureauIdForItems?: number
  onAccept: (values: SubmissionValueInput[]) => Promise<boolean>
  onClose: () => void
}

type Decision = 'accept' | 'reject'
type ReviewTab = 'values' | 'unresolved' | 'problems'
/** A mark's id names its list: v (values), u (需人工确认), p (problems). */
const TAB_OF: Record<string, ReviewTab> = { v: 'values', u: 'unresolved', p: 'problems' }

/** Word documents come out with several empty lines between paragraphs: show one. Display only, after the offsets are used. */
const compactBlankLines = (text: string) => text.replace(/\n{3,}/g, '\n\n')

/** Side by side: the report with its quotes highlighted, and what was read from it. */
export function ImportReview(props: ImportReviewProps) {
  const { report, indicators, stored, ledgerValues, hasEnforcement, onClose } = props
  const { message } = App.useApp()
  const year = report.year
  const byCode = useMemo(() => new Map(indicators.map((i) => [i.code, i])), [indicators])
  // Only certain, unflagged proposals start accepted; the others wait for a click.
  const [decisions, setDecisions] = useState<Record<number, Decision>>(() =>
    Object.fromEntries(preAccepted(report.values, byCode, hasEnforcement).map((i) => [i, 'accept'])),
  )
  const [written, setWritten] = useState<Set<number>>(new Set())
  const [selectedProblems, setSelectedProblems] = useState<Set<number>>(new Set())
  const [createdProblems, setCreatedProblems] = useState<Set<number>>(new Set())
  // A year-Y report's problems are rectified in Y + 1: reporting them does not lower the year reported on.
  const itemYear = year + 1
  const cycles = useQuery(cyclesQuery())
  const itemCycle = cycles.data?.find((c) => c.year === itemYear)
  const itemsBlocked = !cycles.data
    ? null
    : !itemCycle
      ? `尚未开启 ${itemYear} 年度的填报周期，暂不能转为整改事项；请依法治县办先新建 ${itemYear} 年度`
      : itemCycle.locked
        ? `${itemYear} 年度已锁定，不能新增整改事项`
        : null
  const canCreateItems = props.canCreateItems && cycles.data !== undefined && itemsBlocked === null
  const [deadline, setDeadline] = useState<Dayjs>(dayjs(defaultRectificationDeadline(itemYear)))
  const [active, setActive] = useState<string | null>(null)
  const [tab, setTab] = useState<ReviewTab>('values')
  const [writing, setWriting] = useState(false)
  const { batch } = useRectificationMutations()
  // Problems already tracked for the bureau in that year (converted earlier, or entered by hand) are not offered again.
  const items = useQuery({ ...rectificationListQuery({ year: itemYear, bureauId: report.bureauId }), enabled: canCreateItems })
  const tracked = useMemo(() => new Set((items.data ?? []).map((i) => i.problem.trim())), [items.data])
  const isCreated = (i: number) => createdProblems.has(i) || tracked.has(problemItems(report.problems, [i], year, '')[0].problem)
  /** Written now, or earlier: the stored value came from an import and equals the proposal. */
  const isWritten = (i: number) => {
    const now = stored.get(report.values[i].indicator)
    return written.has(i) || (now?.source === 'import' && Number(now.value) === report.values[i].value)
  }
  const textRef = useRef<HTMLDivElement>(null)
  const listRef = useRef<HTMLDivElement>(null)

  const marks = useMemo(
    () => [
      ...report.values.map((v, i) => ({ id: valueMarkId(i), ...locateQuote(report.text, v.start, v.end, v.quote) })),
      ...report.problems.map((p, i) => ({ id: problemMarkId(i), ...locateQuote(report.text, p.start, p.end, p.text) })),
      ...report.unresolved.map((u, i) => ({ id: unresolvedMarkId(i), ...locateQuote(report.text, u.start, u.end, u.quote) })),
    ],
    [report],
  )
  const segments = useMemo(() => segmentText(report.text, marks), [report.text, marks])
  const mismatch = reportMismatch(report, year, props.bureauName)

  // Brings the active quote into view in the text, and its item in the list.
  useEffect(() => {
    if (!active) return
    textRef.current?.querySelector(`[data-marks~="${active}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' })
    listRef.current?.querySelector(`[data-item="${active}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
  }, [active, tab])

  const focusMark = (id: string) => {
    setActive(id)
    setTab(TAB_OF[id[0]])
  }

  const decide = (index: number, decision: Decision) =>
    setDecisions((prev) => {
      const next = { ...prev, [index]: decision }
      // One value per indicator: accepting a proposal sets aside the others for the same indicator.
      if (decision === 'accept')
        report.values.forEach((v, i) => {
          if (i !== index && v.indicator === report.values[index].indicator && next[i] === 'accept') next[i] = 'reject'
        })
      return next
    })

  const acceptedIndexes = Object.entries(decisions)
    .filter(([i, d]) => d === 'accept' && !isWritten(Number(i)))
    .map(([i]) => Number(i))

  const writeAccepted = async () => {
    const values = acceptedValues(report.values, acceptedIndexes, byCode, ledgerValues)
    if (!values.length) return
    setWriting(true)
    try {
      if (await props.onAccept(values)) {
        setWritten((prev) => new Set([...prev, ...acceptedIndexes]))
        message.success(`已采纳 ${values.length} 项数值并保存到填报`)
      }
    } finally {
      setWriting(false)
    }
  }

  const createItems = async () => {
    const indexes = [...selectedProblems].filter((i) => !isCreated(i))
    try {
      await batch.mutateAsync({
        year: itemYear,
        sourceImportId: report.id,
        ...(props.bureauIdForItems === undefined ? {} : { bureauId: props.bureauIdForItems }),
        items: problemItems(report.problems, indexes, year, deadline.format('YYYY-MM-DD')),
      })
      setCreatedProblems((prev) => new Set([...prev, ...indexes]))
      setSelectedProblems(new Set())
      message.success(
        <span>
          已转为 {indexes.length} 项 {itemYear} 年度整改事项，<Link to={`/rectifications?year=${itemYear}`}>查看整改事项</Link>
        </span>,
      )
    } catch (err) {
      message.error(errorMessage(err))
    }
  }

  const pendingProblems = [...selectedProblems].filter((i) => !isCreated(i))

  const valuesTab = (
    <div className="import-side-pane">
      {report.values.length === 0 ? (
        <div className="import-empty">未从报告中识别出可填报的指标数值</div>
      ) : (
        <ul className="import-list" aria-label="识别的指标数值">
          {report.values.map((v, i) => {
            const id = valueMarkId(i)
            const indicator = byCode.get(v.indicator)
            const derived = derivedNote(indicator)
            const problem = derived === null ? proposalProblem(v, indicator, hasEnforcement) : null
            const now = stored.get(v.indicator)
            const rolled = ledgerValues[v.indicator]
            const decision = decisions[i]
            const done = isWritten(i)
            return (
              <li key={id} data-item={id} data-indicator={v.indicator} className={`import-item${active === id ? ' active' : ''}`} onClick={() => focusMark(id)}>
                <div className="import-item-head">
                  <span className="import-item-name">{v.name}</span>
                  {derived !== null ? (
                    <Tag>系统计算</Tag>
                  ) : done ? (
                    <Tag color="green" icon={<CheckOutlined />}>
                      已采纳
                    </Tag>
                  ) : (
                    <Space size={4} onClick={(e) => e.stopPropagation()}>
                      <Button
                        size="small"
                        type={decision === 'accept' ? 'primary' : 'default'}
                        icon={<CheckOutlined />}
                        disabled={!props.canAccept || problem !== null}
                        aria-pressed={decision === 'accept'}
                        aria-label="采纳"
                        onClick={() => decide(i, 'accept')}
                      >
                        采纳
                      </Button>
                      <Button
                        size="small"
                        type={decision === 'reject' ? 'primary' : 'default'}
                        danger={decision === 'reject'}
                        icon={<CloseOutlined />}
                        aria-pressed={decision === 'reject'}
                        aria-label="不采纳"
                        onClick={() => decide(i, 'reject')}
                      >
                        不采纳
                      </Button>
                    </Space>
                  )}
                </div>
                <div className="import-item-values">
                  <span>
                    <span className="label">报告数值 </span>
                    <span className="import-proposed">{proposalText(v, shownKind(indicator))}</span>
                  </span>
                  <span>
                    <span className="label">当前填报 </span>
                    {now && now.value !== null ? (
                      <>
                        {proposalText({ value: Number(now.value), unit: v.unit, approx: false }, shownKind(indicator))}
                        <span className="text-muted">（{SOURCE_LABELS[now.source]}）</span>
                      </>
                    ) : now?.notApplicable ? (
                      '不适用'
                    ) : (
                      <span className="text-muted">未填写</span>
                    )}
                  </span>
                  {rolled !== undefined && (
                    <span>
                      <span className="label">台账汇总 </span>
                      {formatNumber(rolled)}
                    </span>
                  )}
                </div>
                <div className="import-quote">“{v.quote}”</div>
                {derived !== null && (
                  <div className="import-item-note" data-derived="true">
                    {derived}
                  </div>
                )}
                {problem && <div className="import-item-note text-bad">{problem}</div>}
                {!done && derived === null && v.confidence === 'uncertain' && (
                  <div className="import-item-note att-mid" data-confidence="uncertain">
                    <Tag color="gold">待核实</Tag>
                    {v.reason ?? (v.approx ? '报告为约数' : '识别结果需核对原文')}，请核实后再采纳
                  </div>
                )}
                {!done && v.flags.length > 0 && (
                  <Alert
                    className="import-item-flags"
                    type="warning"
                    showIcon
                    title={v.flags.length === 1 ? v.flags[0] : <ul>{v.flags.map((f) => <li key={f}>{f}</li>)}</ul>}
                  />
                )}
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )

  const unresolvedTab = (
    <div className="import-side-pane">
      {report.unresolved.length === 0 ? (
        <div className="import-empty">没有需人工确认的语句</div>
      ) : (
        <>
          <div className="import-pane-hint">以下语句中的数值可能属于不同指标，系统未作识别；请对照原文，需要时在填报表中手工填写。</div>
          <ul className="import-list" aria-label="需人工确认">
            {report.unresolved.map((u, i) => {
              const id = unresolvedMarkId(i)
              return (
                <li key={id} data-item={id} className={`import-item${active === id ? ' active' : ''}`} onClick={() => focusMark(id)}>
                  <div className="import-problem-text">“{u.quote}”</div>
                  <div className="import-item-note">
                    <span className="text-muted">可能的指标 </span>
                    {u.candidates.map((c) => (
                      <Tag key={c}>{c}</Tag>
                    ))}
                  </div>
                  <div className="import-item-note att-mid">{u.reason}</div>
                </li>
              )
            })}
          </ul>
        </>
      )}
    </div>
  )

  const problemsTab = (
    <div className="import-side-pane">
      {report.problems.length === 0 ? (
        <div className="import-empty">未从“存在的不足”部分识别出问题</div>
      ) : (
        <ul className="import-list" aria-label="存在的不足">
          {report.problems.map((p, i) => {
            const id = problemMarkId(i)
            const created = isCreated(i)
            return (
              <li key={id} data-item={id} className={`import-item${active === id ? ' active' : ''}`} onClick={() => focusMark(id)}>
                <div className="import-problem">
                  <Checkbox
                    aria-label={`选择问题 ${i + 1}`}
                    checked={created || selectedProblems.has(i)}
                    disabled={created || !canCreateItems}
                    onClick={(e) => e.stopPropagation()}
                    onChange={(e) =>
                      setSelectedProblems((prev) => {
                        const next = new Set(prev)
                        if (e.target.checked) next.add(i)
                        else next.delete(i)
                        return next
                      })
                    }
                  />
                  <div>
                    <div className="import-problem-text">{p.text}</div>
                    <Space size={4} style={{ marginTop: 6 }}>
                      {p.repeatedFrom && (
                        <Tooltip title={`上年度：${p.repeatedFrom}`}>
                          <Tag color="red">连续两年提出</Tag>
                        </Tooltip>
                      )}
                      {created && <Tag color="green">已转为整改事项</Tag>}
                    </Space>
                  </div>
                </div>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )

  const footer =
    tab === 'values' ? (
      <div className="import-footer">
        <span className="import-footer-hint">
          {props.canAccept ? `已选择采纳 ${acceptedIndexes.length} 项；写入后来源标记为“导入”` : '当前填报不可修改，只能查看识别结果'}
        </span>
        <Button type="primary" disabled={!props.canAccept || acceptedIndexes.length === 0} loading={writing} onClick={writeAccepted}>
          写入填报（{acceptedIndexes.length}）
        </Button>
      </div>
    ) : tab === 'problems' ? (
      <div className="import-footer">
        <Space size={8}>
          {props.canCreateItems && itemsBlocked ? (
            <span className="import-footer-hint text-bad">{itemsBlocked}</span>
          ) : (
            <>
              <span className="import-footer-hint">列入 {itemYear} 年度整改，整改时限</span>
              <DatePicker value={deadline} allowClear={false} onChange={(d) => d && setDeadline(d)} aria-label="整改时限" disabled={!canCreateItems} />
            </>
          )}
        </Space>
        <Button type="primary" disabled={!canCreateItems || pendingProblems.length === 0} loading={batch.isPending} onClick={createItems}>
          转为整改事项（{pendingProblems.length}）
        </Button>
      </div>
    ) : null

  return (
    <Drawer
      open
      size="min(1480px, 94vw)"
      title={`年度报告导入：${report.fileName}`}
      onClose={onClose}
      destroyOnHidden
      styles={{ body: { display: 'flex', flexDirection: 'column', paddingTop: 16, paddingBottom: 16 } }}
    >
      <div className="import-summary">
        <span>导入时间 {formatDateTime(report.createdAt)}</span>
        <span>报告年度 {report.reportedYear ?? '未识别'}</span>
        <span>报告单位 {report.reportedBureau ?? '未识别'}</span>
        <span>
          识别数值 {report.values.length} 项 · 需人工确认 {report.unresolved.length} 处 · 问题 {report.problems.length} 项
        </span>
      </div>
      {mismatch.length > 0 && <Alert className="import-alert" type="warning" showIcon title={`${mismatch.join('；')}，请确认上传的是本单位本年度的报告。`} />}
      <StructureCheck sections={report.sections} />
      <div className="import-body">
        <div className="import-text" ref={textRef} aria-label="报告原文">
          {segments.map((s) =>
            s.marks.length === 0 ? (
              <span key={s.start}>{compactBlankLines(s.text)}</span>
            ) : (
              <mark
                key={s.start}
                data-marks={s.marks.join(' ')}
                className={[
                  s.marks.some((m) => m.startsWith('v')) && 'mark-value',
                  s.marks.some((m) => m.startsWith('p')) && 'mark-problem',
                  s.marks.some((m) => m.startsWith('u')) && 'mark-unresolved',
                  active && s.marks.includes(active) && 'mark-active',
                ]
                  .filter(Boolean)
                  .join(' ')}
                onClick={() => focusMark(s.marks.find((m) => m.startsWith('v')) ?? s.marks[0])}
              >
                {compactBlankLines(s.text)}
              </mark>
            ),
          )}
        </div>
        <div className="import-side" ref={listRef}>
          <Tabs
            activeKey={tab}
            onChange={(k) => setTab(k as ReviewTab)}
            items={[
              { key: 'values', label: `指标数值（${report.values.length}）`, children: valuesTab },
              { key: 'unresolved', label: `需人工确认（${report.unresolved.length}）`, children: unresolvedTab },
              { key: 'problems', label: `存在的不足（${report.problems.length}）`, children: problemsTab },
            ]}
          />
          {footer}
        </div>
      </div>
    </Drawer>
  )
}
