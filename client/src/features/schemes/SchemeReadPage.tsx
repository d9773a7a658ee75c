import { useQuery } from '@tanstack/react-query'
import { Skeleton } from 'antd'
import { ErrorState } from '../../components/ErrorState'
import { PageHeader } from '../../components/PageHeader'
import { Section } from '../../components/Panel'
import { useYear } from '../catalog/useYear'
import { YearSelect } from '../catalog/YearSelect'
import { schemeQuery } from './queries'
import { SchemeView } from './SchemeView'

/** `/scheme`: the year's 考核细则 for leaders and bureaus — the rules every score follows. */
export default function SchemeReadPage() {
  const { year, setYear, cycles } = useYear()
  const scheme = useQuery({ ...schemeQuery(year ?? 0), enabled: year !== null })
  return (
    <div className="page">
      <PageHeader title="考核细则" subtitle="各类别、指标的分值与评分规则，以及等次划分" extra={<YearSelect cycles={cycles.data ?? []} value={year} onChange={setYear} />} />
      <Section title={year ? `${year} 年度考核细则` : '考核细则'}>
        {scheme.error ? <ErrorState error={scheme.error} onRetry={() => void scheme.refetch()} /> : scheme.data ? <SchemeView scheme={scheme.data} /> : <Skeleton active />}
      </Section>
    </div>
  )
}
