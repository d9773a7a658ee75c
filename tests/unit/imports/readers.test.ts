import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ReportReadError, readReport } from '../../../server/src/features/imports/readers'

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../fixtures/reports', name))

/** A stored (uncompressed) zip; declaredSize lets a test lie about an entry's inflated size. */
function zip(entries: { name: string; data: string; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name)
    const data = Buffer.from(e.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(e.declaredSize ?? data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, data)
    centrals.push(central, name)
    offset += local.length + name.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(entries.length, 8)
  eocd.writeUInt16LE(entries.length, 10)
  eocd.writeUInt32LE(directory.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, eocd])
}

async function readError(buffer: Buffer, filename: string): Promise<ReportReadError> {
  const err = await readReport(buffer, filename).then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(ReportReadError)
  return err as ReportReadError
}

describe('readReport: text files', () => {
  it('reads UTF-8 and strips a BOM and CR line ends', async () => {
    const text = await readReport(Buffer.from('\uFEFF关于2023年度法治政府建设的工作报告\r\n正文。', 'utf8'), 'a.TXT')
    expect(text).toBe('关于2023年度法治政府建设的工作报告\n正文。')
  })

  it('detects GBK', async () => {
    const buffer = fixture('xinye-scjgj-2022-gbk.txt')
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(buffer)).toThrow()
    const text = await readReport(buffer, 'xinye-scjgj-2022-gbk.txt')
    expect(text.startsWith('新野县市场监督管理局关于2022年法治政府建设情况的报告')).toBe(true)
    expect(text).toContain('执法人员持证上岗率100%')
  })

  it('refuses a text far longer than any report (its reading would hold the server)', async () => {
    expect(await readReport(Buffer.from('报'.repeat(200_000)), 'r.txt')).toHaveLength(200_000)
    const err = await readError(Buffer.from('报'.repeat(200_001)), 'r.txt')
    expect(err.kind).toBe('too_large')
    expect(err.message).toBe('报告超过 20 万字，不是一份年度报告，无法导入')
  })

  it('reads UTF-16 with a byte order mark', async () => {
    const buffer = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('存在的不足', 'utf16le')])
    expect(await readReport(buffer, 'r.txt')).toBe('存在的不足')
  })

  it('rejects empty, blank and binary files', async () => {
    expect((await readError(Buffer.alloc(0), 'r.txt')).kind).toBe('unreadable')
    expect((await readError(Buffer.from(' \n\t\n'), 'r.txt')).kind).toBe('unreadable')
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')
    expect((await readError(png, 'r.txt')).kind).toBe('unreadable')
  })
})

describe('readReport: Word documents', () => {
  it('reads the .docx fixture as the same report as the .txt', async () => {
    const text = await readReport(fixture('xixia-kjj-2023.docx'), 'xixia-kjj-2023.docx')
    expect(text.startsWith('关于2023年度法治政府建设的工作报告')).toBe(true)
    expect(text).toContain('举办动员大会和政策宣讲辅导活动24场，覆盖企业300余家')
    expect(text).toContain('三、推进法治政府建设存在的不足和原因')
  })

  it('rejects a PNG renamed to .docx and an empty .docx', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    const err = await readError(png, 'report.docx')
    expect(err.kind).toBe('unreadable')
    expect(err.message).toMatch(/docx/)
    expect((await readError(Buffer.alloc(0), 'report.docx')).kind).toBe('unreadable')
  })

  it('rejects a zip that is not a Word document', async () => {
    expect((await readError(zip([{ name: 'hello.txt', data: 'hi' }]), 'r.docx')).kind).toBe('unreadable')
  })

  it('rejects a zip declaring more than 20 MB once inflated, before inflating it', async () => {
    const bomb = zip([
      { name: 'word/document.xml', data: '<w:document/>', declaredSize: 12 * 1024 * 1024 },
      { name: 'word/media/big.bin', data: 'x', declaredSize: 12 * 1024 * 1024 },
    ])
    const err = await readError(bomb, 'r.docx')
    expect(err.kind).toBe('too_large')
    expect(err.message).toContain('20 MB')
  })

  it('rejects a truncated zip', async () => {
    const buffer = fixture('xixia-kjj-2023.docx')
    expect((await readError(buffer.subarray(0, buffer.length - 200), 'r.docx')).kind).toBe('unreadable')
  })
})

describe('readReport: other types', () => {
  it.each(['report.pdf', 'report.doc', 'report.png', 'report'])('rejects %s as unsupported', async (name) => {
    const err = await readError(Buffer.from('正文'), name)
    expect(err.kind).toBe('unsupported')
    expect(err.message).toBe('不支持的文件类型：仅支持 .txt 和 .docx')
  })
})
