import { sql } from 'drizzle-orm'
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core'
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

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`
const createdAt = () => text('created_at').notNull().default(now)
const inList = (col: string, values: readonly string[]) =>
  sql.raw(`${col} in (${values.map((v) => `'${v}'`).join(', ')})`)

export const regions = sqliteTable(
  'regions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    level: text('level', { enum: REGION_LEVELS }).notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => regions.id),
  },
  (t) => [check('regions_level_check', inList('level', REGION_LEVELS)), index('regions_parent_idx').on(t.parentId)],
)

export const bureaus = sqliteTable(
  'bureaus',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    regionId: integer('region_id').notNull().references(() => regions.id),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    type: text('type').notNull(),
    /** The bureau's category in the 考核 scheme (执法部门, 综合部门 …): which indicators apply to it; null: none set. */
    category: text('category'),
    hasEnforcement: integer('has_enforcement', { mode: 'boolean' }).notNull().default(false),
    /** The first year the bureau exists (reports for); 2000: since before any cycle. */
    activeFrom: integer('active_from').notNull().default(2000),
    /** The bureau's evidence storage quota in MB, raised by the office; null: the county default (FILE_QUOTA_MB). */
    fileQuotaMb: integer('file_quota_mb'),
    /** The last year the bureau exists (撤销 or merged after it); null while it exists. */
    activeUntil: integer('active_until'),
    /** The bureau that took it over (合并): its history reads under the successor. */
    successorId: integer('successor_id').references((): AnySQLiteColumn => bureaus.id),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('bureaus_region_idx').on(t.regionId),
    index('bureaus_type_idx').on(t.type),
    index('bureaus_successor_idx').on(t.successorId),
    check('bureaus_years_check', sql`${t.activeUntil} is null or ${t.activeUntil} >= ${t.activeFrom}`),
  ],
)

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Null until the 安全保密管理员 grants one (三员分立): an account without a role cannot log in. */
    role: text('role', { enum: ROLES }),
    bureauId: integer('bureau_id').references(() => bureaus.id),
    /**
     * The region an office or leader account oversees (`bindsRegion`): it reads that region's subtree
     * and the office acts on the bureaus of the region itself. Null: the whole installation.
     */
    regionId: integer('region_id').references(() => regions.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: text('locked_until'),
    passwordChangedAt: text('password_changed_at'),
    /** The TOTP secret (base32) once enrolment is confirmed; null: no second factor. */
    totpSecret: text('totp_secret'),
    /** A secret shown for enrolment and not yet confirmed with a code. */
    totpPendingSecret: text('totp_pending_secret'),
    /** The last TOTP time step accepted: a code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    /** SHA-256 of each unused recovery code (恢复码); a used one is removed. */
    recoveryCodes: text('recovery_codes', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Where outbound messages go: the e-mail address, and the mobile number a webhook (SMS gateway) is given. */
    email: text('email'),
    mobile: text('mobile'),
    /** Per kind of message, the outbound channels the user switched off (`NotificationPreferences['channels']`). */
    notificationChannels: text('notification_channels', { mode: 'json' }).$type<NotificationPreferences['channels']>().notNull().default(sql`'{}'`),
    /** When the user last opened the 工作台: what changed since is shown as new. */
    workbenchSeenAt: text('workbench_seen_at'),
    /** Optimistic concurrency: an edit names the version it read; a stale one gets 409. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    check('users_role_check', inList('role', ROLES)),
    // A bureau account belongs to exactly one bureau; other roles belong to none.
    check('users_bureau_check', sql`(coalesce(${t.role}, '') = 'bureau') = (${t.bureauId} is not null)`),
    index('users_bureau_idx').on(t.bureauId),
  ],
)

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a leaked database does not leak live sessions. */
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: text('last_seen_at').notNull().default(now),
    expiresAt: text('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /**
     * A session opened by the password alone while the account needs its second factor: `verify`
     * (enter a code) or `enrol` (set one up first). Such a session reaches only the second-factor
     * routes and logout; null once both factors are checked.
     */
    pendingFactor: text('pending_factor', { enum: PENDING_FACTORS }),
  },
  (t) => [index('sessions_user_idx').on(t.userId), check('sessions_pending_factor_check', sql`${t.pendingFactor} is null or ${inList('pending_factor', PENDING_FACTORS)}`)],
)

/**
 * The failure counter of usernames that name no account. A wrong password for an unknown username
 * reserves its attempt and locks at the fifth like a real account's, so neither the time of the
 * answer nor a 423 tells whether an account exists. Bounded: rows not tried for a day go, and the
 * least recently tried go first past a fixed number of rows (`auth/attempts.ts`).
 */
export const loginThrottles = sqliteTable(
  'login_throttles',
  {
    username: text('username').primaryKey(),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: text('locked_until'),
    lastAttemptAt: text('last_attempt_at').notNull(),
  },
  (t) => [index('login_throttles_last_attempt_idx').on(t.lastAttemptAt)],
)

export const cycles = sqliteTable('cycles', {
  year: integer('year').primaryKey(),
  dueDate: text('due_date').notNull(),
  publishDeadline: text('publish_deadline').notNull(),
  locked: integer('locked', { mode: 'boolean' }).notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
})

export const indicators = sqliteTable(
  'indicators',
  {
    code: text('code').primaryKey(),
    category: text('category').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    kind: text('kind', { enum: INDICATOR_KINDS }).notNull(),
    direction: text('direction', { enum: DIRECTIONS }),
    defaultTarget: real('default_target'),
    defaultWeight: real('default_weight').notNull(),
    enforcementOnly: integer('enforcement_only', { mode: 'boolean' }).notNull().default(false),
    sortOrder: integer('sort_order').notNull(),
    /** Plausibility (校验规则): a value outside [min, max] needs a note before the report can be submitted. */
    plausibleMin: real('plausible_min'),
    plausibleMax: real('plausible_max'),
    /** Year-over-year rule: more than 3× or under a third of last year's value, by at least this much, needs a note. */
    yoyMinChange: real('yoy_min_change'),
  },
  (t) => [
    check('indicators_kind_check', inList('kind', INDICATOR_KINDS)),
    check('indicators_direction_check', sql`${t.direction} is null or ${inList('direction', DIRECTIONS)}`),
    check('indicators_weight_check', sql`${t.defaultWeight} >= 0`),
  ],
)

/**
 * The yearly 考核方案 (scheme): its settings. Its indicators are `scheme_indicators`. A year without a
 * row is scored by the default catalog (`shared/src/scheme.ts`, `defaultScheme`).
 */
export const schemes = sqliteTable('schemes', {
  year: integer('year')
    .primaryKey()
    .references(() => cycles.year, { onDelete: 'cascade' }),
  /** JSON: [{code, name}] in order. */
  categories: text('categories').notNull(),
  /** JSON: [{grade, min}] from 优秀 down (below the last: 不合格). */
  grades: text('grades').notNull(),
  /** The largest share of ranked bureaus graded 优秀 (0–1); null: no quota. */
  excellentQuota: real('excellent_quota'),
  /** The most bonus points (加分) a bureau can get in all. */
  bonusCap: real('bonus_cap').notNull().default(0),
  /** Points taken off a late report (逾期上报). */
  lateDeduction: real('late_deduction').notNull().default(0),
  /** JSON: [{from, to}] old indicator codes read as new ones in trends (a new edition of the indicator system). */
  codeMap: text('code_map').notNull().default('[]'),
  /** Set when the year's results are published: the scheme then changes only after the office reopens it. */
  frozen: integer('frozen', { mode: 'boolean' }).notNull().default(false),
  version: integer('version').notNull().default(1),
  updatedAt: text('updated_at').notNull().default(now),
})

/** The indicators of a year's scheme: each with its target, points (weight), applicability and rule. */
export const schemeIndicators = sqliteTable(
  'scheme_indicators',
  {
    year: integer('year')
      .notNull()
      .references(() => cycles.year, { onDelete: 'cascade' }),
    indicatorCode: text('indicator_code')
      .notNull()
      .references(() => indicators.code),
    category: text('category').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    direction: text('direction', { enum: DIRECTIONS }),
    target: real('target'),
    /** Points (分值): the weighted score's weight. */
    weight: real('weight').notNull(),
    enforcementOnly: integer('enforcement_only', { mode: 'boolean' }).notNull().default(false),
    /** JSON array of bureau categories the indicator applies to; null: every category. */
    appliesTo: text('applies_to'),
    /** JSON: the scoring rule (`Rule` in shared/src/scheme.ts). */
    rule: text('rule').notNull().default('{"kind":"attainment"}'),
    /** A value of this indicator counts only with at least one evidence file (佐证材料) attached: submit refuses without. */
    evidenceRequired: integer('evidence_required', { mode: 'boolean' }).notNull().default(false),
    plausibleMin: real('plausible_min'),
    plausibleMax: real('plausible_max'),
    yoyMinChange: real('yoy_min_change'),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.indicatorCode] }),
    check('scheme_indicators_weight_check', sql`${t.weight} >= 0`),
    check('scheme_indicators_direction_check', sql`${t.direction} is null or ${inList('direction', DIRECTIONS)}`),
  ],
)

export const submissions = sqliteTable(
  'submissions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bureauId: integer('bureau_id')
      .notNull()
      .references(() => bureaus.id),
    year: integer('year')
      .notNull()
      .references(() => cycles.year),
    status: text('status', { enum: SUBMISSION_STATUSES }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    /** The latest submission (first or resubmission). */
    submittedAt: text('submitted_at'),
    /** The first submission: never overwritten; lateness is measured from the due date to it. */
    firstSubmittedAt: text('first_submitted_at'),
    /** While returned: the date (China time) by which the office expects the resubmission. */
    resubmitDeadline: text('resubmit_deadline'),
    /** How many returns were answered after their resubmission deadline (any makes the report late). */
    lateResubmissions: integer('late_resubmissions').notNull().default(0),
    approvedAt: text('approved_at'),
    approvedBy: integer('approved_by').references(() => users.id),
    returnReason: text('return_reason'),
    publishedUrl: text('published_url'),
    publishedAt: text('published_at'),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    check('submissions_status_check', inList('status', SUBMISSION_STATUSES)),
    uniqueIndex('submissions_bureau_year_uq').on(t.bureauId, t.year),
    index('submissions_year_status_idx').on(t.year, t.status),
  ],
)

export const submissionValues = sqliteTable(
  'submission_values',
  {
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    indicatorCode: text('indicator_code')
      .notNull()
      .references(() => indicators.code),
    value: real('value'),
    notApplicable: integer('not_applicable', { mode: 'boolean' }).notNull().default(false),
    note: text('note'),
    source: text('source', { enum: VALUE_SOURCES }).notNull().default('manual'),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.indicatorCode] }),
    check('submission_values_source_check', inList('source', VALUE_SOURCES)),
  ],
)

/** The review history (流转记录) of a submission: every submit, return, resubmit, approve and reopen. Never updated. */
export const submissionEvents = sqliteTable(
  'submission_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    action: text('action', { enum: SUBMISSION_EVENT_ACTIONS }).notNull(),
    at: text('at').notNull(),
    userId: integer('user_id').references(() => users.id),
    /** A return's reason. */
    reason: text('reason'),
    /** A return's resubmission deadline (a date, China time). */
    resubmitDeadline: text('resubmit_deadline'),
    /** A return's copy of the report's values as returned (code → value), so a resubmission shows what changed since. */
    snapshot: text('snapshot', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [check('submission_events_action_check', inList('action', SUBMISSION_EVENT_ACTIONS)), index('submission_events_submission_idx').on(t.submissionId, t.id)],
)

const ledgerColumns = () => ({
  id: integer('id').primaryKey({ autoIncrement: true }),
  bureauId: integer('bureau_id')
    .notNull()
    .references(() => bureaus.id),
  year: integer('year')
    .notNull()
    .references(() => cycles.year),
  date: text('date').notNull(),
  version: integer('version').notNull().default(1),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
})

export const studySessions = sqliteTable(
  'study_sessions',
  {
    ...ledgerColumns(),
    topic: text('topic').notNull(),
    form: text('form').notNull(),
    participants: integer('participants').notNull().default(0),
  },
  (t) => [
    check('study_sessions_form_check', inList('form', STUDY_FORMS)),
    check('study_sessions_participants_check', sql`${t.participants} >= 0`),
    index('study_sessions_bureau_year_idx').on(t.bureauId, t.year),
  ],
)

export const legalityReviews = sqliteTable(
  'legality_reviews',
  {
    ...ledgerColumns(),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    reviewer: text('reviewer').notNull(),
    outcome: text('outcome').notNull(),
  },
  (t) => [
    check('legality_reviews_kind_check', inList('kind', REVIEW_KINDS)),
    check('legality_reviews_reviewer_check', inList('reviewer', REVIEWERS)),
    check('legality_reviews_outcome_check', inList('outcome', REVIEW_OUTCOMES)),
    index('legality_reviews_bureau_year_idx').on(t.bureauId, t.year),
  ],
)

export const publicityEvents = sqliteTable(
  'publicity_events',
  {
    ...ledgerColumns(),
    title: text('title').notNull(),
    form: text('form').notNull(),
    audience: integer('audience').notNull().default(0),
    enterprisesCovered: integer('enterprises_covered').notNull().default(0),
  },
  (t) => [
    check('publicity_events_form_check', inList('form', PUBLICITY_FORMS)),
    check('publicity_events_counts_check', sql`${t.audience} >= 0 and ${t.enterprisesCovered} >= 0`),
    index('publicity_events_bureau_year_idx').on(t.bureauId, t.year),
  ],
)

/** Which table stores each ledger kind. */
export const LEDGER_TABLES = { 'study-sessions': studySessions, 'legality-reviews': legalityReviews, 'publicity-events': publicityEvents } satisfies Record<
  LedgerType,
  unknown
>
export type LedgerTable = (typeof LEDGER_TABLES)[LedgerType]

export const rectificationItems = sqliteTable(
  'rectification_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bureauId: integer('bureau_id')
      .notNull()
      .references(() => bureaus.id),
    /** The cycle year in which the rectification is tracked and scored. */
    year: integer('year')
      .notNull()
      .references(() => cycles.year),
    /** The year of the annual report that raised the problem (usually year − 1). */
    sourceYear: integer('source_year'),
    /** The imported annual report the problem was taken from, if any. */
    sourceImportId: integer('source_import_id').references((): AnySQLiteColumn => reportImports.id),
    problem: text('problem').notNull(),
    measure: text('measure').notNull().default(''),
    owner: text('owner').notNull().default(''),
    deadline: text('deadline').notNull(),
    status: text('status', { enum: RECTIFICATION_STATUSES }).notNull().default('not_started'),
    completedAt: text('completed_at'),
    evidence: text('evidence'),
    /** 销号: when and by whom the office verified a done item; only verified items count as done in 整改完成率. */
    verifiedAt: text('verified_at'),
    verifiedBy: integer('verified_by').references(() => users.id),
    /** Why the office sent a done item back (退回重改); cleared when it is done again. */
    returnReason: text('return_reason'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [
    check('rectification_items_status_check', inList('status', RECTIFICATION_STATUSES)),
    check('rectification_items_done_check', sql`(${t.status} = 'done') = (${t.completedAt} is not null)`),
    index('rectification_items_year_bureau_idx').on(t.year, t.bureauId),
  ],
)

/**
 * Evidence files (佐证材料): each attached to exactly one indicator value (submission + indicator), ledger
 * row or rectification item of a bureau's year. The bytes live content-addressed (sha256) in the files
 * folder beside the database (`server/src/features/files/store.ts`). Deleting sets `deleted_at`: the
 * bureau no longer sees it, the office still does until the year is published, when the row and (if no
 * other row uses them) the bytes go.
 */
export const evidenceFiles = sqliteTable(
  'evidence_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bureauId: integer('bureau_id')
      .notNull()
      .references(() => bureaus.id),
    year: integer('year')
      .notNull()
      .references(() => cycles.year),
    submissionId: integer('submission_id').references(() => submissions.id),
    indicatorCode: text('indicator_code').references(() => indicators.code),
    ledgerType: text('ledger_type'),
    ledgerId: integer('ledger_id'),
    /** No foreign key, like the ledger row's: deleting the item soft-deletes its files, kept for the audit until publication. */
    rectificationId: integer('rectification_id'),
    /** The name the user gave it (Chinese allowed), sent back on download. */
    name: text('name').notNull(),
    size: integer('size').notNull(),
    /** The MIME type found from the content (never from the name). */
    type: text('type').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: text('uploaded_at').notNull().default(now),
    deletedAt: text('deleted_at'),
    deletedBy: integer('deleted_by').references(() => users.id),
  },
  (t) => [
    check(
      'evidence_files_target_check',
      sql`((${t.submissionId} is not null and ${t.indicatorCode} is not null) + (${t.ledgerType} is not null and ${t.ledgerId} is not null) + (${t.rectificationId} is not null)) = 1`,
    ),
    check('evidence_files_size_check', sql`${t.size} >= 0`),
    index('evidence_files_bureau_year_idx').on(t.bureauId, t.year),
    index('evidence_files_submission_idx').on(t.submissionId, t.indicatorCode),
    index('evidence_files_sha256_idx').on(t.sha256),
  ],
)

/**
 * Reviewers' comments (批注) on a submission: on the report as a whole, or on one value, ledger row or
 * evidence file. A bureau's answer is a comment with `reply_to`. The office's comments are sent with
 * the next return: `event_id` then names that return in the review history. Never updated otherwise,
 * never deleted: the thread stays in the history.
 */
export const reviewComments = sqliteTable(
  'review_comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    indicatorCode: text('indicator_code').references(() => indicators.code),
    ledgerType: text('ledger_type'),
    ledgerId: integer('ledger_id'),
    fileId: integer('file_id').references(() => evidenceFiles.id),
    replyTo: integer('reply_to').references((): AnySQLiteColumn => reviewComments.id),
    text: text('text').notNull(),
    authorId: integer('author_id').references(() => users.id),
    /** Which side wrote it, fixed when written (an account's role may change later): the office's comments or the bureau's answers. */
    authorSide: text('author_side', { enum: COMMENT_SIDES }).notNull(),
    at: text('at').notNull(),
    /** The return (submission_events row) this office comment was sent with; null until then, and for answers. */
    eventId: integer('event_id').references(() => submissionEvents.id),
  },
  (t) => [
    check('review_comments_text_check', sql`length(${t.text}) > 0`),
    check('review_comments_author_side_check', inList('author_side', COMMENT_SIDES)),
    index('review_comments_submission_idx').on(t.submissionId, t.id),
  ],
)

/** County-wide settings the office or an administrator changes at run time, one row per key (value JSON). */
export const appSettings = sqliteTable('app_settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull().default(now),
})

export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull().default(now),
    userId: integer('user_id').references(() => users.id),
    username: text('username'),
    ip: text('ip'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    success: integer('success', { mode: 'boolean' }).notNull().default(true),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    /** The hash of the row before (tamper evidence: a hash chain, `server/src/db/audit-chain.ts`); null for the first. */
    prevHash: text('prev_hash'),
    /** HMAC-SHA256 of this row's content and `prevHash`; a trigger refuses a row whose hash is not right. */
    hash: text('hash'),
  },
  (t) => [index('audit_events_at_idx').on(t.at), index('audit_events_action_idx').on(t.action, t.at), index('audit_events_user_idx').on(t.userId, t.at)],
)

/**
 * An annual report (法治政府建设情况报告) read by the importer: its text and what was found in it.
 * The newest one per bureau and year is that bureau's report-structure check.
 */
export const reportImports = sqliteTable(
  'report_imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    bureauId: integer('bureau_id')
      .notNull()
      .references(() => bureaus.id),
    year: integer('year')
      .notNull()
      .references(() => cycles.year),
    fileName: text('file_name').notNull(),
    text: text('text').notNull(),
    /** The extraction as JSON: reported year and bureau, section flags, proposed values, problems. */
    extraction: text('extraction', { mode: 'json' }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('report_imports_bureau_year_idx').on(t.bureauId, t.year, t.id)],
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
export const bureauYearScores = sqliteTable(
  'bureau_year_scores',
  {
    year: integer('year').notNull(),
    bureauId: integer('bureau_id').notNull(),
    /** The bureau-year's submission (bureau × year is its unique key); null without one. */
    submissionId: integer('submission_id'),
    dirty: integer('dirty', { mode: 'boolean' }).notNull().default(true),
    status: text('status', { enum: SUBMISSION_STATUSES }),
    submittedAt: text('submitted_at'),
    firstSubmittedAt: text('first_submitted_at'),
    lateResubmissions: integer('late_resubmissions').notNull().default(0),
    score: real('score'),
    completion: real('completion'),
    fillRate: real('fill_rate'),
    catLead: real('cat_lead'),
    catStudy: real('cat_study'),
    catReview: real('cat_review'),
    catPublicity: real('cat_publicity'),
    catDisclosure: real('cat_disclosure'),
    catEnforcement: real('cat_enforcement'),
    catOversight: real('cat_oversight'),
    catRectification: real('cat_rectification'),
    /** The year's rules: bonus points (加分) and deductions (扣分, late report included) inside `score`, and a veto's grade ceiling. */
    bonus: real('bonus'),
    deduction: real('deduction'),
    gradeCap: text('grade_cap'),
    rectTotal: integer('rect_total').notNull().default(0),
    rectNotStarted: integer('rect_not_started').notNull().default(0),
    rectInProgress: integer('rect_in_progress').notNull().default(0),
    /** Verified (销号) items: the done count of 整改完成率. */
    rectDone: integer('rect_done').notNull().default(0),
    /** Items the bureau marked done that wait for the office's verification. */
    rectPending: integer('rect_pending').notNull().default(0),
    rectOverdue: integer('rect_overdue').notNull().default(0),
    /** Each applicable indicator's value (code → number), for the averages the overview compares with. */
    indicatorValues: text('indicator_values'),
    validFrom: integer('valid_from'),
    validUntil: integer('valid_until'),
    /**
     * The year's change counter (dashboard_versions) when the row was last computed: a cached board
     * of that year at an older counter re-reads only the rows above it.
     */
    version: integer('version').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.bureauId] }),
    // Partial: holds only the few rows waiting for a recomputation, so finding them costs nothing.
    index('bureau_year_scores_dirty_idx').on(t.year, t.bureauId).where(sql`${t.dirty} = 1`),
    index('bureau_year_scores_version_idx').on(t.year, t.version),
  ],
)

/**
 * Change counters for the dashboard's caches, bumped by the same triggers: one row per cycle year
 * (its bureau-years, targets and deadlines changed) and row 0 for everything shared by all years
 * (bureaus, regions, the catalog). A cache built from year Y is current while rows 0 and Y are.
 */
export const dashboardVersions = sqliteTable('dashboard_versions', {
  year: integer('year').primaryKey(),
  version: integer('version').notNull().default(0),
})

/**
 * Published results (定稿发布): each publication of a year's results freezes every figure the pages
 * and exports show, as JSON text served byte for byte. Never updated or deleted (migration 0005).
 */
export const resultVersions = sqliteTable(
  'result_versions',
  {
    year: integer('year')
      .notNull()
      .references(() => cycles.year),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    publishedAt: text('published_at').notNull(),
    publishedBy: integer('published_by').references(() => users.id),
    /** The frozen figures (JSON). */
    figures: text('figures').notNull(),
    /** What changed against the version before (JSON): ranks moved, scores changed, bureaus added. */
    changes: text('changes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.version] })],
)

/** 催报 records: each bureau chased, when, by whom, at which level of wording; its messages name it. */
export const chaseRecords = sqliteTable(
  'chase_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    year: integer('year')
      .notNull()
      .references(() => cycles.year),
    bureauId: integer('bureau_id')
      .notNull()
      .references(() => bureaus.id),
    level: text('level', { enum: CHASE_LEVELS }).notNull(),
    /** The bureau's report status and days overdue when chased. */
    status: text('status').notNull(),
    daysOverdue: integer('days_overdue').notNull(),
    userId: integer('user_id').references(() => users.id),
    at: text('at').notNull(),
  },
  (t) => [check('chase_records_level_check', inList('level', CHASE_LEVELS)), index('chase_records_year_idx').on(t.year, t.bureauId, t.id)],
)

/** 消息中心: one row per recipient and message. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    year: integer('year'),
    bureauId: integer('bureau_id').references(() => bureaus.id),
    chaseId: integer('chase_id').references(() => chaseRecords.id),
    /** A message sent once per recipient (a due-date reminder): a second with the same key is not created. */
    dedupeKey: text('dedupe_key'),
    createdAt: text('created_at').notNull(),
    readAt: text('read_at'),
  },
  (t) => [
    check('notifications_kind_check', inList('kind', NOTIFICATION_KINDS)),
    index('notifications_user_idx').on(t.userId, t.id),
    uniqueIndex('notifications_dedupe_idx').on(t.userId, t.dedupeKey),
    index('notifications_chase_idx').on(t.chaseId),
  ],
)

/** 发送记录: each message's delivery through an outbound channel, its attempts and its outcome. */
export const notificationDeliveries = sqliteTable(
  'notification_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    notificationId: integer('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: DELIVERY_CHANNELS }).notNull(),
    /** The e-mail address, or the mobile number handed to the webhook (may be null for a group robot). */
    address: text('address'),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    lastError: text('last_error'),
    deliveredAt: text('delivered_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    check('notification_deliveries_channel_check', inList('channel', DELIVERY_CHANNELS)),
    check('notification_deliveries_status_check', inList('status', DELIVERY_STATUSES)),
    index('notification_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('notification_deliveries_notification_idx').on(t.notificationId),
  ],
)
