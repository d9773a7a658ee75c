import type { Bureau } from '@fazhi/shared'
import type { Db } from '../../db/client'
import { notFound } from '../../errors'
import { type BureausRepository, bureausRepository } from './repository'

/** The county's departments: every feature reads them through this service. */
export function bureausService(repo: BureausRepository) {
  return {
    listBureaus: async (opts: { activeOnly?: boolean } = {}): Promise<Bureau[]> => repo.list(opts),

    /** The bureau, active or not, or undefined. */
    getBureau: async (id: number): Promise<Bureau | undefined> => repo.find(id),

    /** The bureau of this code, or undefined. */
    findByCode: async (code: string): Promise<Bureau | undefined> => repo.findByCode(code),

    /** The bureau's evidence storage quota in MB (存储配额); null: the county default. */
    fileQuotaMb: async (id: number): Promise<number | null> => repo.fileQuotaMb(id),

    /** The bureau, active or not; an unknown id is 404. */
    async requireBureau(id: number): Promise<Bureau> {
      const bureau = await repo.find(id)
      if (!bureau) throw notFound('单位不存在')
      return bureau
    },
  }
}
export type BureausService = ReturnType<typeof bureausService>

/** The bureaus service over one database, as the other features use it. */
export const bureausOn = (db: Db) => bureausService(bureausRepository(db))
