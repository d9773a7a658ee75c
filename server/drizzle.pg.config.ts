import { defineConfig } from 'drizzle-kit'

/** PostgreSQL's migrations, generated from the same schema definition as SQLite's (`npm run db:generate:pg`). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.pg.ts',
  out: '../migrations/pg',
})
