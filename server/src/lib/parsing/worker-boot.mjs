// A worker thread runs plain JavaScript: this registers tsx in it, then loads the TypeScript worker.
import { tsImport } from 'tsx/esm/api'

await tsImport('./worker.ts', import.meta.url)
