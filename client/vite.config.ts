import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

/**
 * Screen readers read Chinese. Ant Design's icons label themselves with their English names
 * (`<span role="img" aria-label="search">`) and InputNumber's steppers say "Increase Value"; neither
 * library has a setting for it, and antd renders most of these icons itself (selects, sorters,
 * collapses). The icons are decorative here (a control that shows only an icon carries its own
 * Chinese label), so they are hidden from screen readers; the steppers are named in Chinese. A
 * library release that changes these lines fails the build rather than bringing English back
 * (tests/e2e/a11y-labels.test.ts checks the pages).
 */
const CHINESE_LABELS = [
  { file: /@ant-design[\\/]icons[\\/]es[\\/]components[\\/]AntdIcon(Light)?\.js$/, from: '"aria-label": icon.name', to: '"aria-hidden": true' },
  { file: /@rc-component[\\/]input-number[\\/]es[\\/]StepHandler\.js$/, from: "isUpAction ? 'Increase Value' : 'Decrease Value'", to: "isUpAction ? '增加数值' : '减少数值'" },
]

function chineseAriaLabels(): Plugin {
  return {
    name: 'chinese-aria-labels',
    enforce: 'pre',
    transform(code, id) {
      const rule = CHINESE_LABELS.find((r) => r.file.test(id))
      if (!rule) return null
      if (!code.includes(rule.from)) this.error(`${id}: "${rule.from}" not found: the library changed, see CHINESE_LABELS`)
      return code.replace(rule.from, rule.to)
    },
  }
}

/**
 * Long-lived vendor chunks. The framework changes rarely, so releases of the app do not bust its
 * cache; ECharts and its renderer are split in two so that no chunk exceeds 500 KB. Ant Design is
 * left to automatic splitting: each page then loads only the components it uses.
 */
const VENDOR_CHUNKS = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack[\\/][^\\/]+)[\\/]/ },
  { name: 'echarts', test: /node_modules[\\/]echarts[\\/]/ },
  // Claimed first, or the echarts group would take its dependencies along.
  { name: 'zrender', test: /node_modules[\\/](zrender|tslib)[\\/]/, priority: 1 },
]

export default defineConfig({
  plugins: [chineseAriaLabels(), react()],
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  build: {
    chunkSizeWarningLimit: 500,
    // tests/e2e/bundle.test.ts reads the manifest to check the size budgets.
    manifest: true,
    rolldownOptions: {
      // `@fazhi/shared` is one entry point; its schema module sets up zod on import. The client uses
      // only shared constants and types, so unused shared modules (and zod with them) are dropped.
      treeshake: { moduleSideEffects: [{ test: /[\\/]shared[\\/]src[\\/]/, sideEffects: false }] },
      output: { codeSplitting: { groups: VENDOR_CHUNKS } },
    },
  },
})
