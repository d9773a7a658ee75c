import { useEffect, useRef, useState } from 'react'
import type { Chart } from './chartEngine'
import type { ChartClick, ChartOption } from './chartOption'

type Engine = typeof import('./chartEngine')

let engineLoad: Promise<Engine> | null = null
let engine: Engine | null = null

/** Starts fetching the chart engine; pages call it on load so it arrives alongside their data. */
export function preloadCharts(): Promise<Engine> {
  engineLoad ??= import('./chartEngine').then((m) => (engine = m))
  return engineLoad
}

interface EChartProps {
  option: ChartOption
  height: number
  /** Describes the chart for screen readers. */
  ariaLabel: string
  onClick?: (click: ChartClick) => void
}

/** The one chart wrapper: creates the chart, applies option changes, follows the container's size, disposes. */
export function EChart({ option, height, ariaLabel, onClick }: EChartProps) {
  const container = useRef<HTMLDivElement>(null)
  const chart = useRef<Chart | null>(null)
  const clickHandler = useRef(onClick)
  clickHandler.current = onClick
  const [loaded, setLoaded] = useState<Engine | null>(engine)
  const [loadFailed, setLoadFailed] = useState(false)

  useEffect(() => {
    if (loaded) return
    let active = true
    preloadCharts().then(
      (m) => active && setLoaded(m),
      () => active && setLoadFailed(true),
    )
    return () => {
      active = false
    }
  }, [loaded])

  useEffect(() => {
    if (!loaded) return
    const el = container.current!
    const instance = loaded.createChart(el)
    chart.current = instance
    instance.on('click', (params) => {
      clickHandler.current?.({ seriesIndex: params.seriesIndex ?? 0, dataIndex: params.dataIndex, value: params.value })
    })
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(el)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [loaded])

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true })
  }, [option, loaded])

  return (
    <div className="chart" style={{ height }}>
      <div ref={container} role="img" aria-label={ariaLabel} className="chart-canvas" />
      {!loaded && <div className="chart-placeholder">{loadFailed ? '图表加载失败，请刷新页面重试' : '图表加载中…'}</div>}
    </div>
  )
}
