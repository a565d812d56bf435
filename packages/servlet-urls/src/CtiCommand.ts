import * as Schema from "effect/Schema"
import { AssociatedRecordType, ChannelType, CtiString, EpochSeconds, StringLimits, optional } from "@crmod-cti/core"

/**
 * The chapter's `ScreenPop` command: load the detail page of a record. `Record Type` is the servlet's LOV (the CTI
 * record types and Opportunity); `Channel Type` is required when the record is an Activity (the chapter: "the same
 * value sent in the CTIActivityInsert request") and allowed otherwise.
 */
export const ScreenPopCommand = Schema.Struct({
  command: Schema.Literal("ScreenPop"),
  recordType: AssociatedRecordType,
  // A record id is what `AssociatedRecordId` carries to the Web service, so it has that parameter's limit.
  recordId: CtiString(StringLimits.AssociatedRecordId),
  channelType: optional(ChannelType),
}).pipe(
  Schema.filter((command) =>
    command.recordType === "Activity" && command.channelType === undefined
      ? { path: ["channelType"], message: "required when Record Type is Activity" }
      : undefined,
  ),
  Schema.annotations({ identifier: "ScreenPopCommand" }),
)
export type ScreenPopCommand = typeof ScreenPopCommand.Type

/**
 * The chapter's `WrapUp` command: open the wrap-up edit page of the activity identified, like in the Web service,
 * by `Interaction Id` and `Agent Offer Time` (epoch seconds).
 */
export const WrapUpCommand = Schema.Struct({
  command: Schema.Literal("WrapUp"),
  interactionId: CtiString(StringLimits.InteractionId),
  agentOfferTime: EpochSeconds,
}).annotations({ identifier: "WrapUpCommand" })
export type WrapUpCommand = typeof WrapUpCommand.Type

/** Any command of the CTICommand servlet. The encoded side holds the parameter values as text. */
export const CtiCommand = Schema.Union(ScreenPopCommand, WrapUpCommand).annotations({ identifier: "CtiCommand" })
export type CtiCommand = typeof CtiCommand.Type

export const CtiCommandNames = ["ScreenPop", "WrapUp"] as const satisfies ReadonlyArray<CtiCommand["command"]>
export type CtiCommandName = CtiCommand["command"]

/** The servlet's parameter names, as the chapter writes them (with spaces, unlike the Web service's). */
export const ServletParameters = {
  command: "Command",
  recordType: "Record Type",
  recordId: "Record Id",
  channelType: "Channel Type",
  interactionId: "Interaction Id",
  agentOfferTime: "Agent Offer Time",
} as const
export type ServletParameterName = (typeof ServletParameters)[keyof typeof ServletParameters]

/** The servlet's path below the CRM On Demand base URL (`…/OnDemand`). */
export const CtiCommandPath = "/user/CTICommand"
