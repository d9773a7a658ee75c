import { sql } from 'drizzle-orm'
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import {
  CHASE_LEVELS,
  COMMENT_SIDES,
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  DIRECTIONS,
  INDICATOR_KINDS,
  NOTIFICATION_KINDS,
  type NotificationPreferences,
  type LedgerType,
  PENDING_FACTORS,
  PUBLICITY_FORMS,
  RECTIFICATION_STATUSES,
  REGION_LEVELS,
  REVIEW_KINDS,
  REVIEW_OUTCOMES,
  REVIEWERS,
  ROLES,
  STUDY_FORMS,
  SUBMISSION_EVENT_ACTIONS,
  SUBMISSION_STATUSES,
  VALUE_SOURCES,
} from '@fazhi/shared'
import type { Dialect } from './sqlite'


/**
 * The schema, written once for both databases: `d` is the dialect's builders (`sqlite.ts`, `pg.ts`).
 * `db/schema.ts` is this over SQLite, `db/schema.pg.ts` over PostgreSQL; each dialect's migrations
 * are generated from its own (`npm run db:generate`, `npm run db:generate:pg`). Where the dialects
 * write an expression differently (a boolean's truth, summing conditions) the dialect says it.
 */
export function defineSchema(d: Dialect) {
  const createdAt = () => d.text('created_at').notNull().default(d.now)
  const inList = (col: string, values: readonly string[]) =>
    sql.raw(`${col} in (${values.map((v) => `'${v}'`).join(', ')})`)

  const regions = d.table(
    'regions',
    {
      id: d.id('id'),
      code: d.text('code').notNull().unique(),
      name: d.text('name').notNull(),
      level: d.text('level', { enum: REGION_LEVELS }).notNull(),
      parentId: d.int('parent_id').references((): AnySQLiteColumn => regions.id),
    },
    (t) => [d.check('regions_level_check', inList('level', REGION_LEVELS)), d.index('regions_parent_idx').on(t.parentId)],
  )

  const bureaus = d.table(
    'bureaus',
    {
      id: d.id('id'),
      regionId: d.int('region_id').notNull().references(() => regions.id),
      code: d.text('code').notNull().unique(),
      name: d.text('name').notNull(),
      shortName: d.text('short_name').notNull(),
      type: d.text('type').notNull(),
      /** The bureau's category in the 考核 scheme (执法部门, 综合部门 …): which indicators apply to it; null: none set. */
      category: d.text('category'),
      hasEnforcement: d.bool('has_enforcement').notNull().default(false),
      /** The first year the bureau exists (reports for); 2000: since before any cycle. */
      activeFrom: d.int('active_from').notNull().default(2000),
      /** The bureau's evidence storage quota in MB, raised by the office; null: the county default (FILE_QUOTA_MB). */
      fileQuotaMb: d.int('file_quota_mb'),
      /** The last year the bureau exists (撤销 or merged after it); null while it exists. */
      activeUntil: d.int('active_until'),
      /** The bureau that took it over (合并): its history reads under the successor. */
      successorId: d.int('successor_id').references((): AnySQLiteColumn => bureaus.id),
      version: d.int('version').notNull().default(1),
    },
    (t) => [
      d.index('bureaus_region_idx').on(t.regionId),
      d.index('bureaus_type_idx').on(t.type),
      d.index('bureaus_successor_idx').on(t.successorId),
      d.check('bureaus_years_check', sql`${t.activeUntil} is null or ${t.activeUntil} >= ${t.activeFrom}`),
    ],
  )

  const users = d.table(
    'users',
    {
      id: d.id('id'),
      username: d.text('username').notNull().unique(),
      displayName: d.text('display_name').notNull(),
      passwordHash: d.text('password_hash').notNull(),
      /** Null until the 安全保密管理员 grants one (三员分立): an account without a role cannot log in. */
      role: d.text('role', { enum: ROLES }),
      bureauId: d.int('bureau_id').references(() => bureaus.id),
      /**
       * The region an office or leader account oversees (`bindsRegion`): it reads that region's subtree
       * and the office acts on the bureaus of the region itself. Null: the whole installation.
       */
      regionId: d.int('region_id').references(() => regions.id),
      active: d.bool('active').notNull().default(true),
      mustChangePassword: d.bool('must_change_password').notNull().default(false),
      failedLogins: d.int('failed_logins').notNull().default(0),
      lockedUntil: d.text('locked_until'),
      passwordChangedAt: d.text('password_changed_at'),
      /** The TOTP secret (base32) once enrolment is confirmed; null: no second factor. */
      totpSecret: d.text('totp_secret'),
      /** A secret shown for enrolment and not yet confirmed with a code. */
      totpPendingSecret: d.text('totp_pending_secret'),
      /** The last TOTP time step accepted: a code is never accepted twice. */
      totpLastStep: d.int('totp_last_step'),
      /** SHA-256 of each unused recovery code (恢复码); a used one is removed. */
      recoveryCodes: d.json('recovery_codes').$type<string[]>().notNull().default(sql`'[]'`),
      /** Where outbound messages go: the e-mail address, and the mobile number a webhook (SMS gateway) is given. */
      email: d.text('email'),
      mobile: d.text('mobile'),
      /** Per kind of message, the outbound channels the user switched off (`NotificationPreferences['channels']`). */
      notificationChannels: d.json('notification_channels').$type<NotificationPreferences['channels']>().notNull().default(sql`'{}'`),
      /** When the user last opened the 工作台: what changed since is shown as new. */
      workbenchSeenAt: d.text('workbench_seen_at'),
      /** Optimistic concurrency: an edit names the version it read; a stale one gets 409. */
      version: d.int('version').notNull().default(1),
      createdAt: createdAt(),
    },
    (t) => [
      d.check('users_role_check', inList('role', ROLES)),
      // A bureau account belongs to exactly one bureau; other roles belong to none.
      d.check('users_bureau_check', sql`(coalesce(${t.role}, '') = 'bureau') = (${t.bureauId} is not null)`),
      d.index('users_bureau_idx').on(t.bureauId),
    ],
  )

  const sessions = d.table(
    'sessions',
    {
      /** SHA-256 of the cookie token: a leaked database does not leak live sessions. */
      id: d.text('id').primaryKey(),
      userId: d.int('user_id')
        .notNull()
        .references(() => users.id, { onDelete: 'cascade' }),
      createdAt: createdAt(),
      lastSeenAt: d.text('last_seen_at').notNull().default(d.now),
      expiresAt: d.text('expires_at').notNull(),
      ip: d.text('ip'),
      userAgent: d.text('user_agent'),
      /**
       * A session opened by the password alone while the account needs its second factor: `verify`
       * (enter a code) or `enrol` (set one up first). Such a session reaches only the second-factor
       * routes and logout; null once both factors are checked.
       */
      pendingFactor: d.text('pending_factor', { enum: PENDING_FACTORS }),
    },
    (t) => [d.index('sessions_user_idx').on(t.userId), d.check('sessions_pending_factor_check', sql`${t.pendingFactor} is null or ${inList('pending_factor', PENDING_FACTORS)}`)],
  )

  /**
   * The failure counter of usernames that name no account. A wrong password for an unknown username
   * reserves its attempt and locks at the fifth like a real account's, so neither the time of the
   * answer nor a 423 tells whether an account exists. Bounded: rows not tried for a day go, and the
   * least recently tried go first past a fixed number of rows (`auth/attempts.ts`).
   */
  const loginThrottles = d.table(
    'login_throttles',
    {
      username: d.text('username').primaryKey(),
      failedLogins: d.int('failed_logins').notNull().default(0),
      lockedUntil: d.text('locked_until'),
      lastAttemptAt: d.text('last_attempt_at').notNull(),
    },
    (t) => [d.index('login_throttles_last_attempt_idx').on(t.lastAttemptAt)],
  )

  const cycles = d.table('cycles', {
    year: d.int('year').primaryKey(),
    dueDate: d.text('due_date').notNull(),
    publishDeadline: d.text('publish_deadline').notNull(),
    locked: d.bool('locked').notNull().default(false),
    version: d.int('version').notNull().default(1),
    createdAt: createdAt(),
  })

  const indicators = d.table(
    'indicators',
    {
      code: d.text('code').primaryKey(),
      category: d.text('category').notNull(),
      name: d.text('name').notNull(),
      unit: d.text('unit').notNull(),
      kind: d.text('kind', { enum: INDICATOR_KINDS }).notNull(),
      direction: d.text('direction', { enum: DIRECTIONS }),
      defaultTarget: d.real('default_target'),
      defaultWeight: d.real('default_weight').notNull(),
      enforcementOnly: d.bool('enforcement_only').notNull().default(false),
      sortOrder: d.int('sort_order').notNull(),
      /** Plausibility (校验规则): a value outside [min, max] needs a note before the report can be submitted. */
      plausibleMin: d.real('plausible_min'),
      plausibleMax: d.real('plausible_max'),
      /** Year-over-year rule: more than 3× or under a third of last year's value, by at least this much, needs a note. */
      yoyMinChange: d.real('yoy_min_change'),
    },
    (t) => [
      d.check('indicators_kind_check', inList('kind', INDICATOR_KINDS)),
      d.check('indicators_direction_check', sql`${t.direction} is null or ${inList('direction', DIRECTIONS)}`),
      d.check('indicators_weight_check', sql`${t.defaultWeight} >= 0`),
    ],
  )

  /**
   * The yearly 考核方案 (scheme): its settings. Its indicators are `scheme_indicators`. A year without a
   * row is scored by the default catalog (`shared/src/scheme.ts`, `defaultScheme`).
   */
  const schemes = d.table('schemes', {
    year: d.int('year')
      .primaryKey()
      .references(() => cycles.year, { onDelete: 'cascade' }),
    /** JSON: [{code, name}] in order. */
    categories: d.text('categories').notNull(),
    /** JSON: [{grade, min}] from 优秀 down (below the last: 不合格). */
    grades: d.text('grades').notNull(),
    /** The largest share of ranked bureaus graded 优秀 (0–1); null: no quota. */
    excellentQuota: d.real('excellent_quota'),
    /** The most bonus points (加分) a bureau can get in all. */
    bonusCap: d.real('bonus_cap').notNull().default(0),
    /** Points taken off a late report (逾期上报). */
    lateDeduction: d.real('late_deduction').notNull().default(0),
    /** JSON: [{from, to}] old indicator codes read as new ones in trends (a new edition of the indicator system). */
    codeMap: d.text('code_map').notNull().default('[]'),
    /** Set when the year's results are published: the scheme then changes only after the office reopens it. */
    frozen: d.bool('frozen').notNull().default(false),
    version: d.int('version').notNull().default(1),
    updatedAt: d.text('updated_at').notNull().default(d.now),
  })

  /** The indicators of a year's scheme: each with its target, points (weight), applicability and rule. */
  const schemeIndicators = d.table(
    'scheme_indicators',
    {
      year: d.int('year')
        .notNull()
        .references(() => cycles.year, { onDelete: 'cascade' }),
      indicatorCode: d.text('indicator_code')
        .notNull()
        .references(() => indicators.code),
      category: d.text('category').notNull(),
      name: d.text('name').notNull(),
      unit: d.text('unit').notNull(),
      direction: d.text('direction', { enum: DIRECTIONS }),
      target: d.real('target'),
      /** Points (分值): the weighted score's weight. */
      weight: d.real('weight').notNull(),
      enforcementOnly: d.bool('enforcement_only').notNull().default(false),
      /** JSON array of bureau categories the indicator applies to; null: every category. */
      appliesTo: d.text('applies_to'),
      /** JSON: the scoring rule (`Rule` in shared/src/scheme.ts). */
      rule: d.text('rule').notNull().default('{"kind":"attainment"}'),
      /** A value of this indicator counts only with at least one evidence file (佐证材料) attached: submit refuses without. */
      evidenceRequired: d.bool('evidence_required').notNull().default(false),
      plausibleMin: d.real('plausible_min'),
      plausibleMax: d.real('plausible_max'),
      yoyMinChange: d.real('yoy_min_change'),
      sortOrder: d.int('sort_order').notNull(),
    },
    (t) => [
      d.primaryKey({ columns: [t.year, t.indicatorCode] }),
      d.check('scheme_indicators_weight_check', sql`${t.weight} >= 0`),
      d.check('scheme_indicators_direction_check', sql`${t.direction} is null or ${inList('direction', DIRECTIONS)}`),
    ],
  )

  const submissions = d.table(
    'submissions',
    {
      id: d.id('id'),
      bureauId: d.int('bureau_id')
        .notNull()
        .references(() => bureaus.id),
      year: d.int('year')
        .notNull()
        .references(() => cycles.year),
      status: d.text('status', { enum: SUBMISSION_STATUSES }).notNull().default('draft'),
      version: d.int('version').notNull().default(1),
      /** The latest submission (first or resubmission). */
      submittedAt: d.text('submitted_at'),
      /** The first submission: never overwritten; lateness is measured from the due date to it. */
      firstSubmittedAt: d.text('first_submitted_at'),
      /** While returned: the date (China time) by which the office expects the resubmission. */
      resubmitDeadline: d.text('resubmit_deadline'),
      /** How many returns were answered after their resubmission deadline (any makes the report late). */
      lateResubmissions: d.int('late_resubmissions').notNull().default(0),
      approvedAt: d.text('approved_at'),
      approvedBy: d.int('approved_by').references(() => users.id),
      returnReason: d.text('return_reason'),
      publishedUrl: d.text('published_url'),
      publishedAt: d.text('published_at'),
      createdAt: createdAt(),
      updatedAt: d.text('updated_at').notNull().default(d.now),
    },
    (t) => [
      d.check('submissions_status_check', inList('status', SUBMISSION_STATUSES)),
      d.uniqueIndex('submissions_bureau_year_uq').on(t.bureauId, t.year),
      d.index('submissions_year_status_idx').on(t.year, t.status),
    ],
  )

  const submissionValues = d.table(
    'submission_values',
    {
      submissionId: d.int('submission_id')
        .notNull()
        .references(() => submissions.id, { onDelete: 'cascade' }),
      indicatorCode: d.text('indicator_code')
        .notNull()
        .references(() => indicators.code),
      value: d.real('value'),
      notApplicable: d.bool('not_applicable').notNull().default(false),
      note: d.text('note'),
      source: d.text('source', { enum: VALUE_SOURCES }).notNull().default('manual'),
      updatedBy: d.int('updated_by').references(() => users.id),
      updatedAt: d.text('updated_at').notNull().default(d.now),
    },
    (t) => [
      d.primaryKey({ columns: [t.submissionId, t.indicatorCode] }),
      d.check('submission_values_source_check', inList('source', VALUE_SOURCES)),
    ],
  )

  /** The review history (流转记录) of a submission: every submit, return, resubmit, approve and reopen. Never updated. */
  const submissionEvents = d.table(
    'submission_events',
    {
      id: d.id('id'),
      submissionId: d.int('submission_id')
        .notNull()
        .references(() => submissions.id, { onDelete: 'cascade' }),
      action: d.text('action', { enum: SUBMISSION_EVENT_ACTIONS }).notNull(),
      at: d.text('at').notNull(),
      userId: d.int('user_id').references(() => users.id),
      /** A return's reason. */
      reason: d.text('reason'),
      /** A return's resubmission deadline (a date, China time). */
      resubmitDeadline: d.text('resubmit_deadline'),
      /** A return's copy of the report's values as returned (code → value), so a resubmission shows what changed since. */
      snapshot: d.json('snapshot').$type<Record<string, unknown>>(),
    },
    (t) => [d.check('submission_events_action_check', inList('action', SUBMISSION_EVENT_ACTIONS)), d.index('submission_events_submission_idx').on(t.submissionId, t.id)],
  )

  const ledgerColumns = () => ({
    id: d.id('id'),
    bureauId: d.int('bureau_id')
      .notNull()
      .references(() => bureaus.id),
    year: d.int('year')
      .notNull()
      .references(() => cycles.year),
    date: d.text('date').notNull(),
    version: d.int('version').notNull().default(1),
    createdBy: d.int('created_by').references(() => users.id),
    createdAt: createdAt(),
  })

  const studySessions = d.table(
    'study_sessions',
    {
      ...ledgerColumns(),
      topic: d.text('topic').notNull(),
      form: d.text('form').notNull(),
      participants: d.int('participants').notNull().default(0),
    },
    (t) => [
      d.check('study_sessions_form_check', inList('form', STUDY_FORMS)),
      d.check('study_sessions_participants_check', sql`${t.participants} >= 0`),
      d.index('study_sessions_bureau_year_idx').on(t.bureauId, t.year),
    ],
  )

  const legalityReviews = d.table(
    'legality_reviews',
    {
      ...ledgerColumns(),
      title: d.text('title').notNull(),
      kind: d.text('kind').notNull(),
      reviewer: d.text('reviewer').notNull(),
      outcome: d.text('outcome').notNull(),
    },
    (t) => [
      d.check('legality_reviews_kind_check', inList('kind', REVIEW_KINDS)),
      d.check('legality_reviews_reviewer_check', inList('reviewer', REVIEWERS)),
      d.check('legality_reviews_outcome_check', inList('outcome', REVIEW_OUTCOMES)),
      d.index('legality_reviews_bureau_year_idx').on(t.bureauId, t.year),
    ],
  )

  const publicityEvents = d.table(
    'publicity_events',
    {
      ...ledgerColumns(),
      title: d.text('title').notNull(),
      form: d.text('form').notNull(),
      audience: d.int('audience').notNull().default(0),
      enterprisesCovered: d.int('enterprises_covered').notNull().default(0),
    },
    (t) => [
      d.check('publicity_events_form_check', inList('form', PUBLICITY_FORMS)),
      d.check('publicity_events_counts_check', sql`${t.audience} >= 0 and ${t.enterprisesCovered} >= 0`),
      d.index('publicity_events_bureau_year_idx').on(t.bureauId, t.year),
    ],
  )

  /** Which table stores each ledger kind. */
  const LEDGER_TABLES = { 'study-sessions': studySessions, 'legality-reviews': legalityReviews, 'publicity-events': publicityEvents } satisfies Record<
    LedgerType,
    unknown
  >

  const rectificationItems = d.table(
    'rectification_items',
    {
      id: d.id('id'),
      bureauId: d.int('bureau_id')
        .notNull()
        .references(() => bureaus.id),
      /** The cycle year in which the rectification is tracked and scored. */
      year: d.int('year')
        .notNull()
        .references(() => cycles.year),
      /** The year of the annual report that raised the problem (usually year − 1). */
      sourceYear: d.int('source_year'),
      /** The imported annual report the problem was taken from, if any. */
      sourceImportId: d.int('source_import_id').references((): AnySQLiteColumn => reportImports.id),
      problem: d.text('problem').notNull(),
      measure: d.text('measure').notNull().default(''),
      owner: d.text('owner').notNull().default(''),
      deadline: d.text('deadline').notNull(),
      status: d.text('status', { enum: RECTIFICATION_STATUSES }).notNull().default('not_started'),
      completedAt: d.text('completed_at'),
      evidence: d.text('evidence'),
      /** 销号: when and by whom the office verified a done item; only verified items count as done in 整改完成率. */
      verifiedAt: d.text('verified_at'),
      verifiedBy: d.int('verified_by').references(() => users.id),
      /** Why the office sent a done item back (退回重改); cleared when it is done again. */
      returnReason: d.text('return_reason'),
      version: d.int('version').notNull().default(1),
      createdAt: createdAt(),
      updatedAt: d.text('updated_at').notNull().default(d.now),
    },
    (t) => [
      d.check('rectification_items_status_check', inList('status', RECTIFICATION_STATUSES)),
      d.check('rectification_items_done_check', sql`(${t.status} = 'done') = (${t.completedAt} is not null)`),
      d.index('rectification_items_year_bureau_idx').on(t.year, t.bureauId),
    ],
  )

  /**
   * Evidence files (佐证材料): each attached to exactly one indicator value (submission + indicator), ledger
   * row or rectification item of a bureau's year. The bytes live content-addressed (sha256) in the files
   * folder beside the database (`server/src/features/files/store.ts`). Deleting sets `deleted_at`: the
   * bureau no longer sees it, the office still does until the year is published, when the row and (if no
   * other row uses them) the bytes go.
   */
  const evidenceFiles = d.table(
    'evidence_files',
    {
      id: d.id('id'),
      bureauId: d.int('bureau_id')
        .notNull()
        .references(() => bureaus.id),
      year: d.int('year')
        .notNull()
        .references(() => cycles.year),
      submissionId: d.int('submission_id').references(() => submissions.id),
      indicatorCode: d.text('indicator_code').references(() => indicators.code),
      ledgerType: d.text('ledger_type'),
      ledgerId: d.int('ledger_id'),
      /** No foreign key, like the ledger row's: deleting the item soft-deletes its files, kept for the audit until publication. */
      rectificationId: d.int('rectification_id'),
      /** The name the user gave it (Chinese allowed), sent back on download. */
      name: d.text('name').notNull(),
      size: d.int('size').notNull(),
      /** The MIME type found from the content (never from the name). */
      type: d.text('type').notNull(),
      sha256: d.text('sha256').notNull(),
      uploadedBy: d.int('uploaded_by').references(() => users.id),
      uploadedAt: d.text('uploaded_at').notNull().default(d.now),
      deletedAt: d.text('deleted_at'),
      deletedBy: d.int('deleted_by').references(() => users.id),
    },
    (t) => [
      d.check(
        'evidence_files_target_check',
        sql`(${d.countTrue([
            sql`${t.submissionId} is not null and ${t.indicatorCode} is not null`,
            sql`${t.ledgerType} is not null and ${t.ledgerId} is not null`,
            sql`${t.rectificationId} is not null`,
          ])}) = 1`,
      ),
      d.check('evidence_files_size_check', sql`${t.size} >= 0`),
      d.index('evidence_files_bureau_year_idx').on(t.bureauId, t.year),
      d.index('evidence_files_submission_idx').on(t.submissionId, t.indicatorCode),
      d.index('evidence_files_sha256_idx').on(t.sha256),
    ],
  )

  /**
   * Reviewers' comments (批注) on a submission: on the report as a whole, or on one value, ledger row or
   * evidence file. A bureau's answer is a comment with `reply_to`. The office's comments are sent with
   * the next return: `event_id` then names that return in the review history. Never updated otherwise,
   * never deleted: the thread stays in the history.
   */
  const reviewComments = d.table(
    'review_comments',
    {
      id: d.id('id'),
      submissionId: d.int('submission_id')
        .notNull()
        .references(() => submissions.id, { onDelete: 'cascade' }),
      indicatorCode: d.text('indicator_code').references(() => indicators.code),
      ledgerType: d.text('ledger_type'),
      ledgerId: d.int('ledger_id'),
      fileId: d.int('file_id').references(() => evidenceFiles.id),
      replyTo: d.int('reply_to').references((): AnySQLiteColumn => reviewComments.id),
      text: d.text('text').notNull(),
      authorId: d.int('author_id').references(() => users.id),
      /** Which side wrote it, fixed when written (an account's role may change later): the office's comments or the bureau's answers. */
      authorSide: d.text('author_side', { enum: COMMENT_SIDES }).notNull(),
      at: d.text('at').notNull(),
      /** The return (submission_events row) this office comment was sent with; null until then, and for answers. */
      eventId: d.int('event_id').references(() => submissionEvents.id),
    },
    (t) => [
      d.check('review_comments_text_check', sql`length(${t.text}) > 0`),
      d.check('review_comments_author_side_check', inList('author_side', COMMENT_SIDES)),
      d.index('review_comments_submission_idx').on(t.submissionId, t.id),
    ],
  )

  /** County-wide settings the office or an administrator changes at run time, one row per key (value JSON). */
  const appSettings = d.table('app_settings', {
    key: d.text('key').primaryKey(),
    value: d.json('value').notNull(),
    updatedAt: d.text('updated_at').notNull().default(d.now),
  })

  const auditEvents = d.table(
    'audit_events',
    {
      id: d.id('id'),
      at: d.text('at').notNull().default(d.now),
      userId: d.int('user_id').references(() => users.id),
      username: d.text('username'),
      ip: d.text('ip'),
      action: d.text('action').notNull(),
      objectType: d.text('object_type'),
      objectId: d.text('object_id'),
      success: d.bool('success').notNull().default(true),
      before: d.json('before'),
      after: d.json('after'),
      /** The hash of the row before (tamper evidence: a hash chain, `server/src/db/audit-chain.ts`); null for the first. */
      prevHash: d.text('prev_hash'),
      /** HMAC-SHA256 of this row's content and `prevHash`; a trigger refuses a row whose hash is not right. */
      hash: d.text('hash'),
    },
    (t) => [d.index('audit_events_at_idx').on(t.at), d.index('audit_events_action_idx').on(t.action, t.at), d.index('audit_events_user_idx').on(t.userId, t.at)],
  )

  /**
   * An annual report (法治政府建设情况报告) read by the importer: its text and what was found in it.
   * The newest one per bureau and year is that bureau's report-structure check.
   */
  const reportImports = d.table(
    'report_imports',
    {
      id: d.id('id'),
      bureauId: d.int('bureau_id')
        .notNull()
        .references(() => bureaus.id),
      year: d.int('year')
        .notNull()
        .references(() => cycles.year),
      fileName: d.text('file_name').notNull(),
      text: d.text('text').notNull(),
      /** The extraction as JSON: reported year and bureau, section flags, proposed values, problems. */
      extraction: d.json('extraction').notNull(),
      createdBy: d.int('created_by').references(() => users.id),
      createdAt: createdAt(),
    },
    (t) => [d.index('report_imports_bureau_year_idx').on(t.bureauId, t.year, t.id)],
  )

  /**
   * The dashboard's pre-aggregated figures, one row per bureau and year that has a submission or
   * rectification items: what the summary, ranking and trends need without reading the values table.
   * Derived data: triggers (migration 0003) mark a row `dirty` in the transaction of any change to its
   * inputs, and `features/dashboard/scores.ts` recomputes dirty rows with the shared scoring function
   * (`rebuildScores` recomputes every row in one transaction).
   *
   * Overdue rectification items make the figures depend on the date: a row holds for
   * `validFrom < now ≤ validUntil` (ms; null is unbounded), the span between the deadlines around the
   * moment it was computed, and is recomputed outside it.
   */
  const bureauYearScores = d.table(
    'bureau_year_scores',
    {
      year: d.int('year').notNull(),
      bureauId: d.int('bureau_id').notNull(),
      /** The bureau-year's submission (bureau × year is its unique key); null without one. */
      submissionId: d.int('submission_id'),
      dirty: d.bool('dirty').notNull().default(true),
      status: d.text('status', { enum: SUBMISSION_STATUSES }),
      submittedAt: d.text('submitted_at'),
      firstSubmittedAt: d.text('first_submitted_at'),
      lateResubmissions: d.int('late_resubmissions').notNull().default(0),
      score: d.real('score'),
      completion: d.real('completion'),
      fillRate: d.real('fill_rate'),
      catLead: d.real('cat_lead'),
      catStudy: d.real('cat_study'),
      catReview: d.real('cat_review'),
      catPublicity: d.real('cat_publicity'),
      catDisclosure: d.real('cat_disclosure'),
      catEnforcement: d.real('cat_enforcement'),
      catOversight: d.real('cat_oversight'),
      catRectification: d.real('cat_rectification'),
      /** The year's rules: bonus points (加分) and deductions (扣分, late report included) inside `score`, and a veto's grade ceiling. */
      bonus: d.real('bonus'),
      deduction: d.real('deduction'),
      gradeCap: d.text('grade_cap'),
      rectTotal: d.int('rect_total').notNull().default(0),
      rectNotStarted: d.int('rect_not_started').notNull().default(0),
      rectInProgress: d.int('rect_in_progress').notNull().default(0),
      /** Verified (销号) items: the done count of 整改完成率. */
      rectDone: d.int('rect_done').notNull().default(0),
      /** Items the bureau marked done that wait for the office's verification. */
      rectPending: d.int('rect_pending').notNull().default(0),
      rectOverdue: d.int('rect_overdue').notNull().default(0),
      /** Each applicable indicator's value (code → number), for the averages the overview compares with. */
      indicatorValues: d.text('indicator_values'),
      validFrom: d.bigint('valid_from'),
      validUntil: d.bigint('valid_until'),
      /**
       * The year's change counter (dashboard_versions) when the row was last computed: a cached board
       * of that year at an older counter re-reads only the rows above it.
       */
      version: d.int('version').notNull().default(0),
    },
    (t) => [
      d.primaryKey({ columns: [t.year, t.bureauId] }),
      // Partial: holds only the few rows waiting for a recomputation, so finding them costs nothing.
      d.index('bureau_year_scores_dirty_idx').on(t.year, t.bureauId).where(d.isTrue(t.dirty)),
      d.index('bureau_year_scores_version_idx').on(t.year, t.version),
    ],
  )

  /**
   * Change counters for the dashboard's caches, bumped by the same triggers: one row per cycle year
   * (its bureau-years, targets and deadlines changed) and row 0 for everything shared by all years
   * (bureaus, regions, the catalog). A cache built from year Y is current while rows 0 and Y are.
   */
  const dashboardVersions = d.table('dashboard_versions', {
    year: d.int('year').primaryKey(),
    version: d.int('version').notNull().default(0),
  })

  /**
   * Published results (定稿发布): each publication of a year's results freezes every figure the pages
   * and exports show, as JSON text served byte for byte. Never updated or deleted (migration 0005).
   */
  const resultVersions = d.table(
    'result_versions',
    {
      year: d.int('year')
        .notNull()
        .references(() => cycles.year),
      version: d.int('version').notNull(),
      title: d.text('title').notNull(),
      publishedAt: d.text('published_at').notNull(),
      publishedBy: d.int('published_by').references(() => users.id),
      /** The frozen figures (JSON). */
      figures: d.text('figures').notNull(),
      /** What changed against the version before (JSON): ranks moved, scores changed, bureaus added. */
      changes: d.text('changes').notNull(),
    },
    (t) => [d.primaryKey({ columns: [t.year, t.version] })],
  )

  /** 催报 records: each bureau chased, when, by whom, at which level of wording; its messages name it. */
  const chaseRecords = d.table(
    'chase_records',
    {
      id: d.id('id'),
      year: d.int('year')
        .notNull()
        .references(() => cycles.year),
      bureauId: d.int('bureau_id')
        .notNull()
        .references(() => bureaus.id),
      level: d.text('level', { enum: CHASE_LEVELS }).notNull(),
      /** The bureau's report status and days overdue when chased. */
      status: d.text('status').notNull(),
      daysOverdue: d.int('days_overdue').notNull(),
      userId: d.int('user_id').references(() => users.id),
      at: d.text('at').notNull(),
    },
    (t) => [d.check('chase_records_level_check', inList('level', CHASE_LEVELS)), d.index('chase_records_year_idx').on(t.year, t.bureauId, t.id)],
  )

  /** 消息中心: one row per recipient and message. */
  const notifications = d.table(
    'notifications',
    {
      id: d.id('id'),
      userId: d.int('user_id')
        .notNull()
        .references(() => users.id, { onDelete: 'cascade' }),
      kind: d.text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
      title: d.text('title').notNull(),
      body: d.text('body').notNull(),
      link: d.text('link'),
      year: d.int('year'),
      bureauId: d.int('bureau_id').references(() => bureaus.id),
      chaseId: d.int('chase_id').references(() => chaseRecords.id),
      /** A message sent once per recipient (a due-date reminder): a second with the same key is not created. */
      dedupeKey: d.text('dedupe_key'),
      createdAt: d.text('created_at').notNull(),
      readAt: d.text('read_at'),
    },
    (t) => [
      d.check('notifications_kind_check', inList('kind', NOTIFICATION_KINDS)),
      d.index('notifications_user_idx').on(t.userId, t.id),
      d.uniqueIndex('notifications_dedupe_idx').on(t.userId, t.dedupeKey),
      d.index('notifications_chase_idx').on(t.chaseId),
    ],
  )

  /** 发送记录: each message's delivery through an outbound channel, its attempts and its outcome. */
  const notificationDeliveries = d.table(
    'notification_deliveries',
    {
      id: d.id('id'),
      notificationId: d.int('notification_id')
        .notNull()
        .references(() => notifications.id, { onDelete: 'cascade' }),
      channel: d.text('channel', { enum: DELIVERY_CHANNELS }).notNull(),
      /** The e-mail address, or the mobile number handed to the webhook (may be null for a group robot). */
      address: d.text('address'),
      status: d.text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
      attempts: d.int('attempts').notNull().default(0),
      nextAttemptAt: d.text('next_attempt_at').notNull(),
      lastError: d.text('last_error'),
      deliveredAt: d.text('delivered_at'),
      createdAt: d.text('created_at').notNull(),
    },
    (t) => [
      d.check('notification_deliveries_channel_check', inList('channel', DELIVERY_CHANNELS)),
      d.check('notification_deliveries_status_check', inList('status', DELIVERY_STATUSES)),
      d.index('notification_deliveries_due_idx').on(t.status, t.nextAttemptAt),
      d.index('notification_deliveries_notification_idx').on(t.notificationId),
    ],
  )

  return {
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
  }
}
