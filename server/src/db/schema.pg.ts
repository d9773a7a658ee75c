import { defineSchema } from './schema/define'
import { pgDialect } from './schema/pg'

/**
 * The tables of `schema.ts` as PostgreSQL holds them (`schema/pg.ts`: same names, PostgreSQL types),
 * typed as the SQLite ones. drizzle-kit reads them to write `migrations/pg` (`npm run db:generate:pg`).
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
} = defineSchema(pgDialect)
