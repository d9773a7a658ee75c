import type { SecuritySettings as SecuritySettingsBody, User } from '@fazhi/shared'
import type { AuditedTransaction } from '../../db/transaction'
import type { Actor } from '../../lib/actor'
import type { SecuritySettings } from './settings'

/** The county's security settings as the office and the 安全保密管理员 read and change them. */
export function securityService(settings: SecuritySettings, transaction: AuditedTransaction) {
  const current = (): SecuritySettingsBody => ({ secondFactor: settings.secondFactorMode() })
  return {
    current,
    update(actor: Actor<User>, body: SecuritySettingsBody): SecuritySettingsBody {
      return transaction(actor, (audit) => {
        const before = current()
        settings.setSecondFactorMode(body.secondFactor)
        audit({ action: 'security.settings', objectType: 'settings', objectId: 'security', before, after: body })
        return current()
      })
    },
  }
}
