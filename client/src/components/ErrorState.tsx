import { Alert, Button } from 'antd'
import { ApiError } from '../api/client'

/** The server's Chinese message when there is one; a generic sentence otherwise. */
export const errorMessage = (error: unknown) =>
  error instanceof ApiError ? error.message : '数据加载失败，请稍后重试'

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const forbidden = error instanceof ApiError && error.status === 403
  return (
    <Alert
      type={forbidden ? 'warning' : 'error'}
      showIcon
      title={forbidden ? '无权查看' : '加载失败'}
      description={errorMessage(error)}
      action={
        onRetry && !forbidden ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  )
}
