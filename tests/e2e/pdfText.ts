import { inflateSync } from 'node:zlib'

/**
 * The text of each page of a PDF Chromium printed (Skia's writer: plain objects, Flate streams,
 * Type0 fonts with a ToUnicode map, text shown as hex glyph ids). Only what the print view's test
 * needs: each page's content streams, read in order, every glyph mapped through the ToUnicode map of
 * the font selected with `Tf` from that page's resources. Not a general PDF reader.
 */
export function pdfPageTexts(pdf: Buffer): string[] {
  const file = pdf.toString('latin1')
  const objects = new Map<number, { dict: string; stream?: Buffer }>()
  // Streams are read by their /Length: their bytes may hold "endobj" or "endstream".
  const header = /(\d+) 0 obj\s*/g
  for (let m = header.exec(file); m; m = header.exec(file)) {
    const from = header.lastIndex
    const streamAt = file.slice(from, file.indexOf('endobj', from)).search(/stream\r?\n/)
    if (streamAt < 0) {
      objects.set(Number(m[1]), { dict: file.slice(from, file.indexOf('endobj', from)) })
      continue
    }
    const dict = file.slice(from, from + streamAt)
    const start = file.indexOf('\n', from + streamAt) + 1
    const raw = Buffer.from(file.slice(start, start + Number(/\/Length\s+(\d+)(?!\s+0 R)/.exec(dict)?.[1])), 'latin1')
    objects.set(Number(m[1]), { dict, stream: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw })
    header.lastIndex = start + raw.length
  }
  const ref = (text: string, key: string) => Number(new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(text)?.[1])
  const dictOf = (text: string, key: string) => {
    const direct = new RegExp(`/${key}\\s*<<`).exec(text)
    if (!direct) return objects.get(ref(text, key))?.dict ?? ''
    let depth = 0
    for (let i = direct.index + direct[0].length - 2; i < text.length; i++) {
      if (text.startsWith('<<', i)) {
        depth++
        i++
      } else if (text.startsWith('>>', i) && --depth === 0) return text.slice(direct.index, i + 2)
    }
    return ''
  }

  const cmaps = new Map<number, Map<number, string>>()
  function toUnicode(fontId: number): Map<number, string> {
    const cmapId = ref(objects.get(fontId)?.dict ?? '', 'ToUnicode')
    if (!cmaps.has(cmapId)) {
      const map = new Map<number, string>()
      const text = objects.get(cmapId)?.stream?.toString('latin1') ?? ''
      const unicode = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le')
      for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
        for (const [, glyph, u] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(glyph, 16), unicode(u))
      for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
        for (const [, from, to, u] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
          for (let g = parseInt(from, 16); g <= parseInt(to, 16); g++) map.set(g, String.fromCodePoint(parseInt(u, 16) + g - parseInt(from, 16)))
      cmaps.set(cmapId, map)
    }
    return cmaps.get(cmapId)!
  }

  const pages = [...objects.values()].filter((o) => /\/Type\s*\/Page\b(?!s)/.test(o.dict))
  return pages.map((page) => {
    const fonts = new Map([...dictOf(dictOf(page.dict, 'Resources'), 'Font').matchAll(/\/([^\s/<>]+)\s+(\d+) 0 R/g)].map(([, name, id]) => [name, Number(id)]))
    const contents = /\/Contents\s*\[([^\]]*)\]/.exec(page.dict)?.[1] ?? `${ref(page.dict, 'Contents')} 0 R`
    let text = ''
    for (const [, id] of contents.matchAll(/(\d+) 0 R/g)) {
      const content = objects.get(Number(id))?.stream?.toString('latin1') ?? ''
      let map = new Map<number, string>()
      for (const [, font, hex] of content.matchAll(/\/([^\s/]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>/g)) {
        if (font) map = toUnicode(fonts.get(font) ?? -1)
        else for (let i = 0; i + 4 <= hex.length; i += 4) text += map.get(parseInt(hex.slice(i, i + 4), 16)) ?? ''
      }
    }
    return text
  })
}
