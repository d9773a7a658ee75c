// vitest globalSetup: builds the databases every test file copies, once per run: migrated only, the
// seeded demo county, the seeded demo county with its city. TEST_DB=pg builds them as PostgreSQL
// template databases (cloned per test with CREATE DATABASE … TEMPLATE), otherwise as SQLite files
// (copied per test). Seeding takes seconds, a copy milliseconds.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { buildTemplate, dropDatabases, type Templates, testBackend } from '../helpers/databases'

declare module 'vitest' {
  export interface ProvidedContext {
    databases: Templates
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const backend = testBackend()
  // Unique per run: several runs (and sessions) may share the PostgreSQL cluster.
  const prefix = `t${Date.now().toString(36)}${process.pid.toString(36)}`
  const dir = backend.kind === 'sqlite' ? fs.mkdtempSync(path.join(os.tmpdir(), 'fazhi-templates-')) : ''
  const at = (name: string) => (backend.kind === 'sqlite' ? path.join(dir, `${name}.db`) : `${prefix}_${name}`)
  const templates: Templates = {
    prefix,
    migrated: await buildTemplate(at('migrated'), { seed: false }),
    county: await buildTemplate(at('county'), { seed: true }),
    city: await buildTemplate(at('city'), { seed: true, city: true }),
  }
  project.provide('databases', templates)
  return async () => {
    if (backend.kind === 'sqlite') fs.rmSync(dir, { recursive: true, force: true })
    else await dropDatabases(prefix)
  }
}
