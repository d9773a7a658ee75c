import { ReloadOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Alert, Button, Typography } from 'antd'
import { ErrorState } from '../../components/ErrorState'
import { formatDateTime } from '../../lib/format'
import { chainSummary, shortHash } from './chain'
import { auditChainQueryOptions } from './queries'

/** The audit log's hash chain as the server verified it just now: intact, or from which row it was changed. */
export function AuditChainStatus() {
  const chain = useQuery(auditChainQueryOptions())
  if (chain.isError && !chain.data) return <ErrorState error={chain.error} onRetry={() => chain.refetch()} />
  if (!chain.data) return <Alert type="info" showIcon title="正在校验审计日志的哈希链…" className="audit-chain" />
  const { type, title, notes } = chainSummary(chain.data)
  const { head, checkedAt } = chain.data
  return (
    <Alert
      type={type}
      showIcon
      className="audit-chain"
      aria-label="哈希链校验"
      title={title}
      description={
        <>
          {notes.map((note) => (
            <div key={note}>{note}</div>
          ))}
          {head?.hash && (
            <div className="audit-chain-head">
              链头 #{head.id}，哈希{' '}
              <Typography.Text code copyable={{ text: head.hash, tooltips: ['复制完整哈希', '已复制'] }}>
                {shortHash(head.hash)}
              </Typography.Text>
              <span className="text-muted">：请将链头记录在系统之外，以便发现被截去的末尾</span>
            </div>
          )}
          <div className="text-muted">校验于 {formatDateTime(checkedAt)}</div>
        </>
      }
      action={
        <Button size="small" icon={<ReloadOutlined />} loading={chain.isFetching} onClick={() => chain.refetch()}>
          重新校验
        </Button>
      }
    />
  )
}
