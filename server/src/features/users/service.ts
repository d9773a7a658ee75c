import { bindsBureau, changesAccess, passwordPolicyProblem, type CreateUserBody, type UpdateUserBody, type User } from '@fazhi/shared'
import type { AuditedTransaction } from '../../db/transaction'
import type { VersionGuard } from '../../db/versions'
import { badRequest, conflict, notFound } from '../../errors'
import type { Actor } from '../../lib/actor'
import { hashPassword } from '../auth/passwords'
import type { BureausService } from '../bureaus/service'
import type { UsersRepository } from './repository'

/** Account administration (sysadmin): accounts it creates or resets must change the password at first login. */
export interface UsersDeps {
  repo: UsersRepository
  bureaus: Pick<BureausService, 'getBureau'>
  transaction: AuditedTransaction
  checkVersion: VersionGuard
  clock: () => Date
}

export function usersService({ repo, bureaus, transaction, checkVersion, clock }: UsersDeps) {
  function requireUser(id: number) {
    const user = repo.find(id)
    if (!user) throw notFound('用户不存在')
    return user
  }
  function checkBureau(bureauId: number | null | undefined) {
    // An unknown bureau is a mistake in the form (400), not a missing resource.
    if (bureauId != null && !bureaus.getBureau(bureauId)) throw badRequest('单位不存在')
  }
  async function checkedHash(password: string) {
    const problem = passwordPolicyProblem(password)
    if (problem) throw badRequest(problem)
    return hashPassword(password)
  }

  return {
    list: () => repo.list(),

    /** The actor is the sysadmin, or nobody for the command line's first account. */
    async create(actor: Actor<User | null>, body: CreateUserBody) {
      if (repo.findByUsername(body.username)) throw conflict(`用户名 ${body.username} 已存在`)
      checkBureau(body.bureauId)
      const passwordHash = await checkedHash(body.password)
      return transaction(actor, (audit) => {
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

    update(actor: Actor, id: number, body: UpdateUserBody) {
      return transaction(actor, (audit) => {
        const before = requireUser(id)
        checkVersion({ version: before.version, objectType: 'user', objectId: id, noun: '账户' }, body.version)
        const nextRole = body.role ?? before.role
        // The last line of defence against locking the system out of its own administration.
        if (id === actor.user.id && (nextRole !== before.role || body.active === false)) throw badRequest('不能修改自己的角色或停用自己的账户')
        const bureauId = body.bureauId !== undefined ? body.bureauId : before.bureauId
        if (bindsBureau(nextRole) !== (bureauId != null)) throw badRequest('单位用户必须且只能绑定一个单位，其他角色不绑定单位')
        checkBureau(bureauId)
        repo.updateAccount(id, { displayName: body.displayName, role: nextRole, bureauId, active: body.active })
        // A role change or deactivation takes effect at once: the user logs in again.
        if (changesAccess(before, { role: nextRole, bureauId, active: body.active ?? before.active })) repo.deleteSessionsOf(id)
        const after = repo.find(id)!
        // A role change has its own action, so the auditor can filter for it.
        audit({ action: nextRole === before.role ? 'user.update' : 'user.role-change', objectType: 'user', objectId: id, before, after })
        return after
      })
    },

    async resetPassword(actor: Actor, id: number, password: string) {
      requireUser(id)
      const passwordHash = await checkedHash(password)
      transaction(actor, (audit) => {
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

    revokeSession(actor: Actor, sessionId: string) {
      transaction(actor, (audit) => {
        const session = repo.findSession(sessionId)
        if (!session) throw notFound('会话不存在或已失效')
        repo.deleteSession(sessionId)
        audit({ action: 'session.revoke', objectType: 'user', objectId: session.userId })
      })
    },
  }
}
