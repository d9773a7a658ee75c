import { missingItems, type SubmitBlockers } from './form'

/** What still stops a submit, each a link to its field. */
export function MissingList({ blockers, onJump }: { blockers: SubmitBlockers; onJump: (code: string) => void }) {
  const items = missingItems(blockers)
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
