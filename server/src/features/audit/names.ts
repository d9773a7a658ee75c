import { AUDIT_OBJECT_TYPE_LABELS, EXPORT_TABLES, ledgerOfAuditObject, type AuditEvent, type AuditRow } from '@fazhi/shared'
import { eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import {
  bureaus,
  evidenceFiles,
  indicators,
  legalityReviews,
  publicityEvents,
  rectificationItems,
  regions,
  reportImports,
  reviewComments,
  studySessions,
  submissions,
  users,
} from '../../db/schema'

/** A bureau-year record: which bureau and year it belongs to, and its own words (a title, a file name). */
interface Owned {
  bureauId: number
  year: number
  text?: string
}

/** Read when called: the tables are the opened database's (`db/schema.ts`). */
const ledgerObjects = () =>
  ({
    study_session: { table: studySessions, text: studySessions.topic },
    legality_review: { table: legalityReviews, text: legalityReviews.title },
    publicity_event: { table: publicityEvents, text: publicityEvents.title },
  }) as const

const SETTINGS_LABELS: Record<string, string> = { security: '安全设置', 'notifications.channels': '消息通道' }
const EXPORT_LABELS: Record<string, string> = { bureaus: '单位名册', ...Object.fromEntries(Object.entries(EXPORT_TABLES).map(([kind, t]) => [kind, t.title])) }

const shorten = (text: string, max = 30) => (text.length > max ? `${text.slice(0, max)}…` : text)
const ids = (rows: readonly AuditEvent[], type: string) => [
  ...new Set(rows.filter((r) => r.objectType === type && r.objectId !== null).map((r) => Number(r.objectId)).filter(Number.isInteger)),
]
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const valueCodes = (v: unknown) => (isRecord(v) && isRecord(v.values) ? Object.keys(v.values) : [])

/**
 * The audit log's rows in the auditor's words: who acted (display name and username), what the row
 * is about by its name (示例县科技局 2025 年度填报) and the names of the indicators its values name.
 * Names are read here, for the auditor, who holds no right to read the business records; one query
 * per kind of object on the page, never one per row. A record deleted since keeps its id, marked (已删除).
 */
export function auditNames(db: Db) {
  function byId<T>(list: readonly T[], key: (row: T) => number) {
    return new Map(list.map((row) => [key(row), row]))
  }

  return {
    async label(rows: readonly AuditEvent[]): Promise<AuditRow[]> {
      if (!rows.length) return []
      const userIds = [...new Set([...ids(rows, 'user'), ...rows.map((r) => r.userId).filter((id): id is number => id !== null)])]
      const people = byId(
        userIds.length ? await db.select({ id: users.id, username: users.username, displayName: users.displayName }).from(users).where(inArray(users.id, userIds)) : [],
        (u) => u.id,
      )

      const owned = new Map<string, Owned>()
      const keep = (type: string, list: readonly (Owned & { id: number })[]) => list.forEach(({ id, ...o }) => owned.set(`${type}:${id}`, o))
      const find = async <T,>(type: string, read: (list: number[]) => Promise<T[]>): Promise<T[]> => {
        const list = ids(rows, type)
        return list.length ? await read(list) : []
      }
      keep('submission', await find('submission', (l) => db.select({ id: submissions.id, bureauId: submissions.bureauId, year: submissions.year }).from(submissions).where(inArray(submissions.id, l))))
      keep(
        'rectification_item',
        await find('rectification_item', (l) =>
          db.select({ id: rectificationItems.id, bureauId: rectificationItems.bureauId, year: rectificationItems.year, text: rectificationItems.problem }).from(rectificationItems).where(inArray(rectificationItems.id, l)),
        ),
      )
      keep(
        'comment',
        await find('comment', (l) =>
          db
            .select({ id: reviewComments.id, bureauId: submissions.bureauId, year: submissions.year })
            .from(reviewComments)
            .innerJoin(submissions, eq(submissions.id, reviewComments.submissionId))
            .where(inArray(reviewComments.id, l)),
        ),
      )
      keep('evidence_file', await find('evidence_file', (l) => db.select({ id: evidenceFiles.id, bureauId: evidenceFiles.bureauId, year: evidenceFiles.year, text: evidenceFiles.name }).from(evidenceFiles).where(inArray(evidenceFiles.id, l))))
      keep('report', await find('report', (l) => db.select({ id: reportImports.id, bureauId: reportImports.bureauId, year: reportImports.year, text: reportImports.fileName }).from(reportImports).where(inArray(reportImports.id, l))))
      for (const [type, { table, text }] of Object.entries(ledgerObjects())) {
        keep(type, await find(type, (l) => db.select({ id: table.id, bureauId: table.bureauId, year: table.year, text }).from(table).where(inArray(table.id, l))))
      }

      const bureauIds = [...new Set([...ids(rows, 'bureau'), ...[...owned.values()].map((o) => o.bureauId)])]
      const bureauNames = byId(bureauIds.length ? await db.select({ id: bureaus.id, name: bureaus.name }).from(bureaus).where(inArray(bureaus.id, bureauIds)) : [], (b) => b.id)
      const regionNames = byId(await find('region', (l) => db.select({ id: regions.id, name: regions.name }).from(regions).where(inArray(regions.id, l))), (r) => r.id)
      const codes = [...new Set(rows.filter((r) => r.objectType === 'submission').flatMap((r) => [...valueCodes(r.before), ...valueCodes(r.after)]))]
      const indicatorNames = new Map(codes.length ? (await db.select({ code: indicators.code, name: indicators.name }).from(indicators).where(inArray(indicators.code, codes))).map((i) => [i.code, i.name]) : [])

      const person = (id: number) => {
        const u = people.get(id)
        return u && `${u.displayName}（${u.username}）`
      }
      const bureauYear = (o: Owned) => `${bureauNames.get(o.bureauId)?.name ?? `单位 #${o.bureauId}`} ${o.year} 年度`

      function objectName(type: string, id: string): string | undefined {
        const o = owned.get(`${type}:${id}`)
        switch (type) {
          case 'user':
            return person(Number(id))
          case 'bureau':
            return bureauNames.get(Number(id))?.name
          case 'region':
            return regionNames.get(Number(id))?.name
          case 'submission':
            return o && `${bureauYear(o)}填报`
          case 'comment':
            return o && `${bureauYear(o)}填报的批注`
          case 'rectification_item':
            return o && `${bureauYear(o)}整改事项：${shorten(o.text!)}`
          case 'evidence_file':
            return o && `${bureauYear(o)}佐证材料：${o.text}`
          case 'report':
            return o && `${bureauYear(o)}年度报告：${o.text}`
          case 'study_session':
          case 'legality_review':
          case 'publicity_event':
            return o && `${bureauYear(o)}${ledgerOfAuditObject(type)!.label}：${shorten(o.text!)}`
          case 'cycle':
            return `${id} 年度填报周期`
          case 'scheme':
            return `${id} 年度考核方案`
          case 'result': {
            const [year, version] = id.split('/')
            return `${year} 年度定稿第 ${version} 版`
          }
          case 'export':
            return EXPORT_LABELS[id] ? `导出：${EXPORT_LABELS[id]}` : undefined
          case 'settings':
            return SETTINGS_LABELS[id]
          default:
            return undefined
        }
      }

      function objectLabel(r: AuditEvent): string | null {
        if (!r.objectType) return null
        const typeLabel = AUDIT_OBJECT_TYPE_LABELS[r.objectType] ?? r.objectType
        if (r.objectId === null) return typeLabel
        const name = objectName(r.objectType, r.objectId)
        if (name) return name
        // A kind of object the log names only by its id stays so; a known kind not found was deleted.
        const known = r.objectType in ledgerObjects() || ['user', 'bureau', 'region', 'submission', 'comment', 'rectification_item', 'evidence_file', 'report'].includes(r.objectType)
        return `${typeLabel} #${r.objectId}${known ? '（已删除）' : ''}`
      }

      return rows.map((r) => {
        const codesOfRow = r.objectType === 'submission' ? [...new Set([...valueCodes(r.before), ...valueCodes(r.after)])] : []
        return {
          ...r,
          actorLabel: (r.userId !== null ? person(r.userId) : undefined) ?? r.username,
          objectLabel: objectLabel(r),
          fieldNames: Object.fromEntries(codesOfRow.flatMap((code) => (indicatorNames.has(code) ? [[code, indicatorNames.get(code)!]] : []))),
        }
      })
    },
  }
}
