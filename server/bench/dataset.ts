import fs from 'node:fs'
import { CATALOG, CATEGORIES, LEDGER_INDICATORS, type Rule, rollupLedgers } from '@fazhi/shared'
import { migrateDatabase, openDatabase } from '../src/db/client'
import { hashPassword } from '../src/features/auth/passwords'
import { addDefaultCatalog } from '../src/features/catalog/default-catalog'
import { scoreStore } from '../src/features/dashboard/scores'
import { securitySettings } from '../src/features/security/settings'
import { prng } from '../src/lib/prng'

/**
 * A deterministic province for the benchmark: counties under one province region, each with its
 * bureaus, ten reporting years of submissions with full values, ledgers and rectification items.
 * Written with prepared statements in one transaction, straight into SQLite.
 */

export const SCALES = {
  province: { regions: 100, bureausPerRegion: 50, years: 10 },
  county: { regions: 1, bureausPerRegion: 60, years: 10 },
  tiny: { regions: 2, bureausPerRegion: 4, years: 3 },
} as const
export type Scale = keyof typeof SCALES

/** The last reporting year: due 1 March of the next year, so complete by the time the benchmark runs. */
export const LAST_YEAR = 2025
export const BENCH_PASSWORD = 'Bench@2026'

export interface Dataset {
  file: string
  scale: Scale
  years: number[]
  provinceId: number
  /** The county regions, in id order. */
  regionIds: number[]
  /** Active bureau ids per county region. */
  bureausByRegion: Map<number, number[]>
  counts: { bureaus: number; submissions: number; values: number; ledgerRows: number; rectificationItems: number }
  generateMs: number
  /** Recomputing every pre-aggregated bureau-year row in one transaction. */
  rebuild: { rows: number; ms: number }
}

const BUREAU_TYPES = [
  '发展改革委', '教育局', '科技局', '工业和信息化局', '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源局',
  '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局', '文化广电和旅游局', '卫生健康委', '退役军人事务局', '应急管理局',
  '审计局', '市场监督管理局', '统计局', '医疗保障局', '林业局', '行政审批服务局', '信访局', '民族宗教事务局', '城市管理局', '粮食和物资储备局',
  '乡村振兴局', '机关事务管理局', '地方金融监督管理局', '人民防空办公室', '档案局', '气象局', '供销合作社', '残疾人联合会', '妇女联合会', '总工会',
  '共青团', '科学技术协会', '工商业联合会', '红十字会', '融媒体中心', '公共资源交易中心', '大数据管理局', '招商服务中心', '住房公积金中心', '水文局',
  '税务局', '烟草专卖局', '邮政管理局', '消防救援大队', '自然资源执法大队', '交通执法大队', '综合行政执法局', '农业综合执法大队', '文化市场执法大队', '卫生监督所',
]
const STUDY_TOPICS = ['学习习近平法治思想', '学习《行政复议法》', '学习《民法典》', '学习《行政处罚法》', '宪法宣誓与学习']
const PUBLICITY_TITLES = ['宪法宣传周活动', '民法典进社区', '法律进企业宣讲', '"八五"普法下乡', '12·4国家宪法日宣传']
const PROBLEMS = [
  '法治宣传教育的形式和内容还需进一步创新，针对性和实效性有待提高',
  '行政执法人员业务能力参差不齐，执法培训的系统性不足',
  '规范性文件合法性审查机制有待健全，审查记录不够完整',
  '重大行政决策程序执行不够规范，公众参与和专家论证环节较弱',
  '政务公开信息更新不够及时，依申请公开答复质量有待提升',
]
const pad = (n: number) => String(n).padStart(2, '0')

export async function generateDataset(file: string, scale: Scale): Promise<Dataset> {
  const started = performance.now()
  const shape = SCALES[scale]
  const years = Array.from({ length: shape.years }, (_, i) => LAST_YEAR - shape.years + 1 + i)
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  const passwordHash = await hashPassword(BENCH_PASSWORD)

  const db = openDatabase(file)
  await migrateDatabase(db)
  await addDefaultCatalog(db)
  // The bench logs in with the password alone, as the demo does.
  await securitySettings(db).setSecondFactorMode('off')
  const sql = db.$client
  // A throw-away file: no journal and no fsync while generating; the server reopens it in WAL mode.
  sql.pragma('journal_mode = OFF')
  sql.pragma('synchronous = OFF')

  const rng = prng(20260301)
  const insertRegion = sql.prepare('insert into regions (code, name, level, parent_id) values (?, ?, ?, ?) returning id')
  const insertBureau = sql.prepare(
    'insert into bureaus (region_id, code, name, short_name, type, has_enforcement) values (?, ?, ?, ?, ?, ?) returning id',
  )
  const insertCycle = sql.prepare('insert into cycles (year, due_date, publish_deadline, locked) values (?, ?, ?, ?)')
  const insertUser = sql.prepare('insert into users (username, display_name, password_hash, role) values (?, ?, ?, ?) returning id')
  const insertSubmission = sql.prepare(
    `insert into submissions (bureau_id, year, status, version, submitted_at, first_submitted_at, approved_at, approved_by, return_reason, published_url, published_at)
     values (?, ?, ?, 2, ?, ?, ?, ?, ?, ?, ?) returning id`,
  )
  const insertValue = sql.prepare(
    'insert into submission_values (submission_id, indicator_code, value, source, updated_by) values (?, ?, ?, ?, ?)',
  )
  const insertStudy = sql.prepare('insert into study_sessions (bureau_id, year, date, topic, form, participants) values (?, ?, ?, ?, ?, ?)')
  const insertReview = sql.prepare(
    'insert into legality_reviews (bureau_id, year, date, title, kind, reviewer, outcome) values (?, ?, ?, ?, ?, ?, ?)',
  )
  const insertPublicity = sql.prepare(
    'insert into publicity_events (bureau_id, year, date, title, form, audience, enterprises_covered) values (?, ?, ?, ?, ?, ?, ?)',
  )
  const insertItem = sql.prepare(
    `insert into rectification_items (bureau_id, year, source_year, problem, measure, owner, deadline, status, completed_at)
     values (?, ?, ?, ?, '制定专项整改方案，明确责任人和完成时限', '办公室', ?, ?, ?)`,
  )

  // Every year is scored under a scheme with rules in use: deductions per unit, per percentage point and per
  // case, a late-report deduction and an 优秀 quota (the registry's defaults otherwise).
  const RULES = JSON.stringify({
    'study.collective_sessions': { kind: 'perUnit', points: 0.3, cap: 1.2 },
    'disclosure.request_on_time_rate': { kind: 'perPercentPoint', points: 0.5 },
    'oversight.litigation_lost': { kind: 'perViolation', points: 1, cap: 3 },
  } satisfies Record<string, Rule>)
  const insertScheme = sql.prepare(
    `insert into schemes (year, categories, grades, excellent_quota, bonus_cap, late_deduction)
     values (?, ?, '[{"grade":"优秀","min":90},{"grade":"良好","min":80},{"grade":"合格","min":60}]', 0.3, 3, 0.5)`,
  )
  const insertSchemeIndicators = sql.prepare(
    `insert into scheme_indicators (year, indicator_code, category, name, unit, direction, target, weight, enforcement_only, rule, plausible_min, plausible_max, yoy_min_change, sort_order)
     select ?, code, category, name, unit, direction, default_target, default_weight, enforcement_only, coalesce(json_extract(?, '$."' || code || '"'), '{"kind":"attainment"}'),
            plausible_min, plausible_max, yoy_min_change, sort_order
       from indicators`,
  )
  function writeScheme(year: number) {
    insertScheme.run(year, JSON.stringify(CATEGORIES.map((c) => ({ code: c.code, name: c.name }))))
    insertSchemeIndicators.run(year, RULES)
  }

  const counts = { bureaus: 0, submissions: 0, values: 0, ledgerRows: 0, rectificationItems: 0 }
  const bureausByRegion = new Map<number, number[]>()
  const regionIds: number[] = []
  let provinceId = 0
  const inputs = CATALOG.filter((c) => c.kind !== 'derived')
  const ledgerFed = new Set<string>(LEDGER_INDICATORS)

  sql.transaction(() => {
    provinceId = (insertRegion.get('bench-province', '示例省', 'province', null) as { id: number }).id
    for (const year of years) insertCycle.run(year, `${year + 1}-03-01`, `${year + 1}-04-01`, year <= LAST_YEAR - 2 ? 1 : 0)
    for (const year of years) writeScheme(year)
    const officeId = (insertUser.get('office', '省依法治省办', passwordHash, 'office') as { id: number }).id
    insertUser.run('leader', '省领导（督察）', passwordHash, 'leader')

    for (let r = 1; r <= shape.regions; r++) {
      const county = `示例${pad(r)}县`
      const regionId = (insertRegion.get(`county-${r}`, county, 'county', provinceId) as { id: number }).id
      regionIds.push(regionId)
      const ids: number[] = []
      for (let k = 0; k < shape.bureausPerRegion; k++) {
        const type = BUREAU_TYPES[k % BUREAU_TYPES.length]
        const hasEnforcement = rng.chance(0.65)
        const id = (insertBureau.get(regionId, `c${r}-b${k + 1}`, `${county}${type}`, type, type, hasEnforcement ? 1 : 0) as { id: number }).id
        ids.push(id)
        counts.bureaus++
        const baseQuality = 0.35 + rng.next() * 0.55
        // Every region has a draft in the open year, for the benchmark's "save, then read" round.
        const draftInLastYear = k === 1
        for (const year of years) writeBureauYear(id, hasEnforcement, year, Math.min(1, baseQuality + 0.03 * (year - years[0])), draftInLastYear)
      }
      bureausByRegion.set(regionId, ids)
    }

    function writeBureauYear(bureauId: number, hasEnforcement: boolean, year: number, quality: number, draftInLastYear: boolean) {
      const n = (target: number) => Math.max(0, Math.round(target * (quality + (rng.next() - 0.5) * 0.5)))
      const study: { form: string; participants: number }[] = []
      for (let i = 0; i < n(4); i++) study.push({ form: '中心组学法', participants: rng.int(8, 15) })
      for (let i = 0; i < n(5); i++) study.push({ form: rng.pick(['集体学法', '会前学法', '专题讲座']), participants: rng.int(20, 60) })
      study.push({ form: rng.pick(['培训', '考试']), participants: n(12) })
      for (const s of study) insertStudy.run(bureauId, year, `${year}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`, rng.pick(STUDY_TOPICS), s.form, s.participants)

      const reviews: { kind: string }[] = []
      const review = (kind: string, howMany: number) => {
        for (let i = 0; i < howMany; i++) reviews.push({ kind })
      }
      review('规范性文件', rng.int(0, 3))
      review('重大行政决策', rng.int(0, 2))
      review('合同协议', n(3))
      if (hasEnforcement) review('重大执法决定', n(3))
      for (const [i, rv] of reviews.entries())
        insertReview.run(bureauId, year, `${year}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`, `${rv.kind}审查（${year}-${pad(i + 1)}）`, rv.kind, rng.pick(['法律顾问', '公职律师', '司法局', '法制机构']), rng.chance(0.8) ? '通过' : '修改后通过')

      const publicity: { audience: number; enterprisesCovered: number }[] = []
      for (let i = 0; i < n(8); i++) publicity.push({ audience: rng.int(10, 40), enterprisesCovered: rng.int(0, 12) })
      for (const p of publicity)
        insertPublicity.run(bureauId, year, `${year}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`, rng.pick(PUBLICITY_TITLES), rng.pick(['宣讲', '下乡', '宣传日', '新媒体', '培训']), p.audience, p.enterprisesCovered)
      counts.ledgerRows += study.length + reviews.length + publicity.length

      const plan = planSubmission(year, draftInLastYear)
      if (plan) {
        const submissionId = (
          insertSubmission.get(bureauId, year, plan.status, plan.submittedAt, plan.submittedAt, plan.approvedAt, plan.approvedAt ? officeId : null, plan.returnReason, plan.publishedAt ? `http://www.example.gov.cn/fzzf/${bureauId}/${year}.html` : null, plan.publishedAt) as { id: number }
        ).id
        counts.submissions++
        const rolled = rollupLedgers({ 'study-sessions': study, 'legality-reviews': reviews, 'publicity-events': publicity })
        const around = (target: number) => Math.max(0, Math.round(target * (quality + (rng.next() - 0.45) * 0.6)))
        const percent = () => Math.min(100, Math.round(100 * Math.min(1, quality + 0.1 + rng.next() * 0.2)))
        const yes = () => (rng.chance(Math.min(0.97, quality + 0.15)) ? 1 : 0)
        const fewCases = () => (rng.chance(quality) ? 0 : rng.int(1, 3))
        for (const ind of inputs) {
          if (ind.enforcementOnly && !hasEnforcement) continue
          if (plan.status === 'draft' && rng.chance(0.4)) continue
          let value: number
          if (ledgerFed.has(ind.code)) value = rolled[ind.code]
          else if (ind.code === 'review.normative_docs_issued') value = rolled['review.normative_docs_reviewed'] + (rng.chance(0.2) ? 1 : 0)
          else if (ind.code === 'review.major_decisions') value = rolled['review.major_decisions_reviewed'] + (rng.chance(0.15) ? 1 : 0)
          else if (ind.kind === 'boolean') value = yes()
          else if (ind.kind === 'percent') value = percent()
          else if (ind.direction === 'lower') value = fewCases()
          else value = around((ind.defaultTarget ?? 1) * 1.2)
          insertValue.run(submissionId, ind.code, value, ledgerFed.has(ind.code) ? 'ledger' : 'manual', officeId)
          counts.values++
        }
      }

      if (year > years[0]) {
        for (let i = rng.int(0, 3); i > 0; i--) {
          const deadline = rng.chance(0.5) ? `${year}-06-30` : `${year}-12-31`
          const doneChance = year < LAST_YEAR ? 0.85 : 0.5
          const status = rng.chance(doneChance) ? 'done' : rng.chance(0.6) ? 'in_progress' : 'not_started'
          insertItem.run(bureauId, year, year - 1, rng.pick(PROBLEMS), deadline, status, status === 'done' ? `${year}-${pad(rng.int(3, 11))}-${pad(rng.int(1, 28))}` : null)
          counts.rectificationItems++
        }
      }
    }

    function planSubmission(year: number, draftInLastYear: boolean) {
      const at = (month: string, day: number) => new Date(`${year + 1}-${month}-${pad(day)}T10:15:00+08:00`).toISOString()
      const publishedAt = rng.chance(0.8) ? `${year + 1}-03-${pad(rng.int(10, 31))}` : rng.chance(0.5) ? `${year + 1}-04-${pad(rng.int(5, 25))}` : null
      const submittedAt = rng.chance(0.1) ? at('03', rng.int(4, 20)) : at('02', rng.int(5, 27))
      const approvedAt = at('03', rng.int(21, 28))
      const roll = rng.next()
      const base = { submittedAt, approvedAt: null as string | null, returnReason: null as string | null, publishedAt }
      if (year === LAST_YEAR) {
        if (draftInLastYear) return { ...base, status: 'draft', submittedAt: null, publishedAt: null }
        if (roll < 0.04) return null
        if (roll < 0.08) return { ...base, status: 'draft', submittedAt: null, publishedAt: null }
        if (roll < 0.11) return { ...base, status: 'returned', returnReason: '数据与台账不一致，请核实后重新上报', publishedAt: null }
        if (roll < 0.5) return { ...base, status: 'submitted' }
        return { ...base, status: 'approved', approvedAt }
      }
      if (roll < 0.01) return null
      return { ...base, status: 'approved', approvedAt }
    }
  })()

  const rebuildStarted = performance.now()
  const rebuilt = await scoreStore(db).rebuild()
  const rebuild = { rows: rebuilt, ms: performance.now() - rebuildStarted }

  // No ANALYZE: a production database is never analysed either, so the plans measured are the ones it gets.
  sql.pragma('journal_mode = DELETE')
  sql.close()
  return { file, scale, years, provinceId, regionIds, bureausByRegion, counts, generateMs: rebuildStarted - started, rebuild }
}
