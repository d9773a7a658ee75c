import { appliesToBureau, type FillBureau, isRequiredFor, plausibilityChecks, type Indicator, type SubmissionValue } from '@fazhi/shared'
import { Button, Checkbox, Collapse, Form, Input, InputNumber, Radio, Tag, Tooltip } from 'antd'
import { memo, type ReactNode } from 'react'
import { attainmentClass } from '../../lib/colors'
import { formatDateTime, formatNumber, formatPercent } from '../../lib/format'
import type { IndicatorRow } from '../bureau/indicators'
import { checkField, fieldOf, fieldText, inputSpecOf, isLedgerOverride, SOURCE_LABELS, type FieldValue, type FormValues } from './form'

const SOURCE_COLORS = { manual: 'default', ledger: 'blue', import: 'purple', excel: 'green' } as const

/** Where a derived indicator's value comes from. */
const DERIVED_HINTS: Record<string, string> = {
  'lead.report_published': '依据报告公开日期自动计算（右侧“报告公开”）',
  'review.normative_doc_review_rate': '= 规范性文件合法性审查件数 ÷ 制发件数',
  'review.major_decision_review_rate': '= 重大行政决策合法性审查件数 ÷ 事项数',
  'rectification.completion_rate': '依据本年度整改事项自动计算',
  'rectification.overdue_items': '依据本年度整改事项自动计算',
}

export const fieldDomId = (code: string) => `ind-${code.replace(/\./g, '-')}`

export interface IndicatorFormProps {
  indicators: readonly Indicator[]
  values: FormValues
  /** The stored values, for the source, author and time of each. */
  stored: ReadonlyMap<string, SubmissionValue>
  dirty: ReadonlySet<string>
  ledgerValues: Readonly<Record<string, number>>
  /** Last year's reported values, by code: the year-over-year rule compares with them. */
  previousValues: Readonly<Record<string, number>>
  /** The live value, target and attainment texts, by code. */
  rows: ReadonlyMap<string, IndicatorRow>
  /** Live category attainment, by category code. */
  categoryAttainment: ReadonlyMap<string, number | null>
  /** Which indicators apply: enforcement powers and the bureau's category in the scheme. */
  bureau: FillBureau
  editable: boolean
  activeKeys: string[]
  onActiveKeysChange: (keys: string[]) => void
  onChange: (code: string, patch: Partial<FieldValue>) => void
  /** What is attached to each value: its evidence files and reviewers' comments (a stable callback, so rows stay memoised). */
  renderMaterials?: (indicator: Indicator) => ReactNode
}

export function IndicatorForm(props: IndicatorFormProps) {
  const { indicators, values, bureau, activeKeys, onActiveKeysChange, categoryAttainment } = props
  const categories = [...new Map(indicators.map((i) => [i.category, i.categoryName]))]

  const items = categories.map(([category, categoryName]) => {
    const members = indicators.filter((i) => i.category === category)
    const shown = members.filter((i) => appliesToBureau(i, bureau))
    const required = shown.filter((i) => isRequiredFor(i, bureau))
    const done = required.filter((i) => {
      const f = fieldOf(values, i.code)
      return f.value !== null || (f.notApplicable && f.note.trim())
    }).length
    const attainment = categoryAttainment.get(category) ?? null
    return {
      key: category,
      label: <span className="category-label">{categoryName}</span>,
      extra: (
        <span className="category-extra">
          {required.length > 0 && (
            <span className={done < required.length ? 'text-bad' : 'text-good'}>
              已填 {done}/{required.length}
            </span>
          )}
          <span>
            达成度 <span className={attainment === null ? undefined : attainmentClass(attainment)}>{attainment === null ? '不计分' : formatPercent(attainment)}</span>
          </span>
        </span>
      ),
      children: shown.length ? (
        <div role="group" aria-label={categoryName}>
          <div className="ind-row ind-head" aria-hidden>
            <span>指标</span>
            <span>填报值</span>
            <span style={{ textAlign: 'right' }}>目标</span>
            <span style={{ textAlign: 'right' }}>达成度</span>
            <span>不适用 / 备注</span>
          </div>
          {shown.map((i) => (
            <IndicatorField
              key={i.code}
              indicator={i}
              field={fieldOf(values, i.code)}
              stored={props.stored.get(i.code)}
              dirty={props.dirty.has(i.code)}
              ledgerValue={props.ledgerValues[i.code]}
              previousValue={props.previousValues[i.code]}
              row={props.rows.get(i.code)}
              editable={props.editable}
              onChange={props.onChange}
              renderMaterials={props.renderMaterials}
            />
          ))}
        </div>
      ) : (
        <div className="category-empty">本单位无行政执法职能，本类指标不适用，无需填报。</div>
      ),
    }
  })

  return <Collapse items={items} activeKey={activeKeys} onChange={(keys) => onActiveKeysChange(keys as string[])} />
}

interface FieldProps {
  indicator: Indicator
  field: FieldValue
  stored: SubmissionValue | undefined
  dirty: boolean
  ledgerValue: number | undefined
  previousValue: number | undefined
  row: IndicatorRow | undefined
  editable: boolean
  onChange: (code: string, patch: Partial<FieldValue>) => void
  renderMaterials?: (indicator: Indicator) => ReactNode
}

const IndicatorField = memo(function IndicatorField({
  indicator,
  field,
  stored,
  dirty,
  ledgerValue,
  previousValue,
  row,
  editable,
  onChange,
  renderMaterials,
}: FieldProps) {
  const spec = inputSpecOf(indicator)
  const code = indicator.code
  const derived = spec.kind === 'derived'
  const check = derived ? { error: null, warning: null } : checkField(field, ledgerValue)
  // 校验规则, live as the user types: the same rule the server applies when submitting.
  const flags = plausibilityChecks(indicator, field.value, previousValue)
  const unexplained = flags.length > 0 && !field.note.trim()
  const set = (patch: Partial<FieldValue>) => onChange(code, patch)
  const override = isLedgerOverride(field, ledgerValue)
  const unit = indicator.unit && indicator.unit !== '%' ? indicator.unit : ''

  let input
  if (derived || !editable) input = <div className="ind-readonly">{row?.value ?? '—'}</div>
  else if (spec.kind === 'boolean')
    input = (
      <Radio.Group
        aria-label={indicator.name}
        optionType="button"
        value={field.value === null ? undefined : field.value}
        disabled={field.notApplicable}
        options={[
          { value: true, label: '是' },
          { value: false, label: '否' },
        ]}
        onChange={(e) => set({ value: e.target.value as boolean })}
      />
    )
  else
    input = (
      <InputNumber<number>
        aria-label={indicator.name}
        min={spec.min}
        max={spec.max}
        precision={spec.precision}
        step={1}
        value={typeof field.value === 'number' ? field.value : null}
        disabled={field.notApplicable}
        placeholder={field.notApplicable ? '不适用' : '请填写'}
        suffix={spec.kind === 'percent' ? '%' : unit || undefined}
        onChange={(v) => set({ value: v ?? null })}
      />
    )

  return (
    <div className="ind-row" id={fieldDomId(code)} data-indicator={code}>
      <div>
        <div className="ind-name">{indicator.name}</div>
        <div className="ind-meta">
          {derived ? (
            <Tag color="cyan">自动计算</Tag>
          ) : (
            stored && (
              <Tooltip title={`${stored.updatedBy ?? '系统'} 于 ${formatDateTime(stored.updatedAt)} 填写`}>
                <Tag color={SOURCE_COLORS[stored.source]} data-source={stored.source}>
                  {SOURCE_LABELS[stored.source]}
                </Tag>
              </Tooltip>
            )
          )}
          {override && <Tag color="gold">手工覆盖台账</Tag>}
          {dirty && <Tag color="orange">未保存</Tag>}
          {indicator.weight === 0 && !derived && <span>用于计算审查率，不单独计分</span>}
        </div>
      </div>
      <div className="ind-value">
        <Form.Item
          className="ind-item"
          validateStatus={check.error ? 'error' : unexplained ? 'warning' : undefined}
          help={
            flags.length > 0 && (
              <div className="ind-flags" data-flagged={code}>
                {flags.map((f) => (
                  <div key={f.kind}>{f.text}</div>
                ))}
                <div>{unexplained ? (editable ? '上报前须在备注中说明原因' : '未说明原因') : '已在备注中说明'}</div>
              </div>
            )
          }
        >
          {input}
        </Form.Item>
        {previousValue !== undefined && (spec.kind === 'count' || spec.kind === 'percent') && (
          <div className="ind-hint">上年 {fieldText(indicator, { value: previousValue, notApplicable: false, note: '' })}</div>
        )}
        {derived && DERIVED_HINTS[code] && <div className="ind-hint">{DERIVED_HINTS[code]}</div>}
        {ledgerValue !== undefined && (
          <div className="ind-ledger">
            <span className="ind-ledger-value">
              台账汇总 <b>{formatNumber(ledgerValue)}</b>
              {unit && ` ${unit}`}
            </span>
            {editable && field.value !== ledgerValue && !field.notApplicable && (
              <Button type="link" onClick={() => set({ value: ledgerValue })}>
                采用台账值
              </Button>
            )}
          </div>
        )}
        {check.error && <div className="ind-error">{check.error}</div>}
      </div>
      <div className="ind-target">{row?.target ?? '—'}</div>
      <div className={`ind-att ${row?.attainment == null ? 'text-muted' : (attainmentClass(row.attainment) ?? '')}`}>{row?.attainmentText ?? '—'}</div>
      <div className="ind-note">
        {derived ? null : editable ? (
          <>
            <div className="ind-note-line">
              <Checkbox checked={field.notApplicable} onChange={(e) => set({ notApplicable: e.target.checked })} aria-label={`${indicator.name}不适用`}>
                不适用
              </Checkbox>
              <Input.TextArea
                aria-label={`${indicator.name}备注`}
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={1000}
                value={field.note}
                status={check.error ? 'error' : check.warning || unexplained ? 'warning' : undefined}
                placeholder={
                  override ? '请说明与台账不一致的原因' : field.notApplicable ? '请说明不适用的原因' : unexplained ? '请说明该数值的原因（上报前必填）' : '备注（选填）'
                }
                onChange={(e) => set({ note: e.target.value })}
              />
            </div>
            {check.warning && <div className="ind-warning">{check.warning}</div>}
          </>
        ) : (
          <div className="ind-note-text">
            {field.notApplicable && <Tag>不适用</Tag>}
            {field.note || (field.notApplicable ? '' : <span className="text-muted">—</span>)}
          </div>
        )}
      </div>
      {renderMaterials && <div className="ind-materials">{renderMaterials(indicator)}</div>}
    </div>
  )
})
