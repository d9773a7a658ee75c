// The chart engine: loaded on demand by <EChart>, so pages render their figures and tables before it arrives.
import { BarChart, HeatmapChart, LineChart, RadarChart } from 'echarts/charts'
import {
  GridComponent,
  LegendPlainComponent,
  RadarComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
} from 'echarts/components'
import { init, registerTheme, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { COLORS, PALETTE } from '../lib/colors'
import { FONT_FAMILY } from '../lib/font'

// Only what the app draws: every chart type and component costs bytes.
use([
  BarChart,
  HeatmapChart,
  LineChart,
  RadarChart,
  GridComponent,
  LegendPlainComponent,
  RadarComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
  CanvasRenderer,
])

const THEME = 'fazhi'
registerTheme(THEME, {
  color: PALETTE,
  textStyle: { fontFamily: FONT_FAMILY, color: COLORS.axisText },
  legend: { textStyle: { color: COLORS.axisText } },
})

export const createChart = (el: HTMLElement) => init(el, THEME, { renderer: 'canvas' })
export type Chart = ReturnType<typeof createChart>
