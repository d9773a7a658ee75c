/** What the code above the database needs of a connection, the same on SQLite and on PostgreSQL. */
export interface Connection {
  readonly dialect: 'sqlite' | 'pg'
  /**
   * Runs `work` in one transaction: every query made through the database in its async context
   * belongs to it, and a throw rolls it back. Writing transactions run one at a time.
   */
  transaction<T>(work: () => Promise<T> | T, options?: TransactionOptions): Promise<T>
  /** A raw statement with `?` placeholders; rows come as objects by column name. */
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>
  run(sql: string, params?: readonly unknown[]): Promise<void>
  /** Closes the connection; closing it again does nothing (every app built on it closes it). */
  close(): Promise<void>
}

export interface TransactionOptions {
  /** IMMEDIATE (the default) takes the write lock at BEGIN, so a second process cannot make it fail half-way. */
  behavior?: 'immediate' | 'deferred'
  /**
   * false: commit without waiting for the disk, for rows derived from others that are computed again
   * if a crash loses them. Ignored inside another transaction.
   */
  durable?: boolean
}
