import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import zlib from 'node:zlib'

/** Small real files of each accepted kind (and some that must be refused), made in the test. */

/** A minimal one-page PDF; `pad` adds bytes so tests can make it larger. */
export function pdfOf(text = '佐证材料', pad = 0): Buffer {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${Buffer.from(text).toString('hex')}\n`
  return Buffer.concat([Buffer.from(body), Buffer.alloc(pad, 0x20), Buffer.from('trailer<</Root 1 0 R>>\n%%EOF\n')])
}

/** A 1×1 PNG, built chunk by chunk. */
export function pngOf(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf: Buffer) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(td))
    return Buffer.concat([len, td, sum])
  }
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
  const idat = zlib.deflateSync(Buffer.from([0, 255, 0, 0]))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))])
}

export async function xlsxOf(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.addWorksheet('签到表').addRow(['姓名', '单位'])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** A minimal .docx; `inflated` bytes of one repeated letter make it a bomb that compresses to almost nothing. */
export async function docxOf(inflated = 0): Promise<Buffer> {
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  )
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>会议纪要${'a'.repeat(inflated)}</w:t></w:r></w:p></w:body></w:document>`)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } })
}

/** A Windows executable's first bytes (MZ header): what a renamed .exe looks like. */
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(200)])
export const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>')
export const SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')

/** A zip whose entry `name` declares `declared` inflated bytes while it really inflates to more: its central and local headers lie. */
export function withLyingSize(zip: Buffer, name: string, declared: number): Buffer {
  const out = Buffer.from(zip)
  const file = Buffer.from(name)
  for (let i = 0; i < out.length - 46; i++) {
    const sig = out.readUInt32LE(i)
    if (sig === 0x04034b50 && out.subarray(i + 30, i + 30 + file.length).equals(file)) out.writeUInt32LE(declared, i + 22)
    if (sig === 0x02014b50 && out.subarray(i + 46, i + 46 + file.length).equals(file)) out.writeUInt32LE(declared, i + 24)
  }
  return out
}
