import ExcelJS from 'exceljs'
import { multipartFile } from '../../helpers/multipart'
import type { WorkflowContext } from '../workflow/helpers'

/** A downloaded file's bytes, or its status when refused. */
export async function download(t: WorkflowContext, username: string, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: await t.as(username) })
  return { status: res.statusCode, headers: res.headers, data: res.rawPayload }
}

/** Uploads one file as multipart `file`, as the browser does. */
export async function upload(t: WorkflowContext, username: string, url: string, fileName: string, data: Buffer) {
  const body = multipartFile(fileName, data)
  const res = await t.app.inject({ method: 'POST', url, payload: body.payload, headers: { ...(await t.as(username)), ...body.headers } })
  return { status: res.statusCode, body: res.json() }
}

/** Cells of the template's 填报表 to set: by indicator code, the 填报值 / 不适用 / 备注 texts or numbers, and the 填报值 cell's number format. */
export type Edits = Record<string, { value?: string | number | null; numFmt?: string; notApplicable?: string | null; note?: string | null }>

/** The template with `edits` made as a user would in Excel; rows named by a code not in the sheet are appended. */
export async function filled(template: Buffer, edits: Edits): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(template as unknown as ArrayBuffer)
  const sheet = workbook.getWorksheet('填报表')!
  const header = sheet.getRow(2).values as string[]
  const col = (name: string) => header.indexOf(name)
  for (const [code, edit] of Object.entries(edits)) {
    let row: ExcelJS.Row | undefined
    sheet.eachRow((r) => {
      if (r.getCell(1).text === code) row = r
    })
    row ??= sheet.addRow([code])
    if (edit.value !== undefined) row.getCell(col('填报值')).value = edit.value
    // A style of its own: a loaded workbook shares one style object among the cells of the same style.
    if (edit.numFmt !== undefined) row.getCell(col('填报值')).style = { ...row.getCell(col('填报值')).style, numFmt: edit.numFmt }
    if (edit.notApplicable !== undefined) row.getCell(col('不适用')).value = edit.notApplicable
    if (edit.note !== undefined) row.getCell(col('备注')).value = edit.note
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The Excel row number of an indicator in a template. */
export async function rowOf(template: Buffer, code: string): Promise<number> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(template as unknown as ArrayBuffer)
  let found = 0
  workbook.getWorksheet('填报表')!.eachRow((r, n) => {
    if (r.getCell(1).text === code) found = n
  })
  return found
}
