import JSZip from 'jszip'

const MB = 1024 * 1024
/** The part of each container that holds its content: the one a bomb inflates. */
export const BIG_ENTRY = { xlsx: 'xl/worksheets/sheet1.xml', docx: 'word/document.xml' } as const

/** 30 MB of a sheet's or document's XML, deflated into a few dozen KB, beside the container's small parts. */
export async function zipBomb(kind: 'xlsx' | 'docx'): Promise<Buffer> {
  const zip = new JSZip()
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
  zip.file(BIG_ENTRY[kind], `<x>${'<r>0</r>'.repeat((30 * MB) / 8)}</x>`)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}
