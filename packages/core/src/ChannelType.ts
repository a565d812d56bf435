import * as Schema from "effect/Schema"

/** The chapter's 22 channel types (the activity subtype), each implying an activity type. */
export const ChannelTypes = [
  "Inbound Call",
  "Outbound Call",
  "Inbound Transfer",
  "Outbound Transfer",
  "Missed Transfer",
  "Predictive Call",
  "Predictive Transfer",
  "Preview Call",
  "Preview Transfer",
  "DID/Direct Call",
  "Inbound Email",
  "Outbound Email",
  "Forwarded Email",
  "Reassigned Email",
  "Email Response",
  "Inbound Voicemail",
  "Forwarded Voicemail",
  "Reassigned Voicemail",
  "Callback",
  "Web Callback",
  "Inbound Chat",
  "Chat Transfer",
] as const

export const ChannelType = Schema.Literal(...ChannelTypes)
export type ChannelType = typeof ChannelType.Type

/** The activity `Type` a channel type sets automatically (the values in parentheses in the chapter). */
export const ActivityTypes = ["Call", "Callback", "Chat", "Email", "Voicemail"] as const
export const ActivityType = Schema.Literal(...ActivityTypes)
export type ActivityType = typeof ActivityType.Type

const activityTypes: { readonly [C in ChannelType]: ActivityType } = {
  "Inbound Call": "Call",
  "Outbound Call": "Call",
  "Inbound Transfer": "Call",
  "Outbound Transfer": "Call",
  "Missed Transfer": "Call",
  "Predictive Call": "Call",
  "Predictive Transfer": "Call",
  "Preview Call": "Call",
  "Preview Transfer": "Call",
  "DID/Direct Call": "Call",
  "Inbound Email": "Email",
  "Outbound Email": "Email",
  "Forwarded Email": "Email",
  "Reassigned Email": "Email",
  "Email Response": "Email",
  "Inbound Voicemail": "Voicemail",
  "Forwarded Voicemail": "Voicemail",
  "Reassigned Voicemail": "Voicemail",
  Callback: "Callback",
  "Web Callback": "Callback",
  "Inbound Chat": "Chat",
  "Chat Transfer": "Chat",
}

export const activityTypeOf = (channel: ChannelType): ActivityType => activityTypes[channel]

export const isChannelType = Schema.is(ChannelType)

/**
 * Which end of the interaction identifies the customer (ANI/DNIS matching, `oracle-facts.md`):
 * the customer is dialled on outbound calls (the Destination), and is the Origin everywhere else.
 */
const outbound: ReadonlySet<ChannelType> = new Set<ChannelType>([
  "Outbound Call",
  "Outbound Transfer",
  "Predictive Call",
  "Predictive Transfer",
  "Preview Call",
  "Preview Transfer",
  "Callback",
  "Web Callback",
])

export type CustomerEnd = "Origin" | "Destination"

export const customerEndOf = (channel: ChannelType): CustomerEnd => (outbound.has(channel) ? "Destination" : "Origin")
