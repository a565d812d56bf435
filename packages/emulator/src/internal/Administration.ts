import type { CtiUser, Privilege } from "@crmod-cti/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type { EmulatorChange } from "./Changes.js"
import { type CrmQueryError, forbidden, notFound } from "./CrmQueryError.js"
import { makeScope, type SignedInUser } from "./CrmQueries.js"
import type { EmulatorStoreShape, StoredUser } from "./EmulatorStore.js"
import type { SignInLockout, SignInState } from "./SignInLockout.js"
import { UnknownUserError } from "./UnknownUserError.js"

/** The privilege company administration needs (Oracle's Web Services Administration and the CTI role settings). */
export const AdministrationPrivilege: Privilege = "Manage CTI On Demand Access"

/**
 * Administrators keep their own Manage CTI On Demand Access: nobody locks the company out by accident. The pages
 * show the box disabled; `setPrivileges` keeps it whatever it is sent.
 */
export const isOwnAdministrationPrivilege = (admin: SignedInUser, user: SignedInUser, privilege: string): boolean =>
  user.signInId === admin.signInId && privilege === AdministrationPrivilege

/**
 * Company administration, for a signed-in administrator (Manage CTI On Demand Access) and within their company:
 * `Forbidden` for anybody else, `NotFound` for a user of another company. The user lookups and the lockout are the
 * emulator's own (sign-in, tests), not a page's.
 */
export interface Administration {
  /** The signed-in user when they may administer their company. */
  readonly administrator: (admin: SignedInUser) => Effect.Effect<CtiUser, CrmQueryError>
  /** The administrator's company's users. */
  readonly users: (admin: SignedInUser) => Effect.Effect<ReadonlyArray<CtiUser>, CrmQueryError>
  /** Replaces the privileges of a user of the administrator's company; their next request sees the change. */
  readonly setPrivileges: (
    admin: SignedInUser,
    signInId: string,
    privileges: ReadonlyArray<Privilege>,
  ) => Effect.Effect<CtiUser, CrmQueryError>
  /** A user as they are now, whatever their company. */
  readonly user: (signInId: string) => Effect.Effect<Option.Option<CtiUser>>
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
  const { signedIn } = makeScope(store)
  const administrator = (admin: SignedInUser): Either.Either<StoredUser, CrmQueryError> =>
    Either.flatMap(signedIn(admin), (found) =>
      found.privileges.includes(AdministrationPrivilege)
        ? Either.right(found)
        : Either.left(forbidden(`Administration needs the ${AdministrationPrivilege} privilege.`)),
    )
  const stored = (signInId: string): Either.Either<StoredUser, UnknownUserError> => {
    const found = store.user(signInId)
    return found === undefined
      ? Either.left(new UnknownUserError({ reason: "UnknownUser", message: `No user ${signInId}` }))
      : Either.right(found)
  }
  return {
    administrator: (admin) => Effect.suspend(() => Either.map(administrator(admin), toCtiUser)),
    users: (admin) =>
      Effect.suspend(() => Either.map(administrator(admin), (found) => store.usersOf(found.company).map(toCtiUser))),
    setPrivileges: (admin, signInId, privileges) =>
      Effect.suspend(() =>
        Either.gen(function* () {
          const found = yield* administrator(admin)
          const user = store.user(signInId)
          if (user === undefined || user.company !== found.company) {
            return yield* Either.left(notFound(`There is no user ${signInId} in ${found.company}.`))
          }
          const kept = user.privileges.filter((privilege) => isOwnAdministrationPrivilege(admin, user, privilege))
          const updated = { ...user, privileges: [...new Set([...privileges, ...kept])] }
          const written = store.updateUser(updated)
          if (Either.isLeft(written)) throw written.left
          publish({ _tag: "PrivilegesChanged", user: toCtiUser(updated) })
          return toCtiUser(updated)
        }),
      ),
    user: (signInId) => Effect.sync(() => Option.map(Option.fromNullable(store.user(signInId)), toCtiUser)),
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
