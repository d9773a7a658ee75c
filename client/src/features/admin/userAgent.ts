const BROWSERS: [RegExp, string][] = [
  [/Edg\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/(?:HeadlessChrome|Chrome|Chromium)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+).*Safari/, 'Safari'],
]
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/Android/, 'Android'],
  [/iPhone|iPad/, 'iOS'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
]

/** A short "browser version · system" for a session list; the full string stays in a tooltip. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '未知终端'
  const browser = BROWSERS.map(([re, name]) => [re.exec(ua), name] as const).find(([m]) => m)
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1]
  const parts = [browser ? `${browser[1]} ${browser[0]![1]}` : null, system].filter(Boolean)
  return parts.length ? parts.join(' · ') : ua.slice(0, 40)
}
