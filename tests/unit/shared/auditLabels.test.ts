import { AUDIT_ACTION_LABELS, AUDIT_FAMILY_LABELS, auditActionLabel, type AuditAction, SUBMISSION_EVENT_ACTIONS } from '@fazhi/shared'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { AuditEntry } from '../../../server/src/db/transaction'

const SERVER = path.resolve(__dirname, '../../../server/src')

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [fs.readFileSync(full, 'utf8')] : []
  })
}

/**
 * Every action the server writes, read from its source: `action: 'x'`, `action: cond ? 'x' : 'y'`,
 * `action: \`submission.${event.action}\`` (each submission event), and the literals handed to a
 * parameter typed `AuditAction` (the compiler checks those too: `AuditEntry.action` is that type).
 */
function writtenActions(): Set<string> {
  const found = new Set<string>()
  for (const text of sources(SERVER)) {
    // An audit entry opens with its action: `audit({ action: …`, `securityEvent(db, req, { action: …`, errors.ts' `return { action: …`.
    for (const m of text.matchAll(/(?:audit\(\{|securityEvent\([^{]*\{|return \{)\s*action: ([^\n]*)/g)) {
      const expr = m[1].split(/, \w+[:,]/)[0]
      for (const q of expr.matchAll(/'([a-zA-Z.-]+)'/g)) found.add(q[1])
      if (expr.includes('`submission.${event.action}`')) for (const a of SUBMISSION_EVENT_ACTIONS) found.add(`submission.${a}`)
    }
    for (const m of text.matchAll(/(?:replace\(audit|writePlanned\([^)]*?|attempts\.check\(actor, \w+(?:\.\w+)?), '([a-zA-Z.-]+)'/g)) found.add(m[1])
  }
  return found
}

describe('audit action labels', () => {
  it('label every action the server writes', () => {
    const written = writtenActions()
    // The scan finds the actions of every kind of call, so an empty or tiny set means it broke.
    for (const known of ['login', 'submission.save', 'submission.approve', 'submission.publish', 'cycle.lock', 'scheme.copy', 'submission.excel', 'totp.enrol', 'rate-limited', 'upload.refused'])
      expect(written).toContain(known)
    const unlabelled = [...written].filter((a) => !(a in AUDIT_ACTION_LABELS))
    expect(unlabelled).toEqual([])
  })

  it('are the only actions an audit entry takes (checked by the compiler: tsc -p tests)', () => {
    expectTypeOf<AuditEntry['action']>().toEqualTypeOf<AuditAction>()
  })

  it('read in Chinese, families included; an unknown code shows as itself', () => {
    for (const label of [...Object.values(AUDIT_ACTION_LABELS), ...Object.values(AUDIT_FAMILY_LABELS)]) expect(label).toMatch(/[\u4e00-\u9fff]/)
    expect(auditActionLabel('submission.save')).toBe('保存填报')
    expect(auditActionLabel('rectification')).toBe('整改事项')
    expect(auditActionLabel('legacy.action')).toBe('legacy.action')
  })
})
