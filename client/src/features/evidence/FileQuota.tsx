import { formatBytes } from '@fazhi/shared'
import { useQuery } from '@tanstack/react-query'
import { App, Button, InputNumber, Progress, Space } from 'antd'
import { useState } from 'react'
import { isApiError } from '../../api/client'
import { fileUsageQuery, useEvidenceMutations } from './queries'

const MB = 1024 * 1024

/** 存储配额: how much of its evidence storage a bureau uses; the office may raise (or lower) the quota. */
export function FileQuota({ bureauId, mayChange }: { bureauId: number; mayChange: boolean }) {
  const { message } = App.useApp()
  const usage = useQuery(fileUsageQuery(bureauId))
  const { setQuota } = useEvidenceMutations()
  const [quotaMb, setQuotaMb] = useState<number | null>(null)
  if (!usage.data) return null
  const { usedBytes, quotaBytes } = usage.data
  const save = async () => {
    if (quotaMb === null) return
    try {
      await setQuota.mutateAsync({ bureauId, quotaMb })
      message.success(`存储配额已设为 ${quotaMb} MB`)
      setQuotaMb(null)
    } catch (err) {
      message.error(isApiError(err) ? err.message : '保存失败')
    }
  }
  return (
    <div className="file-quota">
      <div>
        佐证材料存储：已用 {formatBytes(usedBytes)} / 配额 {formatBytes(quotaBytes)}
      </div>
      <Progress percent={Math.min(100, Math.round((usedBytes / quotaBytes) * 100))} size="small" status={usedBytes >= quotaBytes ? 'exception' : 'normal'} />
      {mayChange && (
        <Space.Compact>
          <InputNumber
            aria-label="存储配额（MB）"
            min={1}
            max={1_000_000}
            precision={0}
            addonAfter="MB"
            placeholder={String(quotaBytes / MB)}
            value={quotaMb}
            onChange={(v) => setQuotaMb(v)}
          />
          <Button onClick={save} disabled={quotaMb === null} loading={setQuota.isPending}>
            调整配额
          </Button>
        </Space.Compact>
      )}
    </div>
  )
}
