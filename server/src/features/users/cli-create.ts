import readline from 'node:readline'
import { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import { CreateUserBody, GrantRoleBody, ROLE_LABELS, ROLES } from '@fazhi/shared'
import { loadConfig } from '../../config'
import { migrateDatabase, openDatabase } from '../../db/client'
import { auditedTransaction } from '../../db/transaction'
import { versionGuard } from '../../db/versions'
import { bureausOn } from '../bureaus/service'
import { usersRepository } from './repository'
import { usersService } from './service'

/**
 * `npm run user:create -- --role sysadmin [--username admin] [--name 姓名] [--bureau 3]`: prompts for
 * the password. How the machine's operator bootstraps a new database's three administrators
 * (sysadmin, secadmin, auditor): the account and its role in one audited transaction, actor `cli`.
 */
const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    username: { type: 'string' },
    name: { type: 'string' },
    bureau: { type: 'string' },
  },
})

if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
  console.error(`用法：npm run user:create -- --role <${ROLES.join('|')}> [--username 用户名] [--name 姓名] [--bureau 单位ID]`)
  process.exit(2)
}

/** Reads a line without echoing it when a person types at a terminal. */
async function askHidden(question: string): Promise<string> {
  let muted = false
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk)
      done()
    },
  })
  const rl = readline.createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY })
  process.stdout.write(question)
  muted = true
  const answer = await new Promise<string>((resolve) => rl.once('line', resolve))
  rl.close()
  process.stdout.write('\n')
  return answer
}

const password = await askHidden('新用户密码：')
if (process.stdin.isTTY && (await askHidden('再次输入密码：')) !== password) {
  console.error('两次输入的密码不一致，未创建用户。')
  process.exit(1)
}

const body = CreateUserBody.safeParse({
  username: values.username ?? values.role,
  displayName: values.name ?? values.username ?? values.role,
  password,
})
const access = GrantRoleBody.safeParse({ role: values.role, bureauId: values.bureau ? Number(values.bureau) : null, version: 1 })
const problems = [body, access].flatMap((p) => (p.success ? [] : p.error.issues.map((i) => i.message)))
if (!body.success || !access.success) {
  console.error(`未创建用户：${problems.join('；')}`)
  process.exit(1)
}

const { dbPath } = loadConfig()
const db = openDatabase(dbPath)
migrateDatabase(db)
try {
  const service = usersService({
    repo: usersRepository(db),
    bureaus: bureausOn(db),
    transaction: auditedTransaction(db),
    checkVersion: versionGuard(db),
    clock: () => new Date(),
  })
  const user = await service.createWithRole({ user: null, name: 'cli', ip: null }, body.data, access.data)
  console.log(`已创建用户 ${user.username}（${user.role && ROLE_LABELS[user.role]}），首次登录须修改密码。数据库：${dbPath}`)
} catch (err) {
  console.error(`未创建用户：${(err as Error).message}`)
  process.exitCode = 1
} finally {
  db.$client.close()
}
