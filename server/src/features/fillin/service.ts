import {
  appliesToBureau,
  existsIn,
  type FillInCell,
  type FillInChange,
  type FillInError,
  type FillInPreview,
  type FillInStackFile,
  type SubmissionDetail,
  type SubmissionValueInput,
  VALUE_NOTE_MAX,
} from '@fazhi/shared'
import yazl from 'yazl'
import { AppError, badRequest, conflict } from '../../errors'
import type { Audit, AuditedTransaction } from '../../db/transaction'
import type { Actor } from '../../lib/actor'
import { actsOnBureau } from '../../plugins/access'
import { MAX_SHEET_INFLATED_BYTES, readSheetStack, readSheetTexts, type SheetTexts, UploadParseError } from '../../lib/parsing'
import type { BureausService } from '../bureaus/service'
import type { CatalogRepository } from '../catalog/repository'
import type { FillInPlan, SubmissionsService } from '../submissions/service'
import { controlTextProblem, type FilledRow, filledRows, type TemplateMeta, templateMeta } from './read'
import { writeFillInTemplate } from './template'
import { mapInOrder } from '../../lib/in-order'

type YearIndicator = Awaited<ReturnType<CatalogRepository['indicatorsForYear']>>[number]

export interface FillInDeps {
  submissions: Pick<SubmissionsService, 'get' | 'requireSubmission' | 'list' | 'planFillIn' | 'applyFillIn'>
  catalog: Pick<CatalogRepository, 'indicatorsForYear'>
  bureaus: Pick<BureausService, 'requireBureau' | 'listBureaus'>
  transaction: AuditedTransaction
}

/** A zip of templates inflates to at most this much (each template, like any sheet, to `MAX_SHEET_INFLATED_BYTES`). */
const MAX_STACK_INFLATED = 100 * 1024 * 1024
/** Files in a zip of templates that are not templates and are passed over: the zip's own note, and what archivers add. */
const STACK_NOTE = '说明.txt'
const passedOver = (name: string) => name === STACK_NOTE || name.startsWith('__MACOSX/') || /(^|\/)\./.test(name)

/** A template as read: which report it names and its filled rows. */
interface Upload {
  meta: TemplateMeta
  rows: FilledRow[]
}

const templateFileName = (year: number, bureauName: string) => `${year}年度${bureauName}填报模板.xlsx`

/** A template's sheets as an upload: which report it names (refused when it names none) and its filled rows. */
const uploadOf = (sheets: SheetTexts[]): Upload => ({ meta: templateMeta(sheets), rows: filledRows(sheets) })

/** `uploadOf`, with the refusal of a file that is not a template kept as that file's error. */
function uploadOrRefusal(sheets: SheetTexts[]): Upload | AppError {
  try {
    return uploadOf(sheets)
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
}

async function readTemplate(data: Buffer): Promise<Upload> {
  try {
    return uploadOf(await readSheetTexts(data, MAX_SHEET_INFLATED_BYTES))
  } catch (err) {
    // A file the parser refuses is this file's error; a busy parser (503) is not the file's fault.
    if (err instanceof UploadParseError && err.problem !== 'busy') throw badRequest(err.message)
    throw err
  }
}

/** Reads a filled row's texts as a value input of its indicator, or says what is wrong. */
function inputOf(r: FilledRow, ind: YearIndicator | undefined, year: number, bureau: { hasEnforcement: boolean; category: string | null }): SubmissionValueInput | string {
  const controlled = controlTextProblem(r)
  if (controlled) return controlled
  if (!r.code) return '指标代码为空（请不要修改模板的指标代码列）'
  if (!ind) return `指标代码「${r.code}」不在 ${year} 年度考核方案中`
  const name = `「${ind.name}」`
  if (ind.kind !== 'derived' && !appliesToBureau(ind, bureau)) return `${name}不是本单位的考核指标`
  let value: number | boolean | null = null
  if (r.value) {
    if (ind.kind === 'boolean') {
      // Anything but 是/否 reaches the shared rule as a non-boolean, which names what is expected.
      value = r.value === '是' ? true : r.value === '否' ? false : Number.NaN
    } else {
      const number = Number(r.value.replace(/[,，\s]/g, '').replace(/%$/, ''))
      if (Number.isNaN(number)) return `${name}填报值「${r.value}」不是数字`
      value = number
    }
  }
  if (r.notApplicable && r.notApplicable !== '是' && r.notApplicable !== '否') return `${name}的“不适用”只能填“是”或留空`
  // 不适用 without a note is kept, as the form keeps it in a draft; submitting refuses it.
  const notApplicable = r.notApplicable === '是'
  if (r.note.length > VALUE_NOTE_MAX) return `${name}的备注超过 ${VALUE_NOTE_MAX} 字`
  return { indicator: r.code, value, notApplicable, note: r.note || null }
}

const cellOf = (v: { value: number | boolean | null; notApplicable: boolean; note: string | null } | undefined, kind: string): FillInCell =>
  v ? { value: kind === 'boolean' && typeof v.value === 'number' ? v.value >= 1 : v.value, notApplicable: v.notApplicable, note: v.note } : { value: null, notApplicable: false, note: null }

export function fillInService(deps: FillInDeps) {
  const { submissions, catalog, bureaus, transaction } = deps

  /**
   * An upload planned against report `id` as stored now (reads only; inside a transaction when it is
   * to be written): its changes and its errors by Excel row, and the submissions service's plan.
   */
  async function planUpload(actor: Actor, id: number, upload: Upload): Promise<{ preview: FillInPreview; plan: FillInPlan }> {
    // The row is enough here: the full report (history, flags, roll-up) is not read for a plan.
    const report = await submissions.requireSubmission(actor, id)
    const bureau = await bureaus.requireBureau(report.bureauId)
    const { meta } = upload
    if (meta.submissionId !== id || meta.bureauCode !== bureau.code || meta.year !== report.year) {
      const named = meta.bureauCode === bureau.code ? '本单位' : `单位编码 ${meta.bureauCode} `
      throw badRequest(`该模板属于${named}${meta.year} 年度的填报，不能上传到${bureau.name} ${report.year} 年度（请下载本填报的模板）`)
    }
    const indicators = await catalog.indicatorsForYear(report.year)
    const byCode = new Map(indicators.map((i) => [i.code, i]))
    const errors: FillInError[] = []
    const inputs: SubmissionValueInput[] = []
    const rowOfInput: FilledRow[] = []
    for (const r of upload.rows) {
      const input = inputOf(r, byCode.get(r.code), report.year, bureau)
      if (typeof input === 'string') errors.push({ row: r.row, ...(r.code ? { indicator: r.code } : {}), message: input })
      else {
        inputs.push(input)
        rowOfInput.push(r)
      }
    }
    const plan = await submissions.planFillIn(actor, id, inputs)
    for (const p of plan.problems) errors.push({ row: rowOfInput[p.index].row, indicator: rowOfInput[p.index].code, message: p.message })
    const rowOf = new Map(rowOfInput.map((r) => [r.code, r.row]))
    const changes: FillInChange[] = plan.writes.map((w) => {
      const ind = byCode.get(w.indicatorCode)!
      return {
        row: rowOf.get(w.indicatorCode)!,
        indicator: w.indicatorCode,
        name: ind.name,
        unit: ind.unit,
        before: cellOf(plan.stored.get(w.indicatorCode), ind.kind),
        after: cellOf(w, ind.kind),
      }
    })
    errors.sort((a, b) => a.row - b.row)
    return { preview: { changes, errors, version: plan.submission.version }, plan }
  }

  async function template(report: SubmissionDetail): Promise<Buffer> {
    const bureau = await bureaus.requireBureau(report.bureauId)
    const values = new Map(report.values.map((v) => [v.indicator, v]))
    const rows = (await catalog
      .indicatorsForYear(report.year))
      .filter((i) => i.kind !== 'derived' && appliesToBureau(i, bureau))
      .map((i) => {
        const v = values.get(i.code)
        return { ...i, previous: report.previousValues[i.code] ?? null, value: v?.value ?? null, notApplicable: v?.notApplicable ?? false, note: v?.note ?? null }
      })
    return writeFillInTemplate({ bureau, year: report.year, submissionId: report.id, rows })
  }

  return {
    /** The template of one report, named for the bureau and year. */
    async template(actor: Actor, id: number): Promise<{ fileName: string; data: Buffer }> {
      const report = await submissions.get(actor, id)
      const data = await template(report)
      await transaction(actor, (audit) => audit({ action: 'export', objectType: 'submission', objectId: id, after: { template: 'fill-in' } }))
      return { fileName: templateFileName(report.year, report.bureauName), data }
    },

    /** Refuses, before an upload is read, a caller who may not change report `id` or a report that cannot change now. */
    async assertWritable(actor: Actor, id: number): Promise<void> {
      await submissions.planFillIn(actor, id, [])
    },

    async preview(actor: Actor, id: number, data: Buffer): Promise<FillInPreview> {
      return (await planUpload(actor, id, await readTemplate(data))).preview
    },

    /**
     * Saves an upload when it has no error, in one transaction planned on the values stored then.
     * `refused`: the preview of an upload with errors, nothing written.
     */
    async save(actor: Actor, id: number, data: Buffer, version?: number): Promise<{ refused: true; preview: FillInPreview } | { refused: false; preview: FillInPreview; submission: SubmissionDetail }> {
      const upload = await readTemplate(data)
      const preview = await transaction(actor, async (audit) => {
        const { preview, plan } = await planUpload(actor, id, upload)
        if (!preview.errors.length) await submissions.applyFillIn(actor, audit, plan, version)
        return preview
      })
      if (preview.errors.length) return { refused: true, preview }
      return { refused: false, preview, submission: await submissions.get(actor, id) }
    },

    /**
     * One template per bureau the office acts on (its own region's) that exists in `year` and has
     * opened its report, in a zip named by bureau; bureaus without a report yet are listed in the
     * zip's 说明.txt (the office opens their report first, as the entry page does, then downloads again).
     */
    async cycleTemplates(actor: Actor, year: number): Promise<{ fileName: string; data: Buffer }> {
      const reports = new Map((await submissions.list(actor, { year })).map((r) => [r.bureauId, r.id]))
      const zip = new yazl.ZipFile()
      const skipped: string[] = []
      for (const b of (await bureaus.listBureaus()).filter((b) => existsIn(b, year) && actsOnBureau(actor.user, b.id))) {
        const id = reports.get(b.id)
        if (id === undefined) {
          skipped.push(`${b.code} ${b.name}`)
          continue
        }
        const report = await submissions.get(actor, id)
        zip.addBuffer(await template(report), `${b.code}-${templateFileName(year, b.name)}`)
      }
      const note = skipped.length
        ? `以下单位尚未开始 ${year} 年度填报，未生成模板（请先在填报页面为其新建填报后重新下载）：\r\n${skipped.join('\r\n')}\r\n`
        : `${year} 年度每个单位一个填报模板；填好后可将整个压缩包上传（批量上传）。\r\n`
      zip.addBuffer(Buffer.from(note, 'utf8'), STACK_NOTE)
      zip.end()
      const chunks: Buffer[] = []
      for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer)
      await transaction(actor, (audit) => audit({ action: 'export', objectType: 'cycle', objectId: year, after: { templates: reports.size, skipped: skipped.length } }))
      return { fileName: `${year}年度填报模板.zip`, data: Buffer.concat(chunks) }
    },

    /**
     * The office's stack: a .zip of templates or one .xlsx, every file planned against its report of
     * `year`. With `commit`, all files are saved in one transaction, only when no file has an error
     * and, given the preview's `versions` (by submission id), no report changed since the preview
     * (409 naming their bureaus, nothing written).
     */
    async stack(actor: Actor, year: number, fileName: string, data: Buffer, commit: boolean, versions?: Readonly<Record<string, number>>) {
      let read: { name: string; upload: Upload | AppError }[]
      if (/\.xlsx$/i.test(fileName)) read = [{ name: fileName, upload: await readTemplate(data).catch((err: unknown) => (err instanceof AppError ? err : Promise.reject(err))) }]
      else {
        let stack: Awaited<ReturnType<typeof readSheetStack>>
        try {
          // One worker reads every template of the zip, one after the other.
          stack = await readSheetStack(data, MAX_STACK_INFLATED, MAX_SHEET_INFLATED_BYTES)
        } catch (err) {
          if (err instanceof UploadParseError && err.problem !== 'busy') throw badRequest(`${err.message}（请上传填报模板的 .zip 压缩包或单个 .xlsx）`)
          throw err
        }
        read = stack
          .filter((f) => !passedOver(f.name))
          .map((f) => ({ name: f.name.split('/').pop()!, upload: 'sheets' in f ? uploadOrRefusal(f.sheets) : badRequest(f.error) }))
      }
      if (!read.length) throw badRequest('压缩包中没有填报模板')
      const plan = async (audit?: Audit) => {
        const seen = new Set<number>()
        const planned = await mapInOrder(read, async ({ name, upload }) => {
          const entry: FillInStackFile = { file: name, changes: [], errors: [] }
          if (upload instanceof AppError) return { entry: { ...entry, errors: [{ row: 0, message: upload.message }] } }
          try {
            if (upload.meta.year !== year) throw badRequest(`该模板属于 ${upload.meta.year} 年度，不是 ${year} 年度的填报模板`)
            if (seen.has(upload.meta.submissionId)) throw badRequest('与压缩包中另一个文件是同一单位的填报模板')
            seen.add(upload.meta.submissionId)
            const { preview, plan } = await planUpload(actor, upload.meta.submissionId, upload)
            const bureau = await bureaus.requireBureau(plan.submission.bureauId)
            const report = { submissionId: plan.submission.id, version: plan.submission.version }
            return { entry: { ...entry, bureauCode: bureau.code, bureauName: bureau.name, ...report, changes: preview.changes, errors: preview.errors }, plan }
          } catch (err) {
            if (err instanceof AppError) return { entry: { ...entry, bureauCode: upload.meta.bureauCode, errors: [{ row: 0, message: err.message }] } }
            throw err
          }
        })
        if (audit && versions) {
          const changed = planned.filter((p) => p.plan && versions[p.plan.submission.id] !== p.plan.submission.version)
          if (changed.length)
            throw conflict(`${changed.map((p) => p.entry.bureauName).join('、')}的填报在预览之后已被修改，未保存任何数据；请重新预览后再保存`)
        }
        const refused = planned.some((p) => p.entry.errors.length > 0)
        if (audit && !refused) for (const p of planned) await submissions.applyFillIn(actor, audit, p.plan!)
        return { files: planned.map((p) => p.entry), refused, saved: !!audit && !refused && planned.some((p) => p.entry.changes.length > 0) }
      }
      // A preview only reads; a save plans again inside its transaction, on the values stored then.
      return commit ? await transaction(actor, plan) : await plan()
    },
  }
}
export type FillInService = ReturnType<typeof fillInService>
