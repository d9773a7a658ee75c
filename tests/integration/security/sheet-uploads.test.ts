import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { multipartFile } from '../../helpers/multipart'
import { createWorkflowApp, type WorkflowContext } from '../workflow/helpers'

/**
 * Excel uploads are zips that exceljs inflates in memory: a zip bomb (a small file that inflates to
 * far more than any sheet) is refused from its central directory before anything is inflated, on
 * both sheet imports, and changes nothing.
 */
let t: WorkflowContext
beforeAll(async () => {
  t = await createWorkflowApp({ now: new Date('2026-11-20T02:00:00Z') })
})
afterAll(() => t.close())

/** 30 MB of zeros, deflated into a few dozen KB, under a sheet's name. */
async function bomb(): Promise<Buffer> {
  const zip = new JSZip()
  zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(30 * 1024 * 1024))
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

const post = async (url: string, file: Buffer) => {
  const body = multipartFile('名单.xlsx', file)
  const res = await t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...(await t.as('office')), ...body.headers } })
  return { status: res.statusCode, body: res.json() as { message?: string; errors?: { message: string }[] } }
}

describe('an Excel zip bomb', () => {
  it('is small on the wire', async () => {
    expect((await bomb()).length).toBeLessThan(200 * 1024)
  })

  it('is refused by the bureau import, which writes nothing', async () => {
    const before = t.db.$client.prepare('select count(*) as n from bureaus').get()
    const res = await post('/api/bureaus/import?commit=true', await bomb())
    expect(res.status).toBe(400)
    expect(res.body.message).toBe('文件解压后超过 20 MB，无法读取')
    expect(t.db.$client.prepare('select count(*) as n from bureaus').get()).toEqual(before)
  })

  it('is answered by the scheme import with an error and no differences', async () => {
    const res = await post('/api/schemes/2026/import', await bomb())
    expect(res.status).toBe(200)
    expect(res.body.errors).toEqual([{ row: 0, column: '', message: '文件解压后超过 20 MB，无法读取' }])
  })
})
