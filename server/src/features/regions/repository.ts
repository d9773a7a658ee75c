import type { Region } from '@fazhi/shared'
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { regions } from '../../db/schema'

const columns = { id: regions.id, code: regions.code, name: regions.name, level: regions.level, parentId: regions.parentId }

export function regionsRepository(db: Db) {
  return {
    list(): Region[] {
      return db.select(columns).from(regions).orderBy(asc(regions.id)).all()
    },
    find(id: number): Region | undefined {
      return db.select(columns).from(regions).where(eq(regions.id, id)).get()
    },
    findByCode(code: string): Region | undefined {
      return db.select(columns).from(regions).where(eq(regions.code, code)).get()
    },
    insert(row: Omit<Region, 'id'>): Region {
      return db.insert(regions).values(row).returning(columns).get()
    },
  }
}
export type RegionsRepository = ReturnType<typeof regionsRepository>
