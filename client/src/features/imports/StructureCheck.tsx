import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons'
import type { ImportedReport } from '@fazhi/shared'
import { structureCheck } from './proposals'
import './imports.css'

/** The five contents of an annual report, each ✓ found or ✗ missing (其他情况 is optional). */
export function StructureCheck({ sections, vertical = false }: { sections: ImportedReport['sections']; vertical?: boolean }) {
  return (
    <ul className={`structure-check${vertical ? ' vertical' : ''}`} aria-label="报告结构检查">
      {structureCheck(sections).map((s) => {
        const state = s.present ? 'present' : s.optional ? 'optional' : 'absent'
        const verdict = s.present ? '有' : s.optional ? '无（选填）' : '缺失'
        return (
          <li key={s.key} className={state} data-section={s.key} data-present={s.present} title={`${s.name}：${verdict}`}>
            {s.present ? <CheckCircleFilled /> : s.optional ? <MinusCircleOutlined /> : <CloseCircleFilled />}
            <span>{s.name}</span>
          </li>
        )
      })}
    </ul>
  )
}
