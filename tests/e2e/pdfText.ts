import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/**
 * The text of each page of a PDF, read with pdf.js. Chromium's CJK font maps some characters to
 * their radical forms (页 reads back as ⻚, 文 as ⽂): the Kangxi radicals are folded back (NFKC,
 * for them only: it would also turn full-width punctuation half-width), and the callers match ⻚ too.
 */
export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false }).promise
  try {
    const pages: string[] = []
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent()
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('').replace(/[\u2F00-\u2FDF]/g, (c) => c.normalize('NFKC')))
    }
    return pages
  } finally {
    await doc.destroy()
  }
}
