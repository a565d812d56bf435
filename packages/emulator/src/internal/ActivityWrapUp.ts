import {
  activityTypeOf,
  type CtiUser,
  identityOf,
  type WrapUpInteraction,
  type WrapUpResult,
  wrapUpResult,
} from "@crmod-cti/core"
import * as Either from "effect/Either"
import type { EmulatorChange } from "./Changes.js"
import type { EmulatorStoreShape } from "./EmulatorStore.js"

export interface WrapUpOutcome {
  readonly result: WrapUpResult
  readonly change?: EmulatorChange
}

/**
 * Wraps up the one activity of the company with the interaction's identity and its channel's activity type.
 * Synchronous from the check to the write, so of concurrent wrap-ups of an activity exactly one answers `OK`.
 */
export const wrapUpInteraction = (
  store: EmulatorStoreShape,
  user: CtiUser,
  now: number,
  interaction: WrapUpInteraction,
): WrapUpOutcome => {
  const identity = identityOf(interaction)
  const type = activityTypeOf(interaction.ChannelType)
  const matches = store.activitiesByIdentity(user.company, identity).filter((activity) => activity.type === type)
  const [activity] = matches
  if (activity === undefined) return { result: wrapUpResult(identity, "Activity not found") }
  if (matches.length > 1) return { result: wrapUpResult(identity, "Multiple activites found") }
  if (activity.wrappedUpAt !== undefined) {
    return { result: wrapUpResult(identity, "Activity has already been wrapped up") }
  }
  const wrapped = { ...activity, wrappedUpAt: now }
  if (Either.isLeft(store.updateActivity(wrapped))) return { result: wrapUpResult(identity, "Error") }
  return { result: wrapUpResult(identity, "OK"), change: { _tag: "ActivityWrappedUp", activity: wrapped } }
}
