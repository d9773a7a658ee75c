import type { Grade } from '@fazhi/shared'
import { Tag } from 'antd'
import { EMPTY } from '../lib/format'

const GRADE_COLORS: Record<Grade, string> = { 优秀: 'green', 良好: 'blue', 合格: 'gold', 不合格: 'red' }

/** A bureau's grade (等次) as a coloured tag; — while unranked or in a version published before grades. */
export function GradeTag({ grade }: { grade: Grade | null | undefined }) {
  return grade ? (
    <Tag color={GRADE_COLORS[grade]} className="grade-tag" data-grade={grade}>
      {grade}
    </Tag>
  ) : (
    <span className="text-muted">{EMPTY}</span>
  )
}
