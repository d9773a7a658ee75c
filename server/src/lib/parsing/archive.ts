import yauzl from 'yauzl'
import { zipProblem } from '../zip'

export type ArchiveProblem = 'notZip' | 'tooLarge' | 'lying'

/**
 * What is wrong with a zip container (.docx, .xlsx, .zip) found by inflating it: not a zip, more than
 * `maxInflatedBytes` once inflated (counted from the real bytes, streamed and dropped, never held), or
 * entries whose declared sizes lie. The declared sizes are checked first, so an honest bomb is refused
 * without inflating anything. null when every entry inflates to what it declares within the bound (and,
 * when `requiredEntry` is named, the zip holds it: a .docx its word/document.xml, an .xlsx its workbook).
 */
export async function archiveProblem(buffer: Buffer, maxInflatedBytes: number, requiredEntry?: string): Promise<ArchiveProblem | null> {
  const declared = zipProblem(buffer, maxInflatedBytes)
  if (declared) return declared
  let zip: yauzl.ZipFile
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) => (err ? reject(err) : resolve(z))),
    )
  } catch {
    return 'notZip'
  }
  let total = 0
  let hasRequired = requiredEntry === undefined
  return new Promise<ArchiveProblem | null>((resolve) => {
    let settled = false
    const finish = (problem: ArchiveProblem | null) => {
      if (settled) return
      settled = true
      zip.close()
      resolve(problem)
    }
    zip.on('error', () => finish('notZip'))
    zip.on('end', () => finish(hasRequired ? null : 'notZip'))
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry()
      if (entry.fileName === requiredEntry) hasRequired = true
      zip.openReadStream(entry, (err, stream) => {
        if (err) return finish('notZip')
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length
          if (total > maxInflatedBytes) {
            stream.destroy()
            finish('tooLarge')
          }
        })
        // yauzl fails the stream when an entry inflates to more or fewer bytes than it declares.
        stream.on('error', (e: Error) => finish(/bytes/.test(e.message) ? 'lying' : 'notZip'))
        stream.on('end', () => zip.readEntry())
      })
    })
    zip.readEntry()
  })
}
