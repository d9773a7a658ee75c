import fs from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { multipartFile } from '../../helpers/multipart'
import { BIG_ENTRY, zipBomb } from '../../helpers/zip-bomb'
import { createWorkflowApp, type WorkflowContext } from '../workflow/helpers'

/**
 * Every upload that is an .xlsx or .docx (annual report import, bureau sheet import, 考核细则 import)
 * is parsed in a worker with its real inflated size bounded: a zip bomb is refused within 2 s and
 * without the server's memory growing by 100 MB, whether its declared sizes are honest or lie, and
 * a heavy but honest document parses without stalling the server.
 */
let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
})
afterAll(() => t.close())

const MB = 1024 * 1024
/** The same zip with the big entry declaring 1 KB in its local header and the central directory, as a bomb built to pass a size check would. */
function lyingAbout(zip: Buffer, entryName: string): Buffer {
  const out = Buffer.from(zip)
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  const entries = out.readUInt16LE(eocd + 10)
  let pos = out.readUInt32LE(eocd + 16)
  let patched = 0
  for (let n = 0; n < entries; n++) {
    const nameLength = out.readUInt16LE(pos + 28)
    const name = out.subarray(pos + 46, pos + 46 + nameLength).toString()
    if (name === entryName) {
      out.writeUInt32LE(1024, pos + 24)
      const local = out.readUInt32LE(pos + 42)
      expect(out.readUInt32LE(local)).toBe(0x04034b50)
      out.writeUInt32LE(1024, local + 22)
      patched++
    }
    pos += 46 + nameLength + out.readUInt16LE(pos + 30) + out.readUInt16LE(pos + 32)
  }
  expect(patched).toBe(1)
  return out
}

interface Route {
  name: string
  user: string
  url: string
  fileName: string
  /** The refusal's Chinese message (the scheme import answers file problems in its error list). */
  messageOf(res: { status: number; body: { message?: string; errors?: { message: string }[] } }): string | undefined
  /** What the route would change: compared before and after a refused upload. */
  state(): Promise<unknown>
}

const count = async (table: string) => (await t.sql.get(`select cast(count(*) as integer) as n from ${table}`) as { n: number }).n
const ROUTES: Route[] = [
  {
    name: 'annual report import',
    user: 'kjj',
    // The real report read below is 西峡县's, uploaded for the demo county's bureau: its county confirmed.
    url: '/api/imports?year=2026&confirmCounty=1',
    fileName: '年度报告.docx',
    messageOf: (res) => ([400, 413, 422].includes(res.status) ? res.body.message : undefined),
    state: async () => await count('report_imports'),
  },
  {
    name: 'bureau sheet import',
    user: 'office',
    url: '/api/bureaus/import?commit=true',
    fileName: '单位.xlsx',
    messageOf: (res) => (res.status === 400 ? res.body.message : undefined),
    state: async () => await t.sql.all('select * from bureaus order by id'),
  },
  {
    name: '考核细则 import',
    user: 'office',
    url: '/api/schemes/2026/import',
    fileName: '考核细则.xlsx',
    messageOf: (res) => (res.status === 200 && res.body.errors?.length === 1 ? res.body.errors[0].message : undefined),
    state: async () => await t.sql.all('select * from scheme_indicators where year = 2026 order by indicator_code'),
  },
]

async function post(route: Route, data: Buffer, fileName = route.fileName) {
  const body = multipartFile(fileName, data)
  const res = await t.app.inject({ method: 'POST', url: route.url, payload: body.payload, headers: { ...(await t.as(route.user)), ...body.headers } })
  return { status: res.statusCode, body: res.json() as { message?: string; errors?: { message: string }[] } }
}

/** The answer to an upload, with how long it took and how far the process's RSS rose at its peak (the worker's heap counts). */
async function measured(route: Route, data: Buffer) {
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
  const started = performance.now()
  try {
    const res = await post(route, data)
    return { res, ms: performance.now() - started, growthMb: (Math.max(peak, process.memoryUsage().rss) - before) / MB }
  } finally {
    clearInterval(sampler)
  }
}

const bombs: Record<string, Buffer> = {}
beforeAll(async () => {
  for (const kind of ['xlsx', 'docx'] as const) {
    bombs[`honest ${kind}`] = await zipBomb(kind)
    bombs[`lying ${kind}`] = lyingAbout(bombs[`honest ${kind}`], BIG_ENTRY[kind])
  }
  // Start one parse first, so the timings below are of refusals, not of the test runner warming up.
  await post(ROUTES[1], bombs['lying xlsx'])
})

describe.each(ROUTES)('$name', (route) => {
  it.each([
    ['honest xlsx', /解压后超过 20 MB/],
    ['honest docx', /解压后超过 20 MB/],
    ['lying xlsx', /声明的大小与实际不符/],
    ['lying docx', /声明的大小与实际不符/],
  ])('refuses a %s zip bomb within 2 s, its RSS growing under 100 MB, changing nothing', async (which, message) => {
    expect(bombs[which].length).toBeLessThan(200 * 1024)
    const state = await route.state()
    const { res, ms, growthMb } = await measured(route, bombs[which])
    expect(route.messageOf(res)).toMatch(message)
    expect(ms).toBeLessThan(2000)
    expect(growthMb).toBeLessThan(100)
    expect(await route.state()).toEqual(state)
  })
})

describe('real uploads still read', () => {
  it('an annual report .docx', async () => {
    const docx = fs.readFileSync(path.join(import.meta.dirname, '../../fixtures/reports/xixia-kjj-2023.docx'))
    const res = await post(ROUTES[0], docx)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ reportedYear: 2023, reportedBureau: '西峡县科技局' })
  })

  it('the bureau sheet as downloaded, previewed without errors or changes', async () => {
    const sheet = await t.app.inject({ method: 'GET', url: '/api/bureaus/template.xlsx', headers: await t.as('office') })
    expect(sheet.statusCode).toBe(200)
    const res = await post({ ...ROUTES[1], url: '/api/bureaus/import?commit=false' }, sheet.rawPayload)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ errorCount: 0, created: 0, updated: 0, unchanged: await count('bureaus'), committed: false })
  })

  it('the 考核细则 as exported, read back without errors or differences', async () => {
    const exported = await t.app.inject({ method: 'GET', url: '/api/schemes/2026/export.xlsx', headers: await t.as('office') })
    expect(exported.statusCode).toBe(200)
    const res = await post(ROUTES[2], exported.rawPayload)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ errors: [], differences: [] })
  })
})

/** A well-formed .docx of `paragraphs` paragraphs of Chinese text (about 1.4 KB of XML each). */
async function heavyDocx(paragraphs: number): Promise<Buffer> {
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  )
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  )
  const paragraph = `<w:p><w:r><w:t>${'本年度开展普法宣传活动二十四场，覆盖企业三百余家。'.repeat(20)}</w:t></w:r></w:p>`
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraph.repeat(paragraphs)}</w:body></w:document>`,
  )
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

/** Pings /api/health every 200 ms until `work` settles: the latencies, each of which must stay well under a second. */
async function healthLatenciesDuring(work: Promise<unknown>): Promise<number[]> {
  let settled = false
  const done = () => (settled = true)
  work.then(done, done)
  const latencies: number[] = []
  while (!settled) {
    const started = performance.now()
    const health = await t.app.inject({ method: 'GET', url: '/api/health' })
    latencies.push(performance.now() - started)
    expect(health.statusCode).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return latencies
}

describe('a heavy but honest upload', () => {
  it('a .docx parses while /api/health keeps answering, and is refused as no annual report', async () => {
    const docx = await heavyDocx(11_000) // about 15 MB of XML once inflated: within the bound
    const imports = await count('report_imports')
    const upload = post(ROUTES[0], docx)
    const latencies = await healthLatenciesDuring(upload)
    const res = await upload
    // The worker read all of it (it is not refused as too large once inflated); its text is far longer than any report.
    expect(res.status).toBe(413)
    expect(res.body.message).toBe('报告超过 20 万字，不是一份年度报告，无法导入')
    expect(await count('report_imports')).toBe(imports)
    expect(latencies.length).toBeGreaterThanOrEqual(3)
    expect(Math.max(...latencies)).toBeLessThan(1000)
  }, 60_000)

  it('a sheet too big for the worker’s heap is refused with a 400, the server answering meanwhile', async () => {
    const sheet = await cellsSheet(36_000) // 720,000 cells, 19 MB of XML: within the bound, beyond exceljs in 256 MB
    const state = await ROUTES[1].state()
    const upload = post(ROUTES[1], sheet)
    const latencies = await healthLatenciesDuring(upload)
    const res = await upload
    expect(res.status).toBe(400)
    // Out of memory, or (on a loaded machine) the time limit first.
    expect(res.body.message).toMatch(/^文件过于复杂，读取时超出内存限制，已拒绝$|^文件读取超时，已拒绝$/)
    expect(await ROUTES[1].state()).toEqual(state)
    expect(Math.max(...latencies)).toBeLessThan(1000)
  }, 90_000)
})

/** A minimal well-formed .xlsx whose one sheet holds `rows` rows of 20 number cells. */
async function cellsSheet(rows: number): Promise<Buffer> {
  const zip = new JSZip()
  const ns = 'http://schemas.openxmlformats.org/package/2006/relationships'
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
  )
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="单位" sheetId="1" r:id="rId1"/></sheets></workbook>',
  )
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  )
  const columns = 'ABCDEFGHIJKLMNOPQRST'.split('')
  const body = Array.from({ length: rows }, (_, i) => `<row r="${i + 1}">${columns.map((c) => `<c r="${c}${i + 1}"><v>1</v></c>`).join('')}</row>`).join('')
  zip.file('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}
