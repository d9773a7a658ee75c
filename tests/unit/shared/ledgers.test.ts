import { CATALOG_BY_CODE, LEDGER_INDICATORS, LEDGER_SCHEMAS, LEDGER_TYPES, LEDGERS, rollupLedgers } from '@fazhi/shared'
import { describe, expect, it } from 'vitest'

describe('rollupLedgers', () => {
  it('turns itemised 台账 entries into indicator values', () => {
    const out = rollupLedgers({
      'study-sessions': [
        { form: '中心组学法', participants: 10 },
        { form: '中心组学法', participants: 12 },
        { form: '集体学法', participants: 30 },
        { form: '会前学法', participants: 20 },
        { form: '专题讲座', participants: 50 },
        { form: '培训', participants: 15 },
        { form: '考试', participants: 25 },
      ],
      'legality-reviews': [
        { kind: '规范性文件' },
        { kind: '规范性文件' },
        { kind: '重大行政决策' },
        { kind: '合同协议' },
        { kind: '合同协议' },
        { kind: '合同协议' },
        { kind: '重大执法决定' },
      ],
      'publicity-events': [
        { audience: 10, enterprisesCovered: 1 },
        { audience: 20, enterprisesCovered: 2 },
        { audience: 30, enterprisesCovered: 3 },
      ],
    })
    expect(out).toEqual({
      'study.center_group_sessions': 2,
      // 集体学法, 会前学法 and 专题讲座 are collective study sessions
      'study.collective_sessions': 3,
      // person-times at trainings and exams only: 15 + 25
      'study.training_person_times': 40,
      'review.normative_docs_reviewed': 2,
      'review.major_decisions_reviewed': 1,
      'review.contracts_reviewed': 3,
      'enforcement.legal_reviews': 1,
      'publicity.events': 3,
      // audience plus enterprises: 60 + 6
      'publicity.people_reached': 66,
    })
  })

  it('gives 0 for every ledger indicator when the ledgers are empty', () => {
    const out = rollupLedgers({ 'study-sessions': [], 'legality-reviews': [], 'publicity-events': [] })
    expect(Object.keys(out).sort()).toEqual([...LEDGER_INDICATORS].sort())
    for (const code of LEDGER_INDICATORS) expect(out[code], code).toBe(0)
  })

  it('counts a kind that is left out as having no entries', () => {
    expect(rollupLedgers({ 'publicity-events': [{ audience: 5, enterprisesCovered: 1 }] })).toMatchObject({
      'study.center_group_sessions': 0,
      'review.contracts_reviewed': 0,
      'publicity.events': 1,
      'publicity.people_reached': 6,
    })
  })

  it('ignores entries of an unknown form or kind instead of miscounting them', () => {
    const out = rollupLedgers({
      'study-sessions': [{ form: '自学', participants: 99 }],
      'legality-reviews': [{ kind: '其他' }],
      'publicity-events': [],
    })
    expect(Object.values(out).every((n) => n === 0)).toBe(true)
  })

  it('fills only catalog indicators, none of them derived', () => {
    for (const code of LEDGER_INDICATORS) {
      const ind = CATALOG_BY_CODE.get(code)
      expect(ind, code).toBeDefined()
      expect(ind!.kind, code).not.toBe('derived')
    }
  })
})

describe('ledger definitions', () => {
  it('derive each kind’s request schema: options are enforced, text is required and trimmed, counts are whole', () => {
    const { create } = LEDGER_SCHEMAS['study-sessions']
    const body = { date: '2026-03-02', topic: ' 宪法 ', form: '中心组学法', participants: 12, year: 2026 }
    expect(create.parse(body)).toMatchObject({ topic: '宪法', form: '中心组学法' })
    expect(create.safeParse({ ...body, form: '自学' }).success).toBe(false)
    expect(create.safeParse({ ...body, participants: 1.5 }).success).toBe(false)
    expect(create.safeParse({ ...body, topic: '  ' }).error?.issues[0].message).toBe('请填写学习主题')
    expect(create.safeParse({ ...body, date: '2026-02-30' }).success).toBe(false)
  })

  it('derive each kind’s row schema with the stored columns', () => {
    for (const type of LEDGER_TYPES) {
      const keys = Object.keys(LEDGER_SCHEMAS[type].row.shape)
      expect(keys, type).toEqual(['id', 'bureauId', 'year', 'date', 'version', 'createdAt', ...Object.keys(LEDGERS[type].fields)])
    }
  })

  it('gives each ledger-fed indicator to exactly one kind', () => {
    const all = new Set<string>()
    for (const type of LEDGER_TYPES) {
      for (const code of LEDGERS[type].indicators) {
        expect(all.has(code), code).toBe(false)
        all.add(code)
      }
    }
    expect([...all].sort()).toEqual([...LEDGER_INDICATORS].sort())
  })
})
