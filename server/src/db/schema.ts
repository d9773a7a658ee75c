import type { LedgerType } from '@fazhi/shared'
import { defineSchema } from './schema/define'
import { sqliteDialect } from './schema/sqlite'

/**
 * The tables as SQLite holds them, and the types every repository sees. The definition, one for
 * both databases, is `schema/define.ts`; `schema.pg.ts` builds the same tables for PostgreSQL.
 */
export const {
  regions,
  bureaus,
  users,
  sessions,
  loginThrottles,
  cycles,
  indicators,
  schemes,
  schemeIndicators,
  submissions,
  submissionValues,
  submissionEvents,
  studySessions,
  legalityReviews,
  publicityEvents,
  LEDGER_TABLES,
  rectificationItems,
  evidenceFiles,
  reviewComments,
  appSettings,
  auditEvents,
  reportImports,
  bureauYearScores,
  dashboardVersions,
  resultVersions,
  chaseRecords,
  notifications,
  notificationDeliveries,
} = defineSchema(sqliteDialect)

export type LedgerTable = (typeof LEDGER_TABLES)[LedgerType]
