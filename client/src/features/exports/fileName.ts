/**
 * The file name a Content-Disposition header gives: the UTF-8 `filename*` (RFC 5987) when present,
 * since the plain `filename` is only an ASCII stand-in for Chinese names; null when there is none.
 */
export function fileNameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header)
  if (extended) {
    const value = extended[1].trim().replace(/^"(.*)"$/, '$1')
    const match = /^([\w-]*)'[^']*'(.*)$/.exec(value)
    if (match) {
      const [, charset, encoded] = match
      try {
        if (!charset || charset.toLowerCase() === 'utf-8') return decodeURIComponent(encoded)
      } catch {
        // A malformed escape: fall back to the plain name.
      }
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/i.exec(header)
  if (!plain) return null
  const name = plain[1].trim().replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1')
  return name || null
}

/** Hands a downloaded file to the browser under its name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The browser reads the blob asynchronously after the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
