import { hash, verify } from '@node-rs/argon2'

// OWASP's argon2id minimum: 19 MiB memory, 2 iterations, 1 lane. @node-rs/argon2 defaults to argon2id.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS)

let decoy: Promise<string> | undefined
/**
 * A valid hash of a random password, made with the parameters of every stored hash: verifying
 * against it costs what checking a real account does, so unknown usernames and inactive accounts
 * are as slow as known ones.
 */
export const decoyPasswordHash = () => (decoy ??= hashPassword(crypto.randomUUID()))

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    await verify(await decoyPasswordHash(), password)
    return false
  }
  return verify(passwordHash, password)
}
