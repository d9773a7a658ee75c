import { appliesToBureau, CATALOG, chinaDate, chinaInstant, defaultDeadlines, defaultResubmitDeadline, rollupLedgers, type LedgerEntries } from '@fazhi/shared'
import { count } from 'drizzle-orm'
import type { Db } from '../server/src/db/client'
import {
  bureaus,
  cycles,
  legalityReviews,
  publicityEvents,
  rectificationItems,
  regions,
  studySessions,
  submissionEvents,
  submissions,
  submissionValues,
  users,
} from '../server/src/db/schema'
import { hashPassword } from '../server/src/features/auth/passwords'
import { securitySettings } from '../server/src/features/security/settings'
import { addDefaultCatalog } from '../server/src/features/catalog/default-catalog'
import { prng } from '../server/src/lib/prng'
import { DEMO_BUREAUS } from './bureaus'
import { seedDemoCity } from './city'
import { addDemoScheme, demoCategoryOf, demoExtraValues, DEMO_APPLIES_TO } from './scheme'

export const DEMO_YEARS = [2021, 2022, 2023, 2024, 2025, 2026] as const
export const OPEN_YEAR = 2026
/** 2025: no submission at all from these; one draft, one returned, one returned and resubmitted in time, three late. */
const MISSING_2025 = new Set(['xfj', 'tyjrj', 'mzzjj'])
const DRAFT_2025 = 'gxj'
const RETURNED_2025 = 'swj'
const RESUBMITTED_2025 = 'mzj'
const RETURN_REASONS: Record<string, string> = {
  [RETURNED_2025]: '重大行政决策合法性审查率与台账不一致，请核实后重新上报',
  [RESUBMITTED_2025]: '执法人员持证上岗率与人事台账不符，请核实后重新上报',
}
const LATE_2025 = new Set(['jtysj', 'sjj', 'lyj'])
/** 2026 is open: a few bureaus have started a draft. */
const DRAFTS_2026 = new Set(['kjj', 'jyj', 'czj', 'sfj', 'scjgj', 'gaj'])
/**
 * 校验规则 in the demo: a submitted 2025 report explains a value far above last year's (the
 * reviewer sees it under 需关注), and a 2026 draft holds a value that must be explained before it
 * can be submitted. Neither changes a score: both indicators are met either way.
 */
const FLAGGED_VALUES: Record<string, { indicator: string; value: number; note: string | null }> = {
  'wjw:2025': { indicator: 'disclosure.items_published', value: 150, note: '本年度开展政府信息公开专项清理，集中补充公开历史文件 120 余条' },
  'sfj:2026': { indicator: 'lead.topic_meetings', value: 96, note: null },
}

const PROBLEMS = [
  '法治宣传教育的形式和内容还需进一步创新，针对性和实效性有待提高',
  '行政执法人员业务能力参差不齐，执法培训的系统性不足',
  '规范性文件合法性审查机制有待健全，审查记录不够完整',
  '重大行政决策程序执行不够规范，公众参与和专家论证环节较弱',
  '领导干部学法用法的常态化机制尚未完全形成',
  '政务公开信息更新不够及时，依申请公开答复质量有待提升',
  '法律顾问参与合同审查的深度不够，风险防控存在薄弱环节',
  '行政复议和应诉工作专业力量不足，负责人出庭应诉率有待提高',
  '执法信息公示不够全面，执法全过程记录制度落实不到位',
  '上年度整改事项跟踪督办机制不健全，部分问题整改进度滞后',
]
const MEASURES = [
  '制定专项整改方案，明确责任人和完成时限',
  '组织专题培训，建立学法考勤和考核制度',
  '完善审查台账，实行审查意见书全覆盖',
  '修订工作规则，按季度开展督办检查',
]
const OWNERS = ['办公室', '法规股', '政策法规科', '综合股', '执法大队']

type Rng = ReturnType<typeof prng>

const pad = (n: number) => String(n).padStart(2, '0')
const dateIn = (rng: Rng, year: number, fromMonth = 1, toMonth = 12) =>
  `${year}-${pad(rng.int(fromMonth, toMonth))}-${pad(rng.int(1, 28))}`
const atChinaTime = (date: string, hour: number) => chinaInstant(date, `${pad(hour)}:15:00`).toISOString()
const daysAfter = (at: string, days: number, hour: number) => atChinaTime(chinaDate(new Date(Date.parse(at) + days * 86_400_000)), hour)

/** The office's return of a report submitted at `submittedAt`: two days later, with the default deadline. */
function returnOf(submittedAt: string, reason: string) {
  const at = daysAfter(submittedAt, 2, 10)
  return { at, reason, resubmitDeadline: defaultResubmitDeadline(at) }
}

interface Ledgers {
  study: (typeof studySessions.$inferInsert)[]
  reviews: (typeof legalityReviews.$inferInsert)[]
  publicity: (typeof publicityEvents.$inferInsert)[]
}

/** Ledger entries for one bureau-year; their roll-ups become the submission's ledger-sourced values. */
function makeLedgers(rng: Rng, bureauId: number, year: number, quality: number, hasEnforcement: boolean): Ledgers {
  const n = (target: number) => Math.max(0, Math.round(target * (quality + (rng.next() - 0.5) * 0.5)))
  const base = { bureauId, year }
  const study: Ledgers['study'] = []
  for (let i = 0; i < n(4); i++)
    study.push({ ...base, date: dateIn(rng, year), topic: rng.pick(['学习习近平法治思想', '学习《行政复议法》', '学习《民法典》', '学习《优化营商环境条例》']), form: '中心组学法', participants: rng.int(8, 15) })
  for (let i = 0; i < n(5); i++)
    study.push({ ...base, date: dateIn(rng, year), topic: rng.pick(['学习《行政处罚法》', '学习《行政许可法》', '宪法宣誓与学习', '学习《保守国家秘密法》']), form: rng.pick(['集体学法', '会前学法', '专题讲座'] as const), participants: rng.int(20, 60) })
  for (let i = 0; i < rng.int(1, 2); i++)
    study.push({ ...base, date: dateIn(rng, year, 9, 12), topic: rng.pick(['年度学法考试', '行政执法人员培训']), form: rng.pick(['培训', '考试'] as const), participants: n(8) })

  const reviews: Ledgers['reviews'] = []
  const review = (kind: string, howMany: number) => {
    for (let i = 0; i < howMany; i++)
      reviews.push({ ...base, date: dateIn(rng, year), title: `${kind}审查（${year}-${pad(i + 1)}）`, kind, reviewer: rng.pick(['法律顾问', '公职律师', '司法局', '法制机构']), outcome: rng.chance(0.8) ? '通过' : '修改后通过' })
  }
  review('规范性文件', rng.int(0, 3))
  review('重大行政决策', rng.int(0, 2))
  review('合同协议', n(3))
  if (hasEnforcement) review('重大执法决定', n(3))

  const publicity: Ledgers['publicity'] = []
  for (let i = 0; i < n(8); i++)
    publicity.push({ ...base, date: dateIn(rng, year), title: rng.pick(['宪法宣传周活动', '民法典进社区', '法律进企业宣讲', '"八五"普法下乡', '12·4国家宪法日宣传']), form: rng.pick(['宣讲', '下乡', '宣传日', '新媒体', '培训'] as const), audience: rng.int(10, 40), enterprisesCovered: rng.int(0, 12) })
  return { study, reviews, publicity }
}

/** Values for the indicators no ledger fills, around the target by the bureau's quality. */
function manualValues(rng: Rng, quality: number, rolled: Record<string, number>): Record<string, number> {
  const around = (target: number) => Math.max(0, Math.round(target * (quality + (rng.next() - 0.45) * 0.6)))
  const percent = () => Math.min(100, Math.round(100 * Math.min(1, quality + 0.1 + rng.next() * 0.2)))
  const yes = () => (rng.chance(Math.min(0.97, quality + 0.15)) ? 1 : 0)
  const fewCases = () => (rng.chance(quality) ? 0 : rng.int(1, 3))
  return {
    'lead.topic_meetings': around(2),
    'lead.duty_report': yes(),
    'study.exam_participation_rate': percent(),
    'study.exam_pass_rate': percent(),
    'review.normative_docs_issued': rolled['review.normative_docs_reviewed'] + (rng.chance(0.2) ? 1 : 0),
    'review.major_decisions': rolled['review.major_decisions_reviewed'] + (rng.chance(0.15) ? 1 : 0),
    'review.legal_advisor': yes(),
    'publicity.new_media_posts': around(14),
    'disclosure.items_published': around(24),
    'disclosure.request_on_time_rate': percent(),
    'enforcement.certified_rate': percent(),
    'enforcement.published_items': around(15),
    'enforcement.misconduct_cases': fewCases(),
    'oversight.reconsideration_corrected': fewCases(),
    'oversight.litigation_lost': fewCases(),
    'oversight.head_appearance_rate': percent(),
    'oversight.proposals_on_time_rate': percent(),
  }
}

export interface DemoSeedOptions {
  password: string
  /** Also seed the demo city 示例市 over the county (`seedDemoCity`): a second county, city bureaus, city accounts. */
  city?: boolean
}

/** The demo accounts' shared password: DEMO_PASSWORD, or the one the README gives. */
export const demoPasswordOf = (env: NodeJS.ProcessEnv = process.env) => env.DEMO_PASSWORD || 'Demo@2026'

/** Seeds the demo county 示例县 into an empty, migrated database. Deterministic. */
export async function seedDemo(db: Db, opts: DemoSeedOptions): Promise<void> {
  // One hash for the shared demo password keeps seeding fast; real accounts each get their own.
  const passwordHash = await hashPassword(opts.password)
  const rng = prng(20260301)
  // The scheme's bonus items and veto draw from their own generator: the rest of the county stays as it was.
  const extrasRng = prng(20260315)
  let sentBack = false

  await db.connection.transaction(async () => {
    const tx = db
    await addDefaultCatalog(tx as unknown as Db)
    const region = (await tx.insert(regions).values({ code: 'demo', name: '示例县', level: 'county' }).returning())[0]
    const bureauRows = await tx
      .insert(bureaus)
      .values(DEMO_BUREAUS.map(([code, name, type, hasEnforcement]) => ({ regionId: region.id, code, name, shortName: name.replace(/^示例县/, ''), type, category: demoCategoryOf(hasEnforcement), hasEnforcement })))
      .returning()
    for (const year of DEMO_YEARS)
      await tx.insert(cycles).values({ year, ...defaultDeadlines(year), locked: year <= 2023 })
    await addDemoScheme(tx as unknown as Db, DEMO_YEARS)

    const staff = await tx
      .insert(users)
      .values([
        { username: 'office', displayName: '县委依法治县办', role: 'office' as const, passwordHash },
        { username: 'leader', displayName: '县领导（督察）', role: 'leader' as const, passwordHash },
        { username: 'sysadmin', displayName: '系统管理员', role: 'sysadmin' as const, passwordHash },
        { username: 'auditor', displayName: '安全审计员', role: 'auditor' as const, passwordHash },
      ])
      .returning()
    const office = staff[0]
    const liaisons = await tx
      .insert(users)
      .values(bureauRows.map((b) => ({ username: b.code, displayName: `${b.shortName}法治联络员`, role: 'bureau' as const, bureauId: b.id, passwordHash })))
      .returning()
    const liaisonOf = new Map(liaisons.map((u) => [u.bureauId, u.id]))
    // 三员分立's third administrator, added after the others so earlier accounts keep their ids.
    await tx.insert(users).values({ username: 'secadmin', displayName: '安全保密管理员', role: 'secadmin', passwordHash })
    // The demo logs in with a password alone; the office or the 安全保密管理员 switches the second factor on.
    await securitySettings(tx as unknown as Db).setSecondFactorMode('off')

    for (const b of bureauRows) {
      const baseQuality = 0.35 + rng.next() * 0.55
      for (const year of DEMO_YEARS) {
        const quality = Math.min(1, baseQuality + 0.03 * (year - 2021))
        const ledgers = makeLedgers(rng, b.id, year, quality, b.hasEnforcement)
        if (ledgers.study.length) await tx.insert(studySessions).values(ledgers.study)
        if (ledgers.reviews.length) await tx.insert(legalityReviews).values(ledgers.reviews)
        if (ledgers.publicity.length) await tx.insert(publicityEvents).values(ledgers.publicity)

        const submission = planSubmission(rng, b.code, year)
        if (submission) {
          const row = (await tx.insert(submissions).values({ bureauId: b.id, year, ...submission, approvedBy: submission.approvedAt ? office.id : null }).returning())[0]
          const events = historyOf(row, b.code, { bureau: liaisonOf.get(b.id)!, office: office.id })
          if (events.length) await tx.insert(submissionEvents).values(events)
          const entries: LedgerEntries = { 'study-sessions': ledgers.study.map((s) => ({ form: s.form, participants: s.participants ?? 0 })), 'legality-reviews': ledgers.reviews, 'publicity-events': ledgers.publicity.map((p) => ({ audience: p.audience ?? 0, enterprisesCovered: p.enterprisesCovered ?? 0 })) }
          const rolled = rollupLedgers(entries)
          const manual = manualValues(rng, quality, rolled)
          const partial = submission.status === 'draft'
          const values: (typeof submissionValues.$inferInsert)[] = CATALOG.filter((c) => c.kind !== 'derived' && (!c.enforcementOnly || b.hasEnforcement))
            .filter(() => !partial || rng.chance(0.6))
            .filter((c) => appliesToBureau({ ...c, appliesTo: DEMO_APPLIES_TO[c.code] }, b))
            .map((c) => {
              const fromLedger = c.code in rolled
              return { submissionId: row.id, indicatorCode: c.code, value: fromLedger ? rolled[c.code] : manual[c.code], source: fromLedger ? ('ledger' as const) : ('manual' as const), updatedBy: office.id }
            })
          if (!partial)
            for (const [indicatorCode, value] of Object.entries(demoExtraValues(extrasRng, b.code, year)))
              values.push({ submissionId: row.id, indicatorCode, value, source: 'manual' as const, updatedBy: office.id })
          const flagged = FLAGGED_VALUES[`${b.code}:${year}`]
          if (flagged) {
            const at = values.findIndex((v) => v.indicatorCode === flagged.indicator)
            const value = { submissionId: row.id, indicatorCode: flagged.indicator, value: flagged.value, note: flagged.note, source: 'manual' as const, updatedBy: office.id }
            values.splice(at < 0 ? values.length : at, at < 0 ? 0 : 1, value)
          }
          if (values.length) await tx.insert(submissionValues).values(values)
        }

        if (year >= 2022) {
          const items = makeRectificationItems(rng, b.id, year, office.id)
          if (items.length) await tx.insert(rectificationItems).values(items)
        }
      }
    }
  })

  if (opts.city) await seedDemoCity(db, passwordHash)

  function planSubmission(r: Rng, code: string, year: number): Omit<typeof submissions.$inferInsert, 'bureauId' | 'year'> | null {
    const publishedAt = r.chance(0.8) ? `${year + 1}-03-${pad(r.int(10, 31))}` : r.chance(0.5) ? `${year + 1}-04-${pad(r.int(5, 25))}` : null
    const published = { publishedAt, publishedUrl: publishedAt ? `http://www.example.gov.cn/sxx/${code}/fzzf${year}.html` : null }
    const onTimeAt = atChinaTime(`${year + 1}-02-${pad(r.int(5, 27))}`, r.int(9, 17))
    const lateAt = atChinaTime(`${year + 1}-03-${pad(r.int(4, 20))}`, r.int(9, 17))
    if (year === OPEN_YEAR) return DRAFTS_2026.has(code) ? { status: 'draft' as const, publishedAt: null, publishedUrl: null } : null
    if (year === 2025) {
      if (MISSING_2025.has(code)) return null
      if (code === DRAFT_2025) return { status: 'draft' as const, publishedAt: null, publishedUrl: null }
      if (code === RETURNED_2025) {
        const returned = returnOf(onTimeAt, RETURN_REASONS[code])
        return { status: 'returned' as const, submittedAt: onTimeAt, firstSubmittedAt: onTimeAt, returnReason: returned.reason, resubmitDeadline: returned.resubmitDeadline, publishedAt: null, publishedUrl: null }
      }
      const firstSubmittedAt = LATE_2025.has(code) ? lateAt : onTimeAt
      // Resubmitted three days after the return: within its five working days, so still on time.
      const submittedAt = code === RESUBMITTED_2025 ? daysAfter(returnOf(firstSubmittedAt, RETURN_REASONS[code]).at, 3, 15) : firstSubmittedAt
      const approved = r.chance(0.7)
      return { status: approved ? ('approved' as const) : ('submitted' as const), submittedAt, firstSubmittedAt, approvedAt: approved ? atChinaTime(`${year + 1}-03-${pad(r.int(21, 28))}`, 10) : null, version: 2, ...published }
    }
    const submittedAt = r.chance(0.12) ? lateAt : onTimeAt
    return { status: 'approved' as const, submittedAt, firstSubmittedAt: submittedAt, approvedAt: atChinaTime(`${year + 1}-03-${pad(r.int(21, 28))}`, 10), version: 2, ...published }
  }

  /** The review history (流转记录) the planned submission went through: its submissions, returns and approval. */
  function historyOf(row: typeof submissions.$inferSelect, code: string, by: { bureau: number; office: number }): (typeof submissionEvents.$inferInsert)[] {
    if (!row.firstSubmittedAt) return []
    const submissionId = row.id
    const events: (typeof submissionEvents.$inferInsert)[] = [{ submissionId, action: 'submit', at: row.firstSubmittedAt, userId: by.bureau }]
    if (row.year === 2025 && code in RETURN_REASONS) {
      const returned = returnOf(row.firstSubmittedAt, RETURN_REASONS[code])
      events.push({ submissionId, action: 'return', at: returned.at, userId: by.office, reason: returned.reason, resubmitDeadline: returned.resubmitDeadline })
      if (row.status !== 'returned') events.push({ submissionId, action: 'resubmit', at: row.submittedAt!, userId: by.bureau })
    }
    if (row.approvedAt) events.push({ submissionId, action: 'approve', at: row.approvedAt, userId: by.office })
    return events
  }

  /**
   * Verification (销号) draws nothing from the generator, so the rest of the county stays as it was:
   * done items of the closed years are verified; in 2025 and 2026 an item completed on an odd day
   * still waits for the office (待销号), and the first open 2026 item was sent back once (退回重改).
   */
  function makeRectificationItems(r: Rng, bureauId: number, year: number, officeId: number): (typeof rectificationItems.$inferInsert)[] {
    return Array.from({ length: r.int(0, 3) }, () => {
      const deadline = r.chance(0.5) ? `${year}-06-30` : `${year}-12-31`
      // Older years are mostly closed; the current ones are spread over every status.
      const doneChance = year <= 2024 ? 0.85 : year === 2025 ? 0.55 : 0.25
      const status = r.chance(doneChance) ? ('done' as const) : r.chance(0.6) ? ('in_progress' as const) : ('not_started' as const)
      const completedAt = status === 'done' ? `${year}-${pad(r.int(3, 11))}-${pad(r.int(1, 28))}` : null
      const verified = completedAt !== null && (year <= 2024 || Number(completedAt.slice(-2)) % 2 === 0)
      const returned = !sentBack && year === OPEN_YEAR && status === 'in_progress'
      if (returned) sentBack = true
      return {
        bureauId,
        year,
        sourceYear: year - 1,
        problem: r.pick(PROBLEMS),
        measure: r.pick(MEASURES),
        owner: r.pick(OWNERS),
        deadline,
        status,
        completedAt,
        evidence: status === 'done' || returned ? '整改报告及相关制度文件已归档' : null,
        verifiedAt: verified ? atChinaTime(completedAt, 16) : null,
        verifiedBy: verified ? officeId : null,
        returnReason: returned ? '佐证材料只有制度文件目录，缺少整改前后的对比说明，请补充后重新提交' : null,
      }
    })
  }
}

/**
 * Seeds the demo county only into a database that holds no region and no account yet (a production
 * database whose first sysadmin was created is not empty); never touches existing data.
 */
export async function seedDemoIfEmpty(db: Db, opts: DemoSeedOptions): Promise<boolean> {
  const used = ((await db.select({ n: count() }).from(regions).limit(1))[0])!.n + ((await db.select({ n: count() }).from(users).limit(1))[0])!.n
  if (used > 0) return false
  await seedDemo(db, opts)
  return true
}
