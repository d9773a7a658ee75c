import nodemailer from 'nodemailer'
import type { Outbound, Transport } from './delivery'
import type { ChannelSettingsStore } from './settings'

const SIGNATURE = '此邮件由法治督察看板自动发送，请勿直接回复。'

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The message as an e-mail: a Chinese subject, a text body and a simple HTML one, with the page's absolute address when known. */
export function emailOf(message: Outbound, from: string) {
  const link = message.url
  const text = [message.body, ...(link ? [`查看详情：${link}`] : []), SIGNATURE].join('\n\n')
  const html = [
    `<p>${escapeHtml(message.body).replace(/\n/g, '<br>')}</p>`,
    ...(link ? [`<p><a href="${escapeHtml(link)}">查看详情</a></p>`] : []),
    `<p style="color:#888">${SIGNATURE}</p>`,
  ].join('\n')
  // Base64 keeps Chinese text compact and unambiguous on the wire; nodemailer declares UTF-8.
  return { from, to: message.address ?? '', subject: `【法治督察】${message.title}`, text, html, textEncoding: 'base64' as const }
}

/**
 * Sends over SMTP with the office's settings as they are at the moment of sending (nodemailer). A
 * refusal, a timeout or a missing setting throws: the delivery worker records it and retries.
 */
export function emailTransport(settings: Pick<ChannelSettingsStore, 'read'>): Transport {
  return async (message) => {
    const { email } = await settings.read()
    if (!email.host || !email.from) throw new Error('未配置 SMTP 服务器或发件地址')
    if (!message.address) throw new Error('收件人没有登记邮箱地址')
    const transporter = nodemailer.createTransport({
      host: email.host,
      port: email.port,
      secure: email.secure,
      auth: email.username ? { user: email.username, pass: email.password } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    })
    try {
      await transporter.sendMail(emailOf(message, email.from))
    } finally {
      transporter.close()
    }
  }
}
