import { bindsBureau, changesAccess, passwordPolicyProblem, type CreateUserBody, type UpdateUserBody } from '@fazhi/shared'
import { badRequest, conflict, notFound } from '../../errors'
import { hashPassword } from '../auth/passwords'
import type { AuditEntry } from '../audit/recorder'
import type { UsersRepository } from './repository'

type Audit = (entry: AuditEntry) => void

/** Account administration (sysadmin): accounts it creates or resets must change the password at first login. */
export function usersService(repo: UsersRepository, clock: () => Date) {
  function requireUser(id: number) {
    const user = repo.find(id)
    if (!user) throw notFound('用户不存在')
    return user
  }
  function checkBureau(bureauId: number | null | undefined) {
    if (bureauId != null && !repo.bureauExists(bureauId)) throw badRequest('单位不存在')
  }
  async function checkedHash(password: string) {
    const problem = passwordPolicyProblem(password)
    if (problem) throw badRequest(problem)
    return hashPassword(password)
  }

  return {
    list: () => repo.list(),

    async create(body: CreateUserBody, audit: Audit) {
      if (repo.findByUsername(body.username)) throw conflict(`用户名 ${body.username} 已存在`)
      checkBureau(body.bureauId)
      const passwordHash = await checkedHash(body.password)
      return repo.transaction(() => {
        const id = repo.insert({
          username: body.username,
          displayName: body.displayName,
          role: body.role,
          bureauId: bindsBureau(body.role) ? body.bureauId! : null,
          passwordHash,
          mustChangePassword: true,
        })
        const user = repo.find(id)!
        audit({ action: 'user.create', objectType: 'user', objectId: id, after: user })
        return user
      })
    },

    update(actorId: number, id: number, body: UpdateUserBody, audit: Audit) {
      return repo.transaction(() => {
        const before = requireUser(id)
        const nextRole = body.role ?? before.role
        // The last line of defence against locking the system out of its own administration.
        if (id === actorId && (nextRole !== before.role || body.active === false)) throw badRequest('不能修改自己的角色或停用自己的账户')
        const bureauId = body.bureauId !== undefined ? body.bureauId : before.bureauId
        if (bindsBureau(nextRole) !== (bureauId != null)) throw badRequest('单位用户必须且只能绑定一个单位，其他角色不绑定单位')
        checkBureau(bureauId)
        repo.update(id, { displayName: body.displayName, role: nextRole, bureauId, active: body.active })
        // A role change or deactivation takes effect at once: the user logs in again.
        if (changesAccess(before, { role: nextRole, bureauId, active: body.active ?? before.active })) repo.deleteSessionsOf(id)
        const after = repo.find(id)!
        // A role change has its own action, so the auditor can filter for it.
        audit({ action: nextRole === before.role ? 'user.update' : 'user.role-change', objectType: 'user', objectId: id, before, after })
        return after
      })
    },

    async resetPassword(id: number, password: string, audit: Audit) {
      requireUser(id)
      const passwordHash = await checkedHash(password)
      repo.transaction(() => {
        repo.update(id, { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, passwordChangedAt: clock().toISOString() })
        repo.deleteSessionsOf(id)
        audit({ action: 'user.reset-password', objectType: 'user', objectId: id })
      })
    },

    /** A user's live sessions; `currentSessionId` marks the one asking. */
    sessions(id: number, currentSessionId: string) {
      requireUser(id)
      return repo.sessionsOf(id).map((s) => ({ ...s, current: s.id === currentSessionId }))
    },

    revokeSession(sessionId: string, audit: Audit) {
      repo.transaction(() => {
        const session = repo.findSession(sessionId)
        if (!session) throw notFound('会话不存在或已失效')
        repo.deleteSession(sessionId)
        audit({ action: 'session.revoke', objectType: 'user', objectId: session.userId })
      })
    },
  }
}
