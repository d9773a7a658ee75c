import { CATEGORIES, DEFAULT_GRADES, type GradeThreshold, type Rule } from '@fazhi/shared'
import type { TestSql } from './databases'

export interface TestSchemeSettings {
  grades?: readonly GradeThreshold[]
  excellentQuota?: number | null
  bonusCap?: number
  lateDeduction?: number
}

/**
 * Gives `year` a scheme of its own, written in SQL as the office's saved scheme would be: the settings
 * given (the defaults otherwise) and every registered indicator with its default target and points,
 * scored by attainment. Whatever scheme the year had (the demo seed's, say) is replaced, so a test
 * knows every rule in force. The schemes HTTP API is tested with the schemes feature.
 */
export async function writeScheme(client: TestSql, year: number, settings: TestSchemeSettings = {}): Promise<void> {
  await client.transaction(async () => {
    await client.run('DELETE FROM scheme_indicators WHERE year = ?', [year])
    await client.run('DELETE FROM schemes WHERE year = ?', [year])
    await client.run('INSERT INTO schemes (year, categories, grades, excellent_quota, bonus_cap, late_deduction) VALUES (?, ?, ?, ?, ?, ?)', [year, JSON.stringify(CATEGORIES.map((c) => ({ code: c.code, name: c.name }))), JSON.stringify(settings.grades ?? DEFAULT_GRADES), settings.excellentQuota ?? null, settings.bonusCap ?? 0, settings.lateDeduction ?? 0])
    await client.run(`INSERT INTO scheme_indicators (year, indicator_code, category, name, unit, direction, target, weight, enforcement_only,
                                        plausible_min, plausible_max, yoy_min_change, sort_order)
         SELECT ?, code, category, name, unit, direction, default_target, default_weight, enforcement_only,
                plausible_min, plausible_max, yoy_min_change, sort_order
           FROM indicators`, [year])
  })
}

export interface SchemeIndicatorChange {
  rule?: Rule
  target?: number | null
  weight?: number
  direction?: 'higher' | 'lower' | null
  appliesTo?: readonly string[] | null
}

/** Changes one indicator of `year`'s scheme (written by `writeScheme`). */
export async function setSchemeIndicator(client: TestSql, year: number, code: string, change: SchemeIndicatorChange): Promise<void> {
  const columns: Record<string, unknown> = {}
  if (change.rule !== undefined) columns.rule = JSON.stringify(change.rule)
  if (change.target !== undefined) columns.target = change.target
  if (change.weight !== undefined) columns.weight = change.weight
  if (change.direction !== undefined) columns.direction = change.direction
  if (change.appliesTo !== undefined) columns.applies_to = change.appliesTo === null ? null : JSON.stringify(change.appliesTo)
  const set = Object.keys(columns).map((c) => `${c} = ?`).join(', ')
  const changed = await client.all(`UPDATE scheme_indicators SET ${set} WHERE year = ? AND indicator_code = ? RETURNING indicator_code`, [...Object.values(columns), year, code])
  if (changed.length !== 1) throw new Error(`no scheme indicator ${code} in ${year}`)
}
