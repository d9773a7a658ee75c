import { Button } from 'antd'
import { Component, type ReactNode } from 'react'
import { PageMessage } from './PageMessage'

/** Catches render failures, e.g. a page chunk that could not be loaded after a release. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  override componentDidCatch(error: unknown) {
    console.error(error)
  }

  override render() {
    if (!this.state.failed) return this.props.children
    return (
      <PageMessage
        title="页面加载失败"
        description="可能是网络中断或系统已更新，请刷新页面后重试。"
        action={
          <Button type="primary" onClick={() => window.location.reload()}>
            刷新页面
          </Button>
        }
      />
    )
  }
}
