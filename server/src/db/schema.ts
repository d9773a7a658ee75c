import type { LedgerType } from '@fazhi/shared'
import * as pg from './schema.pg'
import { defineSchema } from './schema/define'
import { sqliteDialect } from './schema/sqlite'

const sqliteTables = defineSchema(sqliteDialect)

/**
 * The tables every repository queries, typed as SQLite holds them. The definition, one for both
 * databases, is `schema/define.ts`; `schema.pg.ts` builds the same tables for PostgreSQL.
 * They are SQLite's until `useTablesOf('pg')`, which `openDatabase` calls when it opens a
 * PostgreSQL database: these are live bindings, so every module that imported a table queries
 * PostgreSQL's from then on. One process holds one kind of database.
 */
export let {

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
} = sqliteTables

export function useTablesOf(dialect: 'sqlite' | 'pg'): void {
  ;({

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
  } = dialect === 'pg' ? pg : sqliteTables)
}

export type LedgerTable = (typeof LEDGER_TABLES)[LedgerType]
