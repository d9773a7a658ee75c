import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Each integration file migrates its own temp database; browser tests share one built client.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Browser tests wait for the page with expect.poll; under a full run on two shared cores a page
    // can take longer than vitest's default second to settle.
    expect: { poll: { timeout: 10_000 } },
  },
})
