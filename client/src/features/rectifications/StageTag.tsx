import { RECTIFICATION_RETURNED_LABEL, RECTIFICATION_STAGE_LABELS, rectificationStage, type RectificationItem } from '@fazhi/shared'
import { Space, Tag, Tooltip } from 'antd'
import { RECTIFICATION_STAGE_COLORS } from './rectification'

/** Where an item stands: 未启动 / 整改中 / 逾期 / 待销号 / 已销号, and 退回重改 with the office's reason. */
export function StageTag({ item }: { item: Pick<RectificationItem, 'status' | 'overdue' | 'verifiedAt' | 'returnReason'> }) {
  const stage = rectificationStage(item)
  return (
    <Space size={4} wrap>
      <Tag color={RECTIFICATION_STAGE_COLORS[stage]}>{RECTIFICATION_STAGE_LABELS[stage]}</Tag>
      {item.status !== 'done' && item.returnReason && (
        <Tooltip title={`退回原因：${item.returnReason}`}>
          <Tag color="orange">
            {RECTIFICATION_RETURNED_LABEL}（{item.returnReason}）
          </Tag>
        </Tooltip>
      )}
    </Space>
  )
}
