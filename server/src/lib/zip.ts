/**
 * What is wrong with an uploaded zip container (.docx, .xlsx) before anything inflates it: not a zip
 * at all, or entries that declare more than `maxInflatedBytes` in all once inflated (a zip bomb),
 * summed from the central directory. null when it may be read.
 */
export function zipProblem(buffer: Buffer, maxInflatedBytes: number): 'notZip' | 'tooLarge' | null {
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== 0x04034b50) return 'notZip'

  // The End Of Central Directory record sits at the end, followed by a comment of up to 64 KB.
  let eocd = -1
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return 'notZip'

  const entries = buffer.readUInt16LE(eocd + 10)
  let pos = buffer.readUInt32LE(eocd + 16)
  let total = 0
  for (let n = 0; n < entries; n++) {
    if (pos + 46 > buffer.length || buffer.readUInt32LE(pos) !== 0x02014b50) return 'notZip'
    const size = buffer.readUInt32LE(pos + 24)
    // 0xFFFFFFFF means the real size is in a ZIP64 field: far beyond any upload here.
    total += size === 0xffffffff ? Infinity : size
    if (total > maxInflatedBytes) return 'tooLarge'
    pos += 46 + buffer.readUInt16LE(pos + 28) + buffer.readUInt16LE(pos + 30) + buffer.readUInt16LE(pos + 32)
  }
  return null
}
