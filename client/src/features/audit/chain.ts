import type { AuditChain } from '@fazhi/shared'

export interface ChainSummary {
  type: 'success' | 'warning' | 'error'
  title: string
  /** Every broken row listed, then what else the auditor must know, one line each. */
  notes: string[]
}

/** What the auditor reads of the hash chain's state (`GET /api/audit/chain`). */
export function chainSummary(chain: AuditChain): ChainSummary {
  const notes = chain.brokenRows.map((row) => `#${row.id}：${row.reason}`)
  const unlisted = chain.brokenCount - chain.brokenRows.length
  if (unlisted > 0) notes.push(`另有 ${unlisted} 行不符，未逐一列出（npm run audit:verify 同样列出前 ${chain.brokenRows.length} 行）`)
  if (chain.missingTriggers.length) notes.push(`防篡改触发器缺失：${chain.missingTriggers.join('、')}，数据库文件被改动过`)
  if (!chain.keyed) notes.push('未设置 AUDIT_HMAC_KEY：能改动数据库文件的人可以重算整条哈希链，请设置密钥并存放在数据目录和备份之外')
  if (chain.broken) return { type: 'error', title: `审计日志自第 ${chain.broken.id} 行起被篡改，共 ${chain.brokenCount} 行不符`, notes }
  const title = chain.rows === 0 ? '审计日志为空' : `审计日志完整：已校验全部 ${chain.rows} 行`
  return { type: notes.length ? 'warning' : 'success', title, notes }
}

/** A hash short enough to read aloud and compare: its first 12 and last 6 digits. */
export const shortHash = (hash: string) => (hash.length > 20 ? `${hash.slice(0, 12)}…${hash.slice(-6)}` : hash)
