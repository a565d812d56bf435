import * as Schema from "effect/Schema"
import { type ActivityType, activityTypeOf, type ChannelType } from "./ChannelType.js"

/** The CTI role privileges of `oracle-facts.md`. */
export const Privileges = [
  "Access Call Communications",
  "Access Chat Communications",
  "Access Email Communications",
  "Access Voicemail Communications",
  "Manage CTI On Demand Access",
] as const
export const Privilege = Schema.Literal(...Privileges)
export type Privilege = typeof Privilege.Type

export type AccessPrivilege = Exclude<Privilege, "Manage CTI On Demand Access">

const byActivityType: { readonly [T in ActivityType]: AccessPrivilege } = {
  Call: "Access Call Communications",
  // Not documented by Oracle; the contract decides that Callback counts as Call.
  Callback: "Access Call Communications",
  Chat: "Access Chat Communications",
  Email: "Access Email Communications",
  Voicemail: "Access Voicemail Communications",
}

/** The Access privilege a channel needs (for creating, screen-popping and wrapping up its activities). */
export const requiredPrivilege = (channel: ChannelType): AccessPrivilege => byActivityType[activityTypeOf(channel)]

/** Whether a user with these privileges may act on every one of these channels. */
export const mayAccessAll = (
  privileges: ReadonlySet<Privilege> | ReadonlyArray<Privilege>,
  channels: Iterable<ChannelType>,
): boolean => {
  const held: ReadonlySet<Privilege> = privileges instanceof Set ? privileges : new Set(privileges)
  for (const channel of channels) if (!held.has(requiredPrivilege(channel))) return false
  return true
}
