import { SECOND_FACTOR_MODES, type SecondFactorMode } from '@fazhi/shared'
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appSettings } from '../../db/schema'

const SECOND_FACTOR = 'secondFactor'

/**
 * The county's security settings in `app_settings`. The second factor's mode is `privileged` (office
 * and the three administrators) unless set: a database created without the demo starts with it on.
 * Writes go through the caller's audited transaction.
 */
export function securitySettings(db: Db) {
  return {
    async secondFactorMode(): Promise<SecondFactorMode> {
      const row = (await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, SECOND_FACTOR)).limit(1))[0]
      return SECOND_FACTOR_MODES.find((m) => m === row?.value) ?? 'privileged'
    },
    async setSecondFactorMode(mode: SecondFactorMode): Promise<void> {
      const at = new Date().toISOString()
      await db.insert(appSettings)
        .values({ key: SECOND_FACTOR, value: mode, updatedAt: at })
        .onConflictDoUpdate({ target: appSettings.key, set: { value: mode, updatedAt: at } })
    },
  }
}
export type SecuritySettings = ReturnType<typeof securitySettings>
