import { DELIVERY_CHANNELS, type DeliveryChannel } from '@fazhi/shared'
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appSettings } from '../../db/schema'

const KEY = 'notifications.channels'

/**
 * The county's outbound channels in `app_settings`: whether each is on. Off by default: nothing
 * leaves the machine until the office configures a channel. Writes go through the caller's audited
 * transaction.
 */
export function channelSwitches(db: Db) {
  return {
    enabled(): Record<DeliveryChannel, boolean> {
      const row = db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, KEY)).get()
      const stored = (row?.value ?? {}) as Partial<Record<DeliveryChannel, boolean>>
      return Object.fromEntries(DELIVERY_CHANNELS.map((c) => [c, stored[c] === true])) as Record<DeliveryChannel, boolean>
    },
    set(value: Record<DeliveryChannel, boolean>): void {
      const at = new Date().toISOString()
      db.insert(appSettings).values({ key: KEY, value, updatedAt: at }).onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: at } }).run()
    },
  }
}
export type ChannelSwitches = ReturnType<typeof channelSwitches>
