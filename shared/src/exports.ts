// The export registry: every file the API serves at /api/exports/<kind>.<format>. The server's routes,
// access table and file names and the client's export menu are all read from here, so a new export
// is an entry here plus its builder on the server (server/src/features/exports).

export type ExportFormat = 'xlsx' | 'csv'

export interface ExportTable {
  /** The sheet's name in a workbook, and what the export button offers: 导出<title>. */
  title: string
  /** The file name without its extension. */
  fileTitle: (year: number) => string
  formats: readonly ExportFormat[]
}

export const EXPORT_TABLES = {
  // The meeting workbook: this sheet and every table below, Excel only.
  summary: { title: '汇总表', fileTitle: (year) => `${year}年度法治政府建设情况汇总表`, formats: ['xlsx'] },
  ranking: { title: '排名', fileTitle: (year) => `${year}年度排名`, formats: ['xlsx', 'csv'] },
  rectifications: { title: '整改台账', fileTitle: (year) => `${year}年度整改台账`, formats: ['xlsx', 'csv'] },
  reporting: { title: '上报情况', fileTitle: (year) => `${year}年度上报情况`, formats: ['xlsx', 'csv'] },
  // For the 通报: the 催报 list with each bureau's chases; not a sheet of the meeting workbook.
  chase: { title: '催报记录', fileTitle: (year) => `${year}年度催报记录`, formats: ['xlsx', 'csv'] },
} as const satisfies Record<string, ExportTable>

export type ExportKind = keyof typeof EXPORT_TABLES
/** The single tables (all but 催报记录 also sheets of the summary workbook). */
export type TableKind = Exclude<ExportKind, 'summary'>

/** The route of an export file under the API prefix: /exports/ranking.csv */
export const exportRoute = (kind: ExportKind, format: ExportFormat) => `/exports/${kind}.${format}`

/** The file's name; an export of a published version (定稿) names it. */
export const exportFileName = (kind: ExportKind, format: ExportFormat, year: number, version?: number) =>
  `${EXPORT_TABLES[kind].fileTitle(year)}${version === undefined ? '' : `（定稿第${version}版）`}.${format}`

/** Every export file the API serves. */
export const EXPORT_FILES: readonly { kind: ExportKind; format: ExportFormat }[] = (Object.keys(EXPORT_TABLES) as ExportKind[]).flatMap((kind) =>
  EXPORT_TABLES[kind].formats.map((format) => ({ kind, format })),
)
