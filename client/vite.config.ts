import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

/**
 * The icons that are a control's only content, where antd renders them itself: the table's filter
 * trigger and an input's clear button. They keep a name, in Chinese.
 */
const NAMED_ICONS: Record<string, string> = { filter: '筛选', 'close-circle': '清除' }

/**
 * Screen readers read Chinese. Ant Design's icons label themselves with their English names
 * (`<span role="img" aria-label="search">`), InputNumber's steppers say "Increase Value", a Segmented
 * "segmented control" and a table's select-all box "Select all"; no library has a setting for it,
 * and antd renders most of these icons itself (selects, sorters, collapses). The icons are decorative here (a control of ours that shows only an icon carries its
 * own Chinese label), so they are hidden from screen readers, except the few that are the only
 * content of a control antd renders (`NAMED_ICONS`), named in Chinese; the steppers too. A
 * library release that changes these lines fails the build rather than bringing English back
 * (tests/e2e/a11y-labels.test.ts checks the pages).
 */
const CHINESE_LABELS = [
  {
    file: /@ant-design[\\/]icons[\\/]es[\\/]components[\\/]AntdIcon(Light)?\.js$/,
    from: '"aria-label": icon.name',
    to: `"aria-label": ${JSON.stringify(NAMED_ICONS)}[icon.name], "aria-hidden": ${JSON.stringify(NAMED_ICONS)}[icon.name] ? undefined : true`,
  },
  { file: /@rc-component[\\/]input-number[\\/]es[\\/]StepHandler\.js$/, from: "isUpAction ? 'Increase Value' : 'Decrease Value'", to: "isUpAction ? '增加数值' : '减少数值'" },
  // A page names its own Segmented (`aria-label`); one that does not is at least Chinese.
  { file: /@rc-component[\\/]segmented[\\/]es[\\/]index\.js$/, from: '"aria-label": "segmented control"', to: '"aria-label": "选项切换"' },
  { file: /antd[\\/]es[\\/]table[\\/]hooks[\\/]useSelection\.js$/, from: "customizeSelections ? 'Custom selection' : 'Select all'", to: "customizeSelections ? '自定义选择' : '全选'" },
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

const gzip = promisify(zlib.gzip)
const brotli = promisify(zlib.brotliCompress)

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy beside each text file of the build, once, at build
 * time: the server sends the one the browser accepts (`preCompressed` in server/src/plugins/client.ts)
 * instead of compressing on every request. A phone on a slow network downloads a quarter of the bytes.
 */
function precompress(): Plugin {
  return {
    name: 'precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir!
      const files = Object.keys(bundle).filter((f) => /\.(js|css|html|svg|json)$/.test(f))
      await Promise.all(
        files.map(async (file) => {
          const bytes = await fs.promises.readFile(path.join(dir, file))
          if (bytes.length < 1024) return
          await fs.promises.writeFile(path.join(dir, `${file}.gz`), await gzip(bytes, { level: 9 }))
          await fs.promises.writeFile(path.join(dir, `${file}.br`), await brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }))
        }),
      )
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
  plugins: [chineseAriaLabels(), react(), precompress()],
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
