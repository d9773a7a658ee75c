import type { Region } from '@fazhi/shared'
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { regions } from '../../db/schema'

const columns = { id: regions.id, code: regions.code, name: regions.name, level: regions.level, parentId: regions.parentId }

export function regionsRepository(db: Db) {
  return {
    async list(): Promise<Region[]> {
      return await db.select(columns).from(regions).orderBy(asc(regions.id))
    },
    async find(id: number): Promise<Region | undefined> {
      return (await db.select(columns).from(regions).where(eq(regions.id, id)).limit(1))[0]
    },
    async findByCode(code: string): Promise<Region | undefined> {
      return (await db.select(columns).from(regions).where(eq(regions.code, code)).limit(1))[0]
    },
    async insert(row: Omit<Region, 'id'>): Promise<Region> {
      return (await db.insert(regions).values(row).returning(columns))[0]
    },
  }
}
export type RegionsRepository = ReturnType<typeof regionsRepository>
