import ExcelJS from 'exceljs'

/** The bureau sheet's headers as the template writes them (written out here, so a renamed column fails the tests). */
export const BUREAU_SHEET_HEADERS = ['单位编码', '单位名称', '简称', '单位类型', '考核类别', '有无行政执法职能(有/无)', '所属地区(编码或名称)', '起始年度', '终止年度']
/** The content type a browser gives an .xlsx file. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export type SheetCell = string | number | null

/** A bureau sheet (.xlsx) with these rows under the headers, as an office would fill it. */
export async function bureauSheet(rows: SheetCell[][], headers: readonly SheetCell[] = BUREAU_SHEET_HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const sheet = wb.addWorksheet('单位')
  sheet.addRow([...headers])
  for (const r of rows) sheet.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
