import { BUREAU_SHEET_COLUMNS, type Bureau, BureauBody, type BureauImportPreview, type BureauImportRow, type BureauSheetKey, type Region } from '@fazhi/shared'
import type { AuditedTransaction } from '../../db/transaction'
import { badRequest } from '../../errors'
import type { Actor } from '../../lib/actor'
import { CONTROL_CELL_MESSAGE, hasControlText } from '../../lib/control-text'
import type { RegionsService } from '../regions/service'
import type { BureauEditing, BureauProblem } from './editing'
import type { BureausService } from './service'
import type { SheetRow } from './sheet'
import { mapInOrder } from '../../lib/in-order'

const HEADER = Object.fromEntries(BUREAU_SHEET_COLUMNS.map((c) => [c.key, c.header])) as Record<BureauSheetKey, string>
/** The body's fields as the sheet's columns. */
const COLUMN_OF: Record<string, BureauSheetKey> = { regionId: 'region' }
const columnOf = (field: string): BureauSheetKey => COLUMN_OF[field] ?? (field as BureauSheetKey)
/** The columns an update compares, with the body field each holds. */
const COMPARED: [keyof BureauBody & keyof Bureau, BureauSheetKey][] = [
  ['name', 'name'],
  ['shortName', 'shortName'],
  ['type', 'type'],
  ['category', 'category'],
  ['hasEnforcement', 'hasEnforcement'],
  ['regionId', 'region'],
  ['activeFrom', 'activeFrom'],
  ['activeUntil', 'activeUntil'],
]

interface Evaluated extends BureauImportRow {
  body?: BureauBody
  existing?: Bureau
}

/** The region a cell names, by code or else by name (a name two regions share is ambiguous). */
function regionNamed(regions: readonly Region[], text: string): Region | string {
  if (!text) return '请填写所属地区（编码或名称）'
  const byCode = regions.find((r) => r.code === text)
  if (byCode) return byCode
  const byName = regions.filter((r) => r.name === text)
  if (byName.length === 1) return byName[0]
  return byName.length ? `有多个地区名为「${text}」，请填写地区编码` : `地区「${text}」不存在`
}

/**
 * 从Excel导入 bureaus: each row is matched to a bureau by its code (new code: created), checked by the
 * body schema and the same rules as a single edit, and reported with its errors per column. Only a
 * file without any error is written, all in one audited transaction.
 */
export function bureauImport(deps: {
  editing: Pick<BureauEditing, 'problemsOf' | 'write'>
  bureaus: Pick<BureausService, 'findByCode'>
  regions: Pick<RegionsService, 'listRegions'>
  transaction: AuditedTransaction
}) {
  const { editing, bureaus, regions, transaction } = deps

  async function evaluate(sheet: readonly SheetRow[]): Promise<Evaluated[]> {
    const allRegions = await regions.listRegions()
    const firstRowOf = new Map<string, number>()
    return await mapInOrder(sheet, async ({ row, cells }) => {
      const errors: BureauImportRow['errors'] = []
      const fail = (key: BureauSheetKey, message: string) => {
        if (!errors.some((e) => e.column === HEADER[key])) errors.push({ column: HEADER[key], message })
      }
      // A cell no typed field could hold (NUL, a direction override: the text guard's rule) refuses its row.
      for (const { key } of BUREAU_SHEET_COLUMNS) if (hasControlText(cells[key])) fail(key, CONTROL_CELL_MESSAGE)
      const yearIn = (key: 'activeFrom' | 'activeUntil') => {
        const t = cells[key]
        if (!t) return key === 'activeFrom' ? fail(key, '请填写起始年度') : null
        if (/^\d{4}$/.test(t)) return Number(t)
        fail(key, '应为四位年份，如 2024')
      }
      const hasEnforcement = cells.hasEnforcement === '有' ? true : cells.hasEnforcement === '无' ? false : fail('hasEnforcement', '应填“有”或“无”')
      const region = regionNamed(allRegions, cells.region)
      if (typeof region === 'string') fail('region', region)
      const input = {
        code: cells.code,
        name: cells.name,
        shortName: cells.shortName,
        type: cells.type,
        category: cells.category || null,
        hasEnforcement,
        regionId: typeof region === 'string' ? undefined : region.id,
        activeFrom: yearIn('activeFrom'),
        activeUntil: yearIn('activeUntil'),
      }
      const parsed = BureauBody.safeParse(input)
      if (!parsed.success) for (const issue of parsed.error.issues) fail(columnOf(String(issue.path[0])), issue.message)

      const code = cells.code
      const earlier = firstRowOf.get(code)
      if (code && earlier !== undefined) fail('code', `与第 ${earlier} 行的单位编码重复`)
      else if (code) firstRowOf.set(code, row)

      const base = { row, code, name: cells.name, changes: [] as string[] }
      if (!parsed.success || errors.length) return { ...base, action: null, errors }
      const body = parsed.data
      const existing = await bureaus.findByCode(body.code)
      for (const p of await editing.problemsOf(body, existing)) fail(columnOf(p.field satisfies BureauProblem['field']), p.message)
      if (errors.length) return { ...base, action: null, errors }
      const changes = existing ? COMPARED.filter(([field]) => (body[field] ?? null) !== existing[field]).map(([, key]) => HEADER[key]) : []
      return { ...base, changes, errors, action: !existing ? 'create' : changes.length ? 'update' : 'unchanged', body, existing }
    })
  }

  const previewOf = (rows: readonly Evaluated[], committed: boolean): BureauImportPreview => ({
    rows: rows.map(({ body: _, existing: __, ...row }) => row),
    errorCount: rows.reduce((n, r) => n + r.errors.length, 0),
    created: rows.filter((r) => r.action === 'create').length,
    updated: rows.filter((r) => r.action === 'update').length,
    unchanged: rows.filter((r) => r.action === 'unchanged').length,
    committed,
  })

  return {
    /** What importing the sheet would do, row by row. */
    preview: async (sheet: readonly SheetRow[]): Promise<BureauImportPreview> => previewOf(await evaluate(sheet), false),

    /** Writes every row, or nothing when any row has an error (400). Checked again inside the write transaction. */
    async commit(actor: Actor, fileName: string, sheet: readonly SheetRow[]): Promise<BureauImportPreview> {
      return await transaction(actor, async (audit) => {
        const rows = await evaluate(sheet)
        const preview = previewOf(rows, true)
        const first = rows.find((r) => r.errors.length)
        if (first) throw badRequest(`导入文件有 ${preview.errorCount} 处错误（第 ${first.row} 行「${first.errors[0].column}」：${first.errors[0].message}），未导入任何数据`)
        for (const r of rows) {
          if (r.action === 'unchanged' || !r.body) continue
          const after = await editing.write(r.body, r.existing)
          await audit({ action: r.existing ? 'bureau.update' : 'bureau.create', objectType: 'bureau', objectId: after.id, before: r.existing, after })
        }
        await audit({ action: 'bureau.import', objectType: 'bureau', after: { fileName, created: preview.created, updated: preview.updated, unchanged: preview.unchanged } })
        return preview
      })
    },
  }
}
export type BureauImport = ReturnType<typeof bureauImport>
