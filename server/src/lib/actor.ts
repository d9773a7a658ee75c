import type { User } from '@fazhi/shared'
import type { FastifyRequest } from 'fastify'

/**
 * Who makes a change, as its audit row names them. Services get this, never the HTTP request.
 * `user` is null when nobody is logged in: a login attempt, a command-line tool.
 */
export interface Actor<U extends User | null = User> {
  user: U
  /** What the audit row calls an actor that has no account (the command line). */
  name?: string
  /** The client's address; null outside HTTP. */
  ip: string | null
}

/** The logged-in caller of a route that requires a session (the access table guarantees one). */
export const actorOf = (req: FastifyRequest): Actor => ({ user: req.user!, ip: req.ip })

/** The caller of a public route (login, logout), logged in or not. */
export const requestActor = (req: FastifyRequest): Actor<User | null> => ({ user: req.user, ip: req.ip })
