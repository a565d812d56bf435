import type { CtiUser, Privilege } from "@crmod-cti/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type { EmulatorChange } from "./Changes.js"
import type { EmulatorStoreShape, StoredUser } from "./EmulatorStore.js"
import type { SignInLockout, SignInState } from "./SignInLockout.js"
import { UnknownUserError } from "./UnknownUserError.js"

/** Company administration: users, their role privileges, and the sign-in lockout. */
export interface Administration {
  readonly users: (company: string) => Effect.Effect<ReadonlyArray<CtiUser>>
  readonly user: (signInId: string) => Effect.Effect<Option.Option<CtiUser>>
  /** Replaces a user's privileges; their next request sees the change. */
  readonly setPrivileges: (
    signInId: string,
    privileges: ReadonlyArray<Privilege>,
  ) => Effect.Effect<void, UnknownUserError>
  readonly hasPrivilege: (signInId: string, privilege: Privilege) => Effect.Effect<boolean>
  /** The user's failed sign-ins in a row and lock, now (none with the lockout off). */
  readonly signInState: (signInId: string) => Effect.Effect<SignInState, UnknownUserError>
  /** Lifts a user's lock and forgets their failed sign-ins (the only way out of "until unlocked"). */
  readonly unlock: (signInId: string) => Effect.Effect<void, UnknownUserError>
}

export const toCtiUser = (user: StoredUser): CtiUser => ({
  signInId: user.signInId,
  company: user.company,
  privileges: user.privileges,
})

export const makeAdministration = (
  store: EmulatorStoreShape,
  lockout: SignInLockout | undefined,
  publish: (change: EmulatorChange) => void,
): Administration => {
  const stored = (signInId: string): Either.Either<StoredUser, UnknownUserError> => {
    const found = store.user(signInId)
    return found === undefined
      ? Either.left(new UnknownUserError({ reason: "UnknownUser", message: `No user ${signInId}` }))
      : Either.right(found)
  }
  return {
    users: (company) => Effect.sync(() => store.usersOf(company).map(toCtiUser)),
    user: (signInId) => Effect.sync(() => Option.map(Option.fromNullable(store.user(signInId)), toCtiUser)),
    setPrivileges: (signInId, privileges) =>
      Effect.flatMap(stored(signInId), (found) => {
        const updated = { ...found, privileges: [...new Set(privileges)] }
        const written = store.updateUser(updated)
        if (Either.isLeft(written)) return Effect.die(written.left)
        publish({ _tag: "PrivilegesChanged", user: toCtiUser(updated) })
        return Effect.void
      }),
    hasPrivilege: (signInId, privilege) =>
      Effect.sync(() => store.user(signInId)?.privileges.includes(privilege) ?? false),
    signInState: (signInId) =>
      Clock.clockWith((clock) =>
        Either.map(
          stored(signInId),
          () => lockout?.stateAt(signInId, clock.unsafeCurrentTimeMillis()) ?? { failures: 0 },
        ),
      ),
    unlock: (signInId) => Effect.map(stored(signInId), () => lockout?.unlock(signInId)),
  }
}
