// Chart tooltips are HTML strings: everything that came from the database is escaped first.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])

/** A tooltip title line. */
export const tooltipTitle = (text: string) => `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(text)}</div>`

/** One "marker  label  value" line of a tooltip; `color` draws the series dot. */
export function tooltipRow(label: string, value: string, color?: string): string {
  const dot = color
    ? `<span style="display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;background:${color}"></span>`
    : ''
  return `<div style="display:flex;justify-content:space-between;gap:16px"><span>${dot}${escapeHtml(label)}</span><b>${escapeHtml(value)}</b></div>`
}
