import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption, RadarSeriesOption } from 'echarts/charts'
import type {
  GridComponentOption,
  LegendComponentOption,
  RadarComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components'
import type { ComposeOption } from 'echarts/core'

/** The option type of every chart in the app: exactly the series and components <EChart> registers. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | HeatmapSeriesOption
  | LineSeriesOption
  | RadarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | RadarComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>

/** What a chart click reports back: the clicked item's series, position and value. */
export interface ChartClick {
  seriesIndex: number
  dataIndex: number
  value: unknown
}

export type {
  DefaultLabelFormatterCallbackParams as LabelParams,
  TooltipComponentFormatterCallbackParams as TooltipParams,
} from 'echarts'
