import { createHmac, randomBytes, scrypt, timingSafeEqual } from "node:crypto"
import * as Effect from "effect/Effect"
import type { PasswordHash } from "./EmulatorStore.js"

const KeyLength = 32

const derive = (password: string, salt: Uint8Array): Effect.Effect<Uint8Array> =>
  Effect.async<Uint8Array>((resume) => {
    // Node's scrypt defaults (N = 2^14, r = 8, p = 1), run on libuv's thread pool so fibers are not blocked.
    scrypt(password.normalize("NFC"), salt, KeyLength, (error, key) => {
      resume(error === null ? Effect.succeed(key) : Effect.die(error))
    })
  })

/** A salted scrypt hash of a password. */
export const hashPassword = (password: string): Effect.Effect<PasswordHash> => {
  const salt = randomBytes(16)
  return Effect.map(derive(password, salt), (key) => ({ algorithm: "scrypt", salt, key }))
}

/** Whether the password is the hashed one, compared in constant time. */
export const verifyPassword = (password: string, hash: PasswordHash): Effect.Effect<boolean> =>
  Effect.map(derive(password, hash.salt), (key) => timingSafeEqual(key, hash.key))

/** A hash no password matches: checked for unknown users so that they take as long as wrong passwords. */
export const decoyHash = (): PasswordHash => ({
  algorithm: "scrypt",
  salt: randomBytes(16),
  key: randomBytes(KeyLength),
})

/**
 * Verifies passwords against stored hashes, remembering the ones that matched as HMACs under a key that lives only
 * in this process, so that a client sending the same credentials on every stateless request pays for scrypt once
 * rather than each time. Concurrent requests with the same credentials share one scrypt run (keyed by the HMAC, so
 * the lookup reveals nothing of the password): a burst of new connections would otherwise queue hundreds of them on
 * the thread pool. Entries hang off the stored hash, so a changed password forgets them.
 */
export const makeVerifiedPasswords = () => {
  const secret = randomBytes(32)
  const verified = new WeakMap<PasswordHash, Uint8Array>()
  const pending = new WeakMap<PasswordHash, Map<string, Promise<boolean>>>()
  const mac = (password: string) => createHmac("sha256", secret).update(password.normalize("NFC")).digest()
  const verifyShared = (hash: PasswordHash, password: string, digest: Buffer): Promise<boolean> => {
    let running = pending.get(hash)
    if (running === undefined) {
      running = new Map()
      pending.set(hash, running)
    }
    const key = digest.toString("base64")
    const shared = running.get(key)
    if (shared !== undefined) return shared
    const started = Effect.runPromise(verifyPassword(password, hash)).then(
      (matches) => {
        running.delete(key)
        if (matches) verified.set(hash, digest)
        return matches
      },
      (error: unknown) => {
        running.delete(key)
        throw error
      },
    )
    running.set(key, started)
    return started
  }
  return {
    /** Whether the password is the hashed one: at once when it matched before, else by scrypt. */
    verify: (hash: PasswordHash, password: string): Effect.Effect<boolean> =>
      Effect.suspend(() => {
        const digest = mac(password)
        const known = verified.get(hash)
        if (known !== undefined && timingSafeEqual(known, digest)) return Effect.succeed(true)
        return Effect.promise(() => verifyShared(hash, password, digest))
      }),
  }
}
