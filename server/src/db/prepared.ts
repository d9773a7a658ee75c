import type Database from 'better-sqlite3'
import pg from 'pg'
import type { Db } from './client'
import type { PgSession } from './pg-session'
import type { SqliteSession } from './sqlite-session'

/**
 * Hot statements prepared once and written once for both databases, for the few paths where
 * Drizzle's builder costs more than the work (it builds its SQL text on every call: 1–2 ms per query,
 * measured on SQLite). Statements take named parameters (`@year`); an array parameter is a list of
 * ids (`fromIds`). The spellings that differ between the databases come from `fragments`; what is the
 * same on both is written as standard SQL (`CAST(x AS integer)` turns PostgreSQL's booleans and
 * bigint counts into the numbers SQLite gives).
 *
 * SQLite: better-sqlite3 statements, run synchronously on the connection outside other requests'
 * transactions. PostgreSQL: named prepared statements on the pool, or on the transaction's client.
 */

export type Params = Record<string, unknown>

export interface Query<R> {
  all(params?: Params): Promise<R[]>
  get(params?: Params): Promise<R | undefined>
  run(params?: Params): Promise<void>
  /** Runs the statement once per parameter set, in order. */
  runEach(list: readonly Params[]): Promise<void>
}

/** Rows read as arrays and shaped by `shapeFor` from the statement's column names (faster than keyed rows on SQLite; see dashboard/repository.ts). */
export interface ShapedQuery<R> {
  all(params?: Params): Promise<R[]>
}

export type Shaper<R> = (columns: readonly string[]) => (row: unknown[]) => R

export interface Fragments {
  /**
   * `from <ids> <table> t on t.col = j.value`: a list of ids (the array parameter `param`) as the
   * outer loop `j` (column `value`), joined to the table that follows. On SQLite a CROSS JOIN keeps
   * the list outside: left to itself the planner walks a whole year by its index and probes the list
   * for each row (measured: 97 ms instead of 0.3 ms to refresh one province row).
   */
  fromIds(param: string): string
  /** A condition on a boolean column, as its partial indexes are written (SQLite: `= 1`). */
  isTrue(column: string): string
}

/** Rows written by column name (`write` takes the rows of one call, in order). */
export interface Upsert {
  write(rows: readonly Params[]): Promise<void>
}

export interface UpsertSpec {
  table: string
  /** The conflict target: the columns of the table's primary key or a unique index. */
  key: readonly string[]
  /** The columns each row gives, by name. */
  columns: readonly string[]
  /** Columns set to the same SQL expression (written for both databases) in every row. */
  constants?: Readonly<Record<string, string>>
}

export interface Prepared {
  readonly fragments: Fragments
  query<R>(text: string): Query<R>
  shaped<R>(text: string, shapeFor: Shaper<R>): ShapedQuery<R>
  /**
   * Inserts rows, or updates the row with the same key. SQLite: one prepared statement run per row
   * (synchronously, which costs microseconds). PostgreSQL: one statement for all the rows of a call
   * (`json_populate_recordset`), not a round trip per row.
   */
  upsert(spec: UpsertSpec): Upsert
}

/** The insert's column list, and the update of every column but the key's from the row that conflicted. */
const upsertParts = ({ key, columns, constants = {} }: UpsertSpec) => {
  const all = [...columns, ...Object.keys(constants)]
  const update = all.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`)
  return { names: all.join(', '), constants: Object.values(constants), conflict: `on conflict (${key.join(', ')}) do update set ${update.join(', ')}` }
}

const cache = new WeakMap<object, Prepared>()

/** The prepared statements of a database (each statement text is prepared once per database). */
export function preparedOf(db: Db): Prepared {
  let prepared = cache.get(db)
  if (!prepared) cache.set(db, (prepared = db.connection.dialect === 'pg' ? pgPrepared(db.connection) : sqlitePrepared(db.connection, db.$client)))
  return prepared
}

/** SQLite takes a JSON text where PostgreSQL takes an array. */
const sqliteParams = (params: Params = {}) => {
  let out: Params | undefined
  for (const k in params) if (Array.isArray(params[k])) (out ??= { ...params })[k] = JSON.stringify(params[k])
  return out ?? params
}

function sqlitePrepared(session: SqliteSession, sqlite: Database.Database): Prepared {
  const { statement } = session
  return {
    fragments: {
      fromIds: (param) => `json_each(@${param}) j cross join`,
      isTrue: (column) => `${column} = 1`,
    },
    query<R>(text: string): Query<R> {
      const st = sqlite.prepare(text)
      return {
        all: (params) => statement(() => st.all(sqliteParams(params)) as R[]),
        get: (params) => statement(() => st.get(sqliteParams(params)) as R | undefined),
        run: async (params) => {
          await statement(() => st.run(sqliteParams(params)))
        },
        runEach: async (list) => {
          await statement(() => {
            for (const params of list) st.run(sqliteParams(params))
          })
        },
      }
    },
    shaped<R>(text: string, shapeFor: Shaper<R>): ShapedQuery<R> {
      const st = sqlite.prepare(text)
      // The shape is built when the statement is prepared, so a missing column fails at start-up.
      const shape = shapeFor(st.columns().map((c) => c.name))
      st.raw(true)
      return { all: (params) => statement(() => (st.all(sqliteParams(params)) as unknown[][]).map(shape)) }
    },
    upsert(spec: UpsertSpec): Upsert {
      const { names, constants, conflict } = upsertParts(spec)
      const st = sqlite.prepare(`insert into ${spec.table} (${names}) values (${[...spec.columns.map((c) => `@${c}`), ...constants].join(', ')}) ${conflict}`)
      return {
        write: async (rows) => {
          await statement(() => {
            for (const row of rows) st.run(row)
          })
        },
      }
    },
  }
}

let pgStatements = 0

/** 64-bit integers (counts, times in ms) as numbers, as SQLite gives them: every such value here is below 2^53. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/** A statement with `@name` parameters as PostgreSQL's `$n`, and the names in their order. */
function numbered(text: string): { text: string; names: string[] } {
  const names: string[] = []
  const out = text.replace(/@(\w+)/g, (_m, name: string) => {
    let i = names.indexOf(name)
    if (i < 0) i = names.push(name) - 1
    return `$${i + 1}`
  })
  return { text: out, names }
}

function pgPrepared(session: PgSession): Prepared {
  const client = session.routed
  const statementOf = (source: string) => {
    const { text, names } = numbered(source)
    const name = `fazhi_${++pgStatements}`
    return (params: Params = {}, rowMode?: 'array') =>
      client.query({ name, text, values: names.map((n) => params[n] ?? null), types: pgTypes, ...(rowMode && { rowMode }) })
  }
  return {
    fragments: {
      fromIds: (param) => `unnest(CAST(@${param} AS integer[])) j(value) join`,
      isTrue: (column) => column,
    },
    query<R>(text: string): Query<R> {
      const run = statementOf(text)
      return {
        all: async (params) => (await run(params)).rows as R[],
        get: async (params) => (await run(params)).rows[0] as R | undefined,
        run: async (params) => {
          await run(params)
        },
        runEach: async (list) => {
          for (const params of list) await run(params)
        },
      }
    },
    shaped<R>(text: string, shapeFor: Shaper<R>): ShapedQuery<R> {
      const run = statementOf(text)
      let shape: ((row: unknown[]) => R) | undefined
      return {
        all: async (params) => {
          const result = await run(params, 'array')
          shape ??= shapeFor(result.fields.map((f) => f.name))
          return (result.rows as unknown[][]).map(shape)
        },
      }
    },
    upsert(spec: UpsertSpec): Upsert {
      const { names, constants, conflict } = upsertParts(spec)
      const run = statementOf(
        `insert into ${spec.table} (${names})
         select ${[...spec.columns.map((c) => `r.${c}`), ...constants].join(', ')} from json_populate_recordset(null::${spec.table}, @rows) r ${conflict}`,
      )
      return {
        write: async (rows) => {
          if (rows.length) await run({ rows: JSON.stringify(rows) })
        },
      }
    },
  }
}
