import { parseArgs } from 'node:util'
import { ROLE_LABELS } from '@fazhi/shared'
import { askPassword, CLI_ACTOR, withUsersService } from './cli'

/**
 * `npm run user:reset-password -- --username auditor`: prompts for the new password. How the
 * machine's operator resets an administrator's password (sysadmin, 安全保密管理员, auditor), which
 * the web's reset refuses; any other account's too. Audited with actor `cli`; the account must
 * change the password at its next login, keeps its second factor and stays locked if it was.
 */
const { values } = parseArgs({ options: { username: { type: 'string' } } })

if (!values.username) {
  console.error('用法：npm run user:reset-password -- --username 用户名')
  process.exit(2)
}

const password = await askPassword(`用户 ${values.username} 的新密码：`, '未重置密码')

await withUsersService('未重置密码', async (service, database) => {
  const user = await service.resetPasswordByOperator(CLI_ACTOR, values.username!, password)
  const role = user.role ? `（${ROLE_LABELS[user.role]}）` : ''
  console.log(`已重置用户 ${user.username}${role}的密码，下次登录须修改密码；双因素认证不变。数据库：${database}`)
})
