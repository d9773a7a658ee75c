import path from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import type { Db } from '../../db/client'
import { backupFileName, backupOf, pruneBackups } from '../../db/backup'
import { runUnlessRunning } from '../../db/job-lock'

const DAY_MS = 86_400_000
const BACKUP_HOUR = 2

/**
 * Backs the database and its evidence files up every night at 02:00 (server time) into `dir`, keeping
 * the newest `keep` backups. With several app servers on one PostgreSQL database, the one that takes
 * the backup's lock first backs up; the others skip that night's run.
 */
export function scheduleNightlyBackup(db: Db, dir: string, keep: number, log: FastifyBaseLogger): () => void {
  const run = async () => {
    const file = path.join(dir, backupFileName(new Date(), db.connection.dialect))
    try {
      const outcome = await runUnlessRunning(db, 'backup', async () => {
        const { files } = await backupOf(db, file)
        return { files, removed: pruneBackups(dir, keep) }
      })
      if (outcome.ran) log.info({ file, evidenceFiles: outcome.result.files, removed: outcome.result.removed }, 'nightly backup done')
      else log.info('nightly backup skipped: another app server is running it')
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
