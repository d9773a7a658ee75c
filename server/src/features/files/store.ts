import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Db } from '../../db/client'
import { loadConfig } from '../../config'

/**
 * The evidence files' bytes, content-addressed: `<files dir>/<sha256[0..2]>/<sha256>`, the files dir
 * sitting beside the database (`data/app.db` → `data/app-files/`). The same bytes uploaded twice are
 * stored once; rows in `evidence_files` name them by hash.
 */
export const filesDirOf = (dbPath: string) => path.join(path.dirname(dbPath), `${path.basename(dbPath, path.extname(dbPath))}-files`)

/** The evidence folder of a database: beside a SQLite file; FILES_DIR, shared by every app server, with PostgreSQL. */
export const evidenceDirOf = (db: Db) => (db.connection.dialect === 'sqlite' ? filesDirOf(db.$client.name) : loadConfig().filesDir)

export const sha256Of = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex')

export const blobPathOf = (dir: string, sha256: string) => path.join(dir, sha256.slice(0, 2), sha256)

/** Stores bytes under their hash (written to a temporary name first, so a crash never leaves half a file under a hash). */
export function putBlob(dir: string, data: Buffer): string {
  const sha256 = sha256Of(data)
  const file = blobPathOf(dir, sha256)
  if (fs.existsSync(file)) return sha256
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.${crypto.randomUUID()}.tmp`
  fs.writeFileSync(tmp, data)
  fs.renameSync(tmp, file)
  return sha256
}

export type BlobState = 'ok' | 'missing' | 'corrupt'

/** Whether bytes read for a hash (from the files dir or a backup) are there and still hash to it. */
export const blobStateOf = (data: Buffer | null | undefined, sha256: string): BlobState => (!data ? 'missing' : sha256Of(data) === sha256 ? 'ok' : 'corrupt')

/** The stored bytes of a hash, read asynchronously (a backup in the server must not stall it); null when missing. */
export async function readBlob(dir: string, sha256: string): Promise<Buffer | null> {
  return fs.promises.readFile(blobPathOf(dir, sha256)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null
    throw err
  })
}

export function removeBlob(dir: string, sha256: string): void {
  fs.rmSync(blobPathOf(dir, sha256), { force: true })
}
