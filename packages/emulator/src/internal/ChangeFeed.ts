import * as Effect from "effect/Effect"
import * as PubSub from "effect/PubSub"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import type { EmulatorChange } from "./Changes.js"

/** What changed in the emulator, as it happens, for pages that update live. */
export interface ChangeFeed {
  /** Counts the changes so far. */
  readonly revision: Effect.Effect<number>
  /** Every change from the moment the stream is run. */
  readonly changes: Stream.Stream<EmulatorChange>
  /** Subscribes now: the stream has every change from this moment, for as long as the scope is open. */
  readonly subscribe: Effect.Effect<Stream.Stream<EmulatorChange>, never, Scope.Scope>
}

/** The feed, and how the emulator announces a change: synchronously (an unbounded `PubSub` takes every offer). */
export const makeChangeFeed = (): Effect.Effect<{
  readonly feed: ChangeFeed
  readonly publish: (change: EmulatorChange) => void
}> =>
  Effect.map(PubSub.unbounded<EmulatorChange>(), (changes) => {
    let revision = 0
    return {
      feed: {
        revision: Effect.sync(() => revision),
        changes: Stream.fromPubSub(changes),
        subscribe: Stream.fromPubSub(changes, { scoped: true }),
      },
      publish: (change) => {
        revision++
        changes.unsafeOffer(change)
      },
    }
  })
