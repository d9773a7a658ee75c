import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { checkArchive, readSheetTexts, UploadParseError } from '../../../server/src/lib/parsing'

/**
 * The upload parser's own bounds, called directly: its answer is bounded as well as its input, a
 * flood of uploads is refused rather than queued without end, an Office file must hold its main
 * part, and a percentage typed in Excel reads as the percent it shows.
 */
const MB = 1024 * 1024

async function workbook(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  fill(wb.addWorksheet('表'))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

describe('the parsing worker', () => {
  it('refuses a small sheet whose shared strings repeat into an answer far larger than its bound, without the memory growing', async () => {
    // One 30,000-character string in 20,000 cells: a few KB inflated, 600 million characters answered.
    const long = '法'.repeat(30_000)
    const data = await workbook((ws) => {
      for (let r = 1; r <= 200; r++) ws.addRow(Array.from({ length: 100 }, () => long))
    })
    expect(data.length).toBeLessThan(1 * MB)
    const rss = process.memoryUsage().rss
    const started = performance.now()
    const err = await readSheetTexts(data, 20 * MB).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UploadParseError)
    expect((err as UploadParseError).problem).toBe('overLimit')
    expect((err as UploadParseError).message).toMatch(/超出/)
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * MB)
  })

  it('reads a number formatted as a percentage as the percent it shows', async () => {
    const data = await workbook((ws) => {
      ws.addRow(['完成率', 0.95, 0.875, 12])
      ws.getCell('B1').numFmt = '0%'
      ws.getCell('C1').numFmt = '0.0%'
    })
    const [sheet] = await readSheetTexts(data, 20 * MB)
    expect(sheet.rows[0]).toEqual(['完成率', '95', '87.5', '12'])
  })

  it('refuses uploads beyond the queue at once (busy), and reads the rest', async () => {
    const data = await workbook((ws) => ws.addRow(['a']))
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => readSheetTexts(data, 20 * MB)))
    const busy = results.filter((r) => r.status === 'rejected' && (r.reason as UploadParseError).problem === 'busy')
    // Two parse, eight wait: the eleventh and twelfth are refused without waiting.
    expect(busy).toHaveLength(2)
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10)
  })

  it('refuses a zip that only claims to be an Office file: its main part must be there', async () => {
    const zip = new JSZip()
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    zip.file('setup.exe', 'MZ' + 'x'.repeat(1000))
    const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    await expect(checkArchive(data, 20 * MB, 'word/document.xml')).rejects.toMatchObject({ problem: 'notZip' })
    zip.file('word/document.xml', '<w:document/>')
    await expect(checkArchive(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), 20 * MB, 'word/document.xml')).resolves.toBeUndefined()
  })
})
