import * as crypto from "node:crypto"
import * as Effect from "effect/Effect"
import type { PasswordHash, PasswordHasher } from "./PasswordHasher.js"

const sameCredential = (a: PasswordHash, b: PasswordHash) =>
  a === b || (a.algorithm === b.algorithm && Buffer.compare(a.salt, b.salt) === 0 && Buffer.compare(a.key, b.key) === 0)

/**
 * The passwords that matched each user's credential, remembered so that a known user's next request costs no
 * scrypt run. A client sends the same credentials on every stateless request, and scrypt costs ~60 ms.
 *
 * What is remembered is an HMAC of the password under a secret that lives only in this process, never the text:
 * without the secret a digest cannot be tested against guessed passwords, so comparing digests with `===` reveals
 * nothing. The entry keeps the credential it was verified against (compared by content, for stores that read a
 * new object each time), so a changed password forgets it.
 */
export const makeVerifiedPasswords = (hasher: PasswordHasher) => {
  const secret = crypto.randomBytes(32)
  const digestOf = (password: string) =>
    crypto.createHmac("sha256", secret).update(password.normalize("NFC")).digest("base64")
  const verified = new Map<string, { readonly credential: PasswordHash; readonly digest: string }>()

  return {
    /** Whether `password` matched `owner`'s credential before: synchronous, no hashing. */
    isKnown: (owner: string, credential: PasswordHash, password: string): boolean => {
      const known = verified.get(owner)
      return known !== undefined && sameCredential(known.credential, credential) && known.digest === digestOf(password)
    },
    /** Whether `password` is the hashed one, by the hasher; a match is remembered for `isKnown`. */
    verify: (owner: string, credential: PasswordHash, password: string): Effect.Effect<boolean> =>
      Effect.tap(hasher.verify(password, credential), (matches) => {
        if (matches) verified.set(owner, { credential, digest: digestOf(password) })
      }),
  }
}
