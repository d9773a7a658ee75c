import { getInstanceByDom } from 'echarts/core'
import { useEffect, useMemo, useRef, useState } from 'react'
import { EChart, preloadCharts } from '../../components/EChart'
import type { ChartOption } from '../../components/chartOption'

/** Paper is printed at a higher resolution than the screen shows: the printed image uses this pixel ratio. */
const PRINT_PIXEL_RATIO = 2

interface PrintChartProps {
  option: ChartOption
  height: number
  ariaLabel: string
  /** Called once the chart has drawn its final frame (and its print image is ready). */
  onRendered: () => void
}

/**
 * A chart for paper: the shared <EChart> without animation, so that what is printed is the final
 * picture. Once ECharts reports `finished`, the chart is also captured as a sharp image, which is
 * what the printed page shows.
 */
export function PrintChart({ option, height, ariaLabel, onRendered }: PrintChartProps) {
  const box = useRef<HTMLDivElement>(null)
  const renderedHandler = useRef(onRendered)
  renderedHandler.current = onRendered
  const [image, setImage] = useState<string | null>(null)
  const staticOption = useMemo<ChartOption>(() => ({ ...option, animation: false }), [option])

  useEffect(() => {
    let cancelled = false
    let frame = 0
    let release = () => {}
    void preloadCharts().then(() => {
      // <EChart> creates its instance once the engine is in: wait for it, then listen.
      const attach = () => {
        if (cancelled) return
        const el = box.current?.querySelector<HTMLElement>('.chart-canvas')
        const chart = el ? getInstanceByDom(el) : undefined
        if (!chart) {
          frame = requestAnimationFrame(attach)
          return
        }
        const finished = () => {
          // A chart without a size (its box hidden) has nothing worth printing.
          if (cancelled || chart.isDisposed() || !chart.getWidth() || !chart.getHeight()) return
          setImage(chart.getDataURL({ type: 'png', pixelRatio: PRINT_PIXEL_RATIO, backgroundColor: '#fff' }))
          renderedHandler.current()
        }
        chart.on('finished', finished)
        release = () => chart.isDisposed() || chart.off('finished', finished)
        // The first frame may already be drawn: draw again so that `finished` is heard.
        chart.resize()
      }
      attach()
    })
    return () => {
      cancelled = true
      cancelAnimationFrame(frame)
      release()
    }
  }, [])

  return (
    <div ref={box} className="print-chart" data-rendered={image ? 'true' : 'false'}>
      <div className="print-chart-screen">
        <EChart option={staticOption} height={height} ariaLabel={ariaLabel} />
      </div>
      {image && <img className="print-chart-image" src={image} alt={ariaLabel} style={{ height }} />}
    </div>
  )
}
