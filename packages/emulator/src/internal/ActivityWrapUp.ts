import {
  activityTypeOf,
  type CtiUser,
  identityOf,
  type WrapUpInteraction,
  type WrapUpResult,
  wrapUpResult,
} from "@crmod-cti/core"
import * as Effect from "effect/Effect"
import type { EmulatorChange } from "./Changes.js"
import type { EmulatorStoreShape } from "./EmulatorStore.js"

export interface WrapUpOutcome {
  readonly result: WrapUpResult
  readonly change?: EmulatorChange
}

/**
 * Wraps up the one activity of the company with the interaction's identity and its channel's activity type.
 * Callers hold the company's lock, so of concurrent wrap-ups of an activity exactly one answers `OK`.
 */
export const wrapUpInteraction =
  (store: EmulatorStoreShape, user: CtiUser, now: number) =>
  (interaction: WrapUpInteraction): Effect.Effect<WrapUpOutcome> =>
    Effect.gen(function* () {
      const identity = identityOf(interaction)
      const type = activityTypeOf(interaction.ChannelType)
      const matches = (yield* store.activitiesByIdentity(user.company, identity)).filter(
        (activity) => activity.type === type,
      )
      const [activity] = matches
      if (activity === undefined) return { result: wrapUpResult(identity, "Activity not found") }
      if (matches.length > 1) return { result: wrapUpResult(identity, "Multiple activites found") }
      if (activity.wrappedUpAt !== undefined) {
        return { result: wrapUpResult(identity, "Activity has already been wrapped up") }
      }
      const wrapped = { ...activity, wrappedUpAt: now }
      return yield* store.updateActivity(wrapped).pipe(
        Effect.as<WrapUpOutcome>({
          result: wrapUpResult(identity, "OK"),
          change: { _tag: "ActivityWrappedUp", activity: wrapped },
        }),
        Effect.catchTag("StoreError", () => Effect.succeed({ result: wrapUpResult(identity, "Error") })),
      )
    })
