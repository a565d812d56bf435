import type { WrapUpStatus } from "@crmod-cti/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { EmulatorChange } from "./Changes.js"
import { type CrmQueryError, forbidden } from "./CrmQueryError.js"
import { makeScope, type SignedInUser } from "./CrmQueries.js"
import type { EmulatorStoreShape, StoredUser } from "./EmulatorStore.js"
import type { Activity } from "./Records.js"

/** What the servlet's wrap-up page saves. */
export interface WrapUpForm {
  readonly notes?: string
  readonly callResult?: string
}

export interface WrapUpSaved {
  /** `OK`, `Activity has already been wrapped up` (the form is saved all the same), or `Error`. */
  readonly status: Exclude<WrapUpStatus, "Activity not found" | "Multiple activites found">
  /** The activity as saved (as it was, on `Error`). */
  readonly activity: Activity
}

/**
 * The servlet's wrap-up page (`CONTRACT.md` §5, §9 "agents stay apart"): it shows and saves only the signed-in
 * user's own activities, of a channel they may access. Another agent's activity of the company is `Forbidden`,
 * one of another company `NotFound`.
 */
export interface WrapUpPage {
  readonly ownActivity: (user: SignedInUser, id: string) => Effect.Effect<Activity, CrmQueryError>
  /** Stores the notes and call result, and wraps the activity up by the rules of `CTIActivityWrapUp`. */
  readonly save: (user: SignedInUser, id: string, form: WrapUpForm) => Effect.Effect<WrapUpSaved, CrmQueryError>
}

export const makeWrapUpPage = (store: EmulatorStoreShape, publish: (change: EmulatorChange) => void): WrapUpPage => {
  const { signedIn, companyActivity } = makeScope(store)

  const own = (user: SignedInUser, id: string): Either.Either<readonly [StoredUser, Activity], CrmQueryError> =>
    Either.gen(function* () {
      const u = yield* signedIn(user)
      const activity = yield* companyActivity(u, id)
      if (activity.owner !== u.signInId) {
        return yield* Either.left(forbidden(`The activity ${id} is another user's: only its owner may wrap it up.`))
      }
      return [u, activity] as const
    })

  return {
    ownActivity: (user, id) => Effect.suspend(() => Either.map(own(user, id), ([, activity]) => activity)),
    save: (user, id, form) =>
      Clock.clockWith((clock) =>
        Either.map(own(user, id), ([, current]): WrapUpSaved => {
          const saved: Activity = {
            ...current,
            ...(form.notes === undefined ? {} : { wrapUpNotes: form.notes }),
            ...(form.callResult === undefined ? {} : { callResult: form.callResult }),
            wrappedUpAt: current.wrappedUpAt ?? clock.unsafeCurrentTimeMillis(),
          }
          if (Either.isLeft(store.updateActivity(saved))) return { status: "Error", activity: current }
          if (current.wrappedUpAt !== undefined)
            return { status: "Activity has already been wrapped up", activity: saved }
          publish({ _tag: "ActivityWrappedUp", activity: saved })
          return { status: "OK", activity: saved }
        }),
      ),
  }
}
