import { DIRECTION_LABELS, type Scheme } from '@fazhi/shared'
import { Descriptions, Table, type TableColumnsType } from 'antd'

type Row = Scheme['indicators'][number] & { categoryLabel: string; span: number }

/** Who an indicator applies to, in words. */
export const applicabilityText = (i: { enforcementOnly: boolean; appliesTo: readonly string[] | null }) =>
  [...(i.enforcementOnly ? ['有执法职能的单位'] : []), ...(i.appliesTo ?? [])].join('、') || '全部单位'

/** The indicators in the 考核细则's order, each category's first row spanning its others. */
export function schemeRows(scheme: Scheme): Row[] {
  return scheme.categories.flatMap((c) => {
    const inds = scheme.indicators.filter((i) => i.category === c.code)
    return inds.map((i, n) => ({ ...i, categoryLabel: `${c.name}（${c.points}分）`, span: n === 0 ? inds.length : 0 }))
  })
}

export const gradesText = (scheme: Pick<Scheme, 'grades'>) =>
  [...scheme.grades.map((g) => `${g.grade} ≥ ${g.min}分`), '其余为不合格'].join('；')

/** A year's 考核细则, read only: what a bureau is scored by. */
export function SchemeView({ scheme }: { scheme: Scheme }) {
  const columns: TableColumnsType<Row> = [
    { title: '类别', dataIndex: 'categoryLabel', width: 130, onCell: (r) => ({ rowSpan: r.span }) },
    { title: '指标', dataIndex: 'name', width: 240 },
    { title: '分值', dataIndex: 'weight', width: 70, align: 'right' },
    {
      title: '目标值',
      key: 'target',
      width: 110,
      render: (_, r) => (r.target === null ? '—' : `${r.direction ? DIRECTION_LABELS[r.direction].slice(0, 2) : ''} ${r.target}${r.unit}`),
    },
    { title: '评分规则', dataIndex: 'ruleText', width: 320 },
    { title: '适用单位', key: 'applies', width: 150, render: (_, r) => applicabilityText(r) },
  ]
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 4 }}
        className="scheme-settings"
        items={[
          { key: 'grades', label: '等次', children: gradesText(scheme) },
          { key: 'quota', label: '优秀比例', children: scheme.excellentQuota === null ? '不限' : `不超过 ${Math.round(scheme.excellentQuota * 100)}%` },
          { key: 'bonus', label: '加分上限', children: `${scheme.bonusCap} 分` },
          { key: 'late', label: '逾期上报扣分', children: `${scheme.lateDeduction} 分` },
        ]}
      />
      <Table<Row> rowKey="code" size="small" bordered pagination={false} columns={columns} dataSource={schemeRows(scheme)} scroll={{ x: 1020 }} />
    </>
  )
}
