import type { ActivityType, ChannelType } from "@crmod-cti/core"
import type { Activity } from "./Records.js"

/** The subtabs of the Communications tab; Callback activities show on the Call subtab (their privilege's). */
export type CommunicationsSubtab = Exclude<ActivityType, "Callback">

export const CommunicationsSubtabs: ReadonlyArray<CommunicationsSubtab> = ["Call", "Chat", "Email", "Voicemail"]

/** A channel of each subtab, whose Access privilege the subtab needs. */
export const SubtabChannels: { readonly [S in CommunicationsSubtab]: ChannelType } = {
  Call: "Inbound Call",
  Chat: "Inbound Chat",
  Email: "Inbound Email",
  Voicemail: "Inbound Voicemail",
}

/** The subtab an activity is listed on: its type's, a callback's the Call subtab (whose privilege it needs). */
export const subtabOf = (activity: Pick<Activity, "type">): CommunicationsSubtab =>
  activity.type === "Callback" ? "Call" : activity.type
