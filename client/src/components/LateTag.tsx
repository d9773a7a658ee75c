import { Tag } from 'antd'

/** 逾期 beside a bureau whose report was late by the one on-time rule; nothing when on time or not reported. */
export function LateTag({ onTime }: { onTime: boolean | null }) {
  return onTime === false ? (
    <Tag color="orange" className="late-tag">
      逾期
    </Tag>
  ) : null
}
