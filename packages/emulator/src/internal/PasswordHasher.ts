import * as crypto from "node:crypto"
import * as Effect from "effect/Effect"

/** A password as the store keeps it: never the text, only a salted key of the hasher named by `algorithm`. */
export interface PasswordHash {
  readonly algorithm: string
  readonly salt: Uint8Array
  readonly key: Uint8Array
}

/**
 * How the emulator hashes passwords when it seeds users and checks them at sign-in. The default is scrypt;
 * tests inject `FastPasswordHasher` so that seeding the demo users costs microseconds rather than scrypt runs.
 */
export interface PasswordHasher {
  readonly hash: (password: string) => Effect.Effect<PasswordHash>
  /** Whether the password is the hashed one; a hash of another algorithm never matches. */
  readonly verify: (password: string, hash: PasswordHash) => Effect.Effect<boolean>
}

const KeyLength = 32

const sameKey = (a: Uint8Array, b: Uint8Array) => a.length === b.length && crypto.timingSafeEqual(a, b)

const scrypt = (password: string, salt: Uint8Array): Effect.Effect<Uint8Array> =>
  Effect.async<Uint8Array>((resume) => {
    // Node's scrypt defaults (N = 2^14, r = 8, p = 1), run on libuv's thread pool so fibers are not blocked.
    crypto.scrypt(password.normalize("NFC"), salt, KeyLength, (error, key) => {
      resume(error === null ? Effect.succeed(key) : Effect.die(error))
    })
  })

/** Salted scrypt: the default, costly on purpose (about 60 ms a check on the development machine). */
export const ScryptPasswordHasher: PasswordHasher = {
  hash: (password) => {
    const salt = crypto.randomBytes(16)
    return Effect.map(scrypt(password, salt), (key) => ({ algorithm: "scrypt", salt, key }))
  },
  verify: (password, hash) =>
    hash.algorithm === "scrypt"
      ? Effect.map(scrypt(password, hash.salt), (key) => sameKey(key, hash.key))
      : Effect.succeed(false),
}

const sha256 = (password: string, salt: Uint8Array): Uint8Array =>
  crypto.createHash("sha256").update(salt).update(password.normalize("NFC")).digest()

/**
 * Salted SHA-256, synchronous: for tests only. It is as fast to guess against as it is to check, so never use it
 * for passwords anybody should keep.
 */
export const FastPasswordHasher: PasswordHasher = {
  hash: (password) =>
    Effect.sync(() => {
      const salt = crypto.randomBytes(16)
      return { algorithm: "sha256", salt, key: sha256(password, salt) }
    }),
  verify: (password, hash) =>
    Effect.sync(() => hash.algorithm === "sha256" && sameKey(sha256(password, hash.salt), hash.key)),
}
