import JSZip from 'jszip'
import { readDocxText } from './src/lib/parsing/index.ts'
async function docx(paragraphs: number, para: string) {
  const zip = new JSZip()
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
  const p = `<w:p><w:r><w:t>${para}</w:t></w:r></w:p>`
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${p.repeat(paragraphs)}</w:body></w:document>`)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}
const para = process.argv[3] ?? '本年度开展普法宣传活动二十四场，覆盖企业三百余家。'.repeat(20)
const d = await docx(Number(process.argv[2]), para)
console.log('zip', d.length)
const t0 = Date.now(); const rss0 = process.memoryUsage().rss
let maxRss = rss0
const iv = setInterval(() => { maxRss = Math.max(maxRss, process.memoryUsage().rss) }, 50)
try { const text = await readDocxText(d, 20 * 1024 * 1024); console.log('text', text.length) } catch (e) { console.log('err', (e as Error).message) }
clearInterval(iv)
console.log('ms', Date.now() - t0, 'peak rss growth MB', Math.round((maxRss - rss0) / 1e6))
