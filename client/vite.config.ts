import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

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
  plugins: [react()],
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
