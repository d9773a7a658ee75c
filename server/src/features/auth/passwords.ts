import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id minimum: 19 MiB memory, 2 iterations, 1 lane. @node-rs/argon2 defaults to argon2id.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS)

/** A valid hash of a random password: verifying against it makes unknown usernames as slow as known ones. */
let decoyHash: Promise<string> | undefined

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    decoyHash ??= hashPassword(crypto.randomUUID())
    await verify(await decoyHash, password)
    return false
  }
  return verify(passwordHash, password)
}
