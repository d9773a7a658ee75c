import { parseArgs } from 'node:util'
import { CreateUserBody, GrantRoleBody, ROLE_LABELS, ROLES } from '@fazhi/shared'
import { askPassword, CLI_ACTOR, withUsersService } from './cli'

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

const password = await askPassword('新用户密码：', '未创建用户')

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

await withUsersService('未创建用户', async (service, database) => {
  const user = await service.createWithRole(CLI_ACTOR, body.data, access.data)
  console.log(`已创建用户 ${user.username}（${user.role && ROLE_LABELS[user.role]}），首次登录须修改密码。数据库：${database}`)
})
