import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The run seeds its template databases once; each test copies one (SQLite file, or PostgreSQL
    // database with TEST_DB=pg). Browser tests share one built client.
    globalSetup: ['tests/setup/databases.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Browser tests wait for the page with expect.poll; under a full run on two shared cores a page
    // can take longer than vitest's default second to settle.
    expect: { poll: { timeout: 10_000 } },
  },
})
