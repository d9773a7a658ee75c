import path from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/client'
import { backupDatabase, backupFileName, pruneBackups } from '../../db/backup'

const DAY_MS = 86_400_000
const BACKUP_HOUR = 2

/** Backs the database and its evidence files up every night at 02:00 (server time) into `dir`, keeping the newest `keep` files. */
export function scheduleNightlyBackup(db: Db, dir: string, keep: number, log: FastifyBaseLogger): () => void {
  const run = async () => {
    const file = path.join(dir, backupFileName(new Date()))
    try {
      const { files } = await backupDatabase(db.$client, file)
      const removed = pruneBackups(dir, keep)
      log.info({ file, evidenceFiles: files, removed }, 'nightly backup done')
    } catch (err) {
      log.error({ err, file }, 'nightly backup failed')
    }
  }
  const next = new Date()
  next.setHours(BACKUP_HOUR, 0, 0, 0)
  if (next.getTime() <= Date.now()) next.setTime(next.getTime() + DAY_MS)
  let interval: NodeJS.Timeout | undefined
  const first = setTimeout(() => {
    void run()
    interval = setInterval(() => void run(), DAY_MS)
  }, next.getTime() - Date.now())
  return () => {
    clearTimeout(first)
    clearInterval(interval)
  }
}
