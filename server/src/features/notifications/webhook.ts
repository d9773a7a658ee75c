import { createHmac } from 'node:crypto'
import type { Transport } from './delivery'
import type { ChannelSettingsStore } from './settings'

/** The header carrying `sha256=<hex>`, the HMAC-SHA256 of the body under the office's secret. */
export const SIGNATURE_HEADER = 'x-fazhi-signature'
const TIMEOUT_MS = 10_000

export const signatureOf = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`

/**
 * POSTs the message as JSON `{ kind, title, body, link, mobile, sentAt }` to the office's address (an
 * SMS gateway, a 政务钉钉/企业微信 robot behind a relay). A 2xx answer is delivered; another status,
 * a network error or no answer within 10 s throws.
 */
export function webhookTransport(settings: Pick<ChannelSettingsStore, 'read'>, clock: () => Date): Transport {
  return async (message) => {
    const { webhook } = await settings.read()
    if (!webhook.url) throw new Error('未配置 Webhook 地址')
    const body = JSON.stringify({
      kind: message.kind,
      title: message.title,
      body: message.body,
      link: message.url ?? message.link,
      mobile: message.address,
      sentAt: clock().toISOString(),
    })
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
    if (webhook.secret) headers[SIGNATURE_HEADER] = signatureOf(webhook.secret, body)
    const res = await fetch(webhook.url, { method: 'POST', headers, body, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) })
    // Read (and bound) the answer so the connection is released.
    const answer = (await res.text().catch(() => '')).slice(0, 200)
    if (!res.ok) throw new Error(`HTTP ${res.status}${answer ? `: ${answer}` : ''}`)
  }
}
