import { type ChannelSettings, type ChannelSettingsBody, DELIVERY_CHANNELS, type DeliveryChannel } from '@fazhi/shared'
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appSettings } from '../../db/schema'

const KEY = 'notifications.channels'

/** The channels as stored, secrets included: only the transports and this file see the secrets. */
export interface ChannelConfig {
  email: { enabled: boolean; host: string; port: number; secure: boolean; username: string; password: string; from: string }
  webhook: { enabled: boolean; url: string; secret: string }
}

const DEFAULTS: ChannelConfig = {
  email: { enabled: false, host: '', port: 587, secure: false, username: '', password: '', from: '' },
  webhook: { enabled: false, url: '', secret: '' },
}

/** A stored value is either the configuration or (as first written) the bare switches `{ email: true }`. */
function configOf(stored: unknown): ChannelConfig {
  const value = (stored ?? {}) as Record<DeliveryChannel, unknown>
  const part = <C extends DeliveryChannel>(channel: C): ChannelConfig[C] => {
    const v = value[channel]
    if (typeof v === 'boolean') return { ...DEFAULTS[channel], enabled: v }
    return { ...DEFAULTS[channel], ...(typeof v === 'object' && v ? v : {}) }
  }
  return { email: part('email'), webhook: part('webhook') }
}

/**
 * The county's outbound channels in `app_settings`: whether each is on, and how to reach it (the SMTP
 * server and its account, the webhook's address and signing secret). Off by default: nothing leaves
 * the machine until the office configures a channel. Writes go through the caller's audited transaction.
 */
export function channelSettings(db: Db) {
  const read = async (): Promise<ChannelConfig> => configOf(((await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, KEY)).limit(1))[0])?.value)
  const write = async (value: ChannelConfig): Promise<void> => {
    const at = new Date().toISOString()
    await db.insert(appSettings).values({ key: KEY, value, updatedAt: at }).onConflictDoUpdate({ target: appSettings.key, set: { value, updatedAt: at } })
  }
  return {
    read,
    /** What the office reads: the secrets only as whether they are set. */
    async current(): Promise<ChannelSettings> {
      const { email, webhook } = await read()
      const { password, ...emailRest } = email
      const { secret, ...webhookRest } = webhook
      return { email: { ...emailRest, passwordSet: password !== '' }, webhook: { ...webhookRest, secretSet: secret !== '' } }
    },
    /** Stores the office's form: an empty password or secret keeps the stored one, null removes it. */
    async update(body: ChannelSettingsBody): Promise<void> {
      const stored = await read()
      const kept = (sent: string | null, old: string) => (sent === null ? '' : sent === '' ? old : sent)
      await write({
        email: { ...body.email, password: kept(body.email.password, stored.email.password) },
        webhook: { ...body.webhook, secret: kept(body.webhook.secret, stored.webhook.secret) },
      })
    },
    async enabled(): Promise<Record<DeliveryChannel, boolean>> {
      const config = await read()
      return Object.fromEntries(DELIVERY_CHANNELS.map((c) => [c, config[c].enabled])) as Record<DeliveryChannel, boolean>
    },
    /** Switches channels on or off, keeping how to reach them. */
    async set(value: Record<DeliveryChannel, boolean>): Promise<void> {
      const config = await read()
      await write({ email: { ...config.email, enabled: value.email }, webhook: { ...config.webhook, enabled: value.webhook } })
    },
  }
}
export type ChannelSettingsStore = ReturnType<typeof channelSettings>

/** The on/off switches `notify` asks (one store: `channelSettings`). */
export const channelSwitches = (db: Db): Pick<ChannelSettingsStore, 'enabled' | 'set'> => channelSettings(db)
export type ChannelSwitches = ReturnType<typeof channelSwitches>
