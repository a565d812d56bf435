import * as crypto from "node:crypto"
import * as Effect from "effect/Effect"
import type { PasswordHash, PasswordHasher } from "./PasswordHasher.js"

const sameCredential = (a: PasswordHash, b: PasswordHash) =>
  a === b || (a.algorithm === b.algorithm && Buffer.compare(a.salt, b.salt) === 0 && Buffer.compare(a.key, b.key) === 0)

/** A password check, and whether this call started it or joined one already running for the same password. */
export interface PasswordCheck {
  readonly started: boolean
  readonly matches: Effect.Effect<boolean>
}

/**
 * The passwords that matched each user's credential, remembered so that a known user's next request costs no
 * scrypt run. A client sends the same credentials on every stateless request, and scrypt costs ~60 ms.
 *
 * What is remembered is an HMAC of the password under a secret that lives only in this process, never the text:
 * without the secret a digest cannot be tested against guessed passwords, so comparing digests with `===` reveals
 * nothing. The entry keeps the credential it was verified against (compared by content, for stores that read a
 * new object each time), so a changed password forgets it.
 *
 * Concurrent checks of one user's same password share one run of the hasher: a client opening 32 connections at
 * once makes one check, not 32, and it counts as one attempt for the sign-in lockout.
 */
export const makeVerifiedPasswords = (hasher: PasswordHasher) => {
  const secret = crypto.randomBytes(32)
  const digestOf = (password: string) =>
    crypto.createHmac("sha256", secret).update(password.normalize("NFC")).digest("base64")
  const verified = new Map<string, { readonly credential: PasswordHash; readonly digest: string }>()
  const running = new Map<string, Promise<boolean>>()

  return {
    /** Whether `password` matched `owner`'s credential before: synchronous, no hashing. */
    isKnown: (owner: string, credential: PasswordHash, password: string): boolean => {
      const known = verified.get(owner)
      return known !== undefined && sameCredential(known.credential, credential) && known.digest === digestOf(password)
    },
    /** Whether `password` is the hashed one, by the hasher; a match is remembered for `isKnown`. */
    check: (owner: string, credential: PasswordHash, password: string): PasswordCheck => {
      const digest = digestOf(password)
      const key = `${owner}\u0000${digest}`
      const shared = running.get(key)
      if (shared !== undefined) return { started: false, matches: Effect.promise(() => shared) }
      // Run apart from the caller's fiber, so that a caller who gives up does not leave the others waiting.
      const run = Effect.runPromise(hasher.verify(password, credential)).then((matches) => {
        if (matches) verified.set(owner, { credential, digest })
        return matches
      })
      const settled = run.finally(() => running.delete(key))
      running.set(key, settled)
      return { started: true, matches: Effect.promise(() => settled) }
    },
  }
}
