import { mayAccessAll } from "@crmod-cti/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as PubSub from "effect/PubSub"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { EmulatorChange } from "./Changes.js"
import { type CrmQueryError, forbidden } from "./CrmQueryError.js"
import { makeScope, type SignedInUser } from "./CrmQueries.js"
import type { EmulatorStoreShape } from "./EmulatorStore.js"
import { CommunicationsSubtabs, SubtabChannels } from "./Subtabs.js"

/** What changed in the emulator, as it happens, for pages that update live. */
export interface ChangeFeed {
  /** Counts the changes so far. */
  readonly revision: Effect.Effect<number>
  /** Every change from the moment the stream is run. */
  readonly changes: Stream.Stream<EmulatorChange>
  /** Subscribes now: the stream has every change from this moment, for as long as the scope is open. */
  readonly subscribe: Effect.Effect<Stream.Stream<EmulatorChange>, never, Scope.Scope>
  /**
   * Subscribes now for an agent's Communications tab (`CONTRACT.md` §9): the changes of the user's own
   * interactions and of their privileges, from this moment, for as long as the scope is open. `Forbidden` for a
   * user without the Access privilege of any channel, or not signed in.
   */
  readonly subscribeAs: (user: SignedInUser) => Effect.Effect<Stream.Stream<EmulatorChange>, CrmQueryError, Scope.Scope>
}

/** Whether a change concerns an agent: one of their own interactions, or their privileges. */
const concerns = (change: EmulatorChange, signInId: string): boolean =>
  change._tag === "PrivilegesChanged" ? change.user.signInId === signInId : change.activity.owner === signInId

/** The feed, and how the emulator announces a change: synchronously (an unbounded `PubSub` takes every offer). */
export const makeChangeFeed = (
  store: EmulatorStoreShape,
): Effect.Effect<{
  readonly feed: ChangeFeed
  readonly publish: (change: EmulatorChange) => void
}> =>
  Effect.map(PubSub.unbounded<EmulatorChange>(), (changes) => {
    const { signedIn } = makeScope(store)
    let revision = 0
    const subscribe = Stream.fromPubSub(changes, { scoped: true })
    return {
      feed: {
        revision: Effect.sync(() => revision),
        changes: Stream.fromPubSub(changes),
        subscribe,
        subscribeAs: (user) =>
          Effect.flatMap(
            Effect.suspend(() =>
              Either.flatMap(signedIn(user), (u) =>
                CommunicationsSubtabs.some((subtab) => mayAccessAll(u.privileges, [SubtabChannels[subtab]]))
                  ? Either.right(u.signInId)
                  : Either.left(forbidden("Your role has no Access Communications privilege.")),
              ),
            ),
            (signInId) =>
              Effect.map(
                subscribe,
                Stream.filter((change) => concerns(change, signInId)),
              ),
          ),
      },
      publish: (change) => {
        revision++
        changes.unsafeOffer(change)
      },
    }
  })
