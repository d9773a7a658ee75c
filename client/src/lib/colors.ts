// Colours with a meaning, shared by charts, tags and stat cards.

export const COLORS = {
  primary: '#1d4ed8',
  good: '#16a34a',
  bad: '#dc2626',
  warn: '#d97706',
  muted: '#8c8c8c',
  missingFill: '#e4e7ec',
  notApplicableFill: '#f2f3f5',
  gridLine: '#eef0f3',
  axisText: '#595959',
} as const

/** Series palette (Tableau 10 minus pink and grey): eight hues that stay apart, even as thin lines. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#9c755f']

export const RECTIFICATION_COLORS = {
  notStarted: '#bfc5cf',
  inProgress: '#3b82f6',
  pending: '#f59e0b',
  done: '#22c55e',
  overdue: '#ef4444',
} as const

/** Attainment bands, lowest first: a light fill so the percentage on top stays readable. */
export const ATTAINMENT_BANDS = [
  { min: 0, max: 0.6, label: '低于 60%', color: '#f6b3ae' },
  { min: 0.6, max: 0.8, label: '60%–80%', color: '#fbd7a5' },
  { min: 0.8, max: 0.9, label: '80%–90%', color: '#fbedb0' },
  { min: 0.9, max: 1, label: '90%–100%', color: '#cdeccf' },
  { min: 1, max: 1, label: '全部达标', color: '#8fd19e' },
] as const

/** CSS class for an attainment shown as text: red below 60%, amber below 80%, plain otherwise. */
export const attainmentClass = (value: number) => (value < 0.6 ? 'att-low' : value < 0.8 ? 'att-mid' : undefined)
