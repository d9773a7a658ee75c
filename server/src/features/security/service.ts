import { can, lowersSecondFactor, type SecuritySettings as SecuritySettingsBody, type User } from '@fazhi/shared'
import type { AuditedTransaction } from '../../db/transaction'
import { forbidden } from '../../errors'
import type { Actor } from '../../lib/actor'
import type { AuthService } from '../auth/service'
import type { SecuritySettings } from './settings'

/** The county's security settings as the office and the 安全保密管理员 read and change them. */
export function securityService(settings: SecuritySettings, transaction: AuditedTransaction, auth: Pick<AuthService, 'endSessionsWithoutFactor'>) {
  const current = async (): Promise<SecuritySettingsBody> => ({ secondFactor: await settings.secondFactorMode() })
  return {
    current,
    /**
     * Changes the setting. Only the 安全保密管理员 may lower the requirement. A stricter one ends at
     * once the sessions of the accounts it now asks for a factor they lack (the caller's own too):
     * they log in again and set it up. The audit row says how many sessions ended.
     */
    async update(actor: Actor<User>, body: SecuritySettingsBody): Promise<SecuritySettingsBody> {
      return await transaction(actor, async (audit) => {
        const before = await current()
        if (lowersSecondFactor(before.secondFactor, body.secondFactor) && !can(actor.user, 'lowerSecondFactor'))
          throw forbidden('只有安全保密管理员可以降低双因素认证要求；依法治县办只能提高要求')
        await settings.setSecondFactorMode(body.secondFactor)
        const endedSessions = await auth.endSessionsWithoutFactor(body.secondFactor)
        await audit({ action: 'security.settings', objectType: 'settings', objectId: 'security', before, after: { ...body, ...(endedSessions > 0 && { endedSessions }) } })
        return await current()
      })
    },
  }
}
