import { REGION_LEVELS, type Region, type RegionBody } from '@fazhi/shared'
import type { Db } from '../../db/client'
import { type AuditedTransaction, auditedTransaction } from '../../db/transaction'
import { badRequest, conflict } from '../../errors'
import type { Actor } from '../../lib/actor'
import { type RegionsRepository, regionsRepository } from './repository'

/**
 * The regions the office oversees, as a tree (parentId). A region is only ever added under one that
 * exists, so the tree can hold no cycle; its level lies below its parent's.
 */
export function regionsService(deps: { repo: RegionsRepository; transaction: AuditedTransaction }) {
  const { repo, transaction } = deps
  return {
    listRegions: async (): Promise<Region[]> => repo.list(),
    findRegion: async (id: number): Promise<Region | undefined> => repo.find(id),

    async create(actor: Actor, body: RegionBody): Promise<Region> {
      return await transaction(actor, async (audit) => {
        if (await repo.findByCode(body.code)) throw conflict(`地区编码 ${body.code} 已存在`)
        const parentId = body.parentId ?? null
        if (parentId !== null) {
          const parent = await repo.find(parentId)
          if (!parent) throw badRequest('上级地区不存在')
          if (REGION_LEVELS.indexOf(body.level) <= REGION_LEVELS.indexOf(parent.level)) throw badRequest(`下级地区的级别应低于上级地区（${parent.name}）`)
        }
        const after = await repo.insert({ code: body.code, name: body.name, level: body.level, parentId })
        await audit({ action: 'region.create', objectType: 'region', objectId: after.id, after })
        return after
      })
    },
  }
}
export type RegionsService = ReturnType<typeof regionsService>

export const regionsOn = (db: Db) => regionsService({ repo: regionsRepository(db), transaction: auditedTransaction(db) })
