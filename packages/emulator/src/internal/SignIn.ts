import * as crypto from "node:crypto"
import { type CtiFault, Faults, type UsernameToken } from "@crmod-cti/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import type { EmulatorStoreShape, StoredUser } from "./EmulatorStore.js"
import type { PasswordHasher } from "./PasswordHasher.js"
import type { SignInLockout } from "./SignInLockout.js"
import { makeVerifiedPasswords } from "./VerifiedPasswords.js"

/** Checks a user name and password; one function for SOAP requests and the sign-in page alike. */
export type SignIn = (token: UsernameToken) => Effect.Effect<StoredUser, CtiFault>

/**
 * Signs users in with the lockout of `CONTRACT.md` §9 (none when `lockout` is undefined). An unknown user, a
 * locked user and a wrong password get the same fault after the same work, one password check by the hasher (for
 * an unknown user against a decoy hash no password matches, for a locked one against their own, whose answer is
 * not used): neither the answer nor its time tells which it was. A password verified before is checked at once,
 * without the hasher.
 */
export const makeSignIn = (
  store: EmulatorStoreShape,
  hasher: PasswordHasher,
  lockout: SignInLockout | undefined,
): Effect.Effect<SignIn> =>
  Effect.map(hasher.hash(crypto.randomBytes(32).toString("base64")), (decoy) => {
    const passwords = makeVerifiedPasswords(hasher)
    const refused = Effect.fail(Faults.authenticationFailed())

    return (token) =>
      Clock.clockWith((clock) => {
        const now = clock.unsafeCurrentTimeMillis()
        const user = store.user(token.username)
        if (user === undefined) return Effect.zipRight(hasher.verify(token.password, decoy), refused)
        const { signInId, credential } = user
        if (lockout?.isLocked(signInId, now)) return Effect.zipRight(hasher.verify(token.password, credential), refused)
        if (passwords.isKnown(signInId, credential, token.password)) {
          lockout?.succeeded(signInId)
          return Effect.succeed(user)
        }
        lockout?.attempt(signInId, now)
        return Effect.flatMap(passwords.verify(signInId, credential, token.password), (matches) => {
          if (!matches) return refused
          lockout?.succeeded(signInId)
          return Effect.succeed(user)
        })
      })
  })
