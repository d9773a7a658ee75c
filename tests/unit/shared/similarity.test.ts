import { describe, expect, it } from 'vitest'
import { findRepeated, problemSimilarity, REPEATED_PROBLEM_THRESHOLD } from '../../../shared/src/similarity'

const DIFFERENT = [
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

const REWORDED: [string, string][] = [
  [DIFFERENT[0], '普法宣传形式较为单一，内容创新不足，针对性和实效性不强'],
  [DIFFERENT[1], '执法人员业务素质参差不齐，培训不够系统'],
  [DIFFERENT[2], '规范性文件合法性审查记录不完整，审查机制尚不健全'],
  [DIFFERENT[4], '领导干部学法用法尚未形成常态化机制'],
  [DIFFERENT[0], '一是法治宣传教育形式和内容有待创新。'],
]

describe('problem similarity', () => {
  it('is 1 for the same text and symmetric', () => {
    expect(problemSimilarity(DIFFERENT[3], DIFFERENT[3])).toBe(1)
    expect(problemSimilarity(DIFFERENT[0], REWORDED[0][1])).toBeCloseTo(problemSimilarity(REWORDED[0][1], DIFFERENT[0]), 10)
  })

  it.each(REWORDED)('flags a rewording of the same problem: %s / %s', (a, b) => {
    expect(problemSimilarity(a, b)).toBeGreaterThanOrEqual(REPEATED_PROBLEM_THRESHOLD)
  })

  it('keeps different problems of one county apart', () => {
    for (let i = 0; i < DIFFERENT.length; i++)
      for (let j = i + 1; j < DIFFERENT.length; j++) expect(problemSimilarity(DIFFERENT[i], DIFFERENT[j])).toBeLessThan(REPEATED_PROBLEM_THRESHOLD)
  })

  it('ignores numbering and filler, so "一是…" matches the bare statement', () => {
    expect(problemSimilarity('一是执法人员培训不够系统。', '执法人员培训系统性不足')).toBeGreaterThan(0.6)
  })

  it('compares a long report paragraph by its opening sentence', () => {
    const paragraph =
      '法治宣传教育的形式和内容还需进一步创新，普法宣传形式有待丰富。在日常普法工作中，存在规定动作到位，但是质量意识、效果意识不强的现象，普法宣传教育的广度深度不够。'
    expect(problemSimilarity(paragraph, '法治宣传教育形式和内容创新不够，针对性和实效性不强')).toBeGreaterThanOrEqual(REPEATED_PROBLEM_THRESHOLD)
    expect(problemSimilarity(paragraph, '行政决策的制度建设还需进一步完善，依法行政意识有待提高')).toBeLessThan(REPEATED_PROBLEM_THRESHOLD)
  })

  it('finds the closest earlier problem, or none', () => {
    expect(findRepeated(REWORDED[2][1], DIFFERENT)).toEqual({ text: DIFFERENT[2], similarity: expect.any(Number) })
    expect(findRepeated('机关食堂卫生管理需加强', DIFFERENT)).toBeNull()
    expect(findRepeated('', DIFFERENT)).toBeNull()
  })
})
