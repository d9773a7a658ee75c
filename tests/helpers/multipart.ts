/** A multipart/form-data body with one file (after any text fields), as a browser's FormData would send it (the name in UTF-8, quotes escaped). */
export function multipartFile(fileName: string, data: Buffer, contentType = 'application/octet-stream', fields: Record<string, string | number> = {}) {
  const boundary = `----fazhi${Math.random().toString(16).slice(2)}`
  const fieldParts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
  const head = Buffer.from(
    `${fieldParts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName.replace(/"/g, '%22').replace(/\r?\n/g, ' ')}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  return { payload: Buffer.concat([head, data, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}
