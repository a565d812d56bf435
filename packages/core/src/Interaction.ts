import * as Schema from "effect/Schema"
import { ChannelType } from "./ChannelType.js"
import { CtiBoolean, CtiString, CtiText, EpochSeconds, StringLimits, optional } from "./FieldTypes.js"
import { AssociatedRecordType } from "./RecordType.js"

/**
 * One `Interaction` of a `CTIActivityInsert` request: the chapter's input parameters. The encoded side is the
 * XML text of each element, so `Schema.decode(Interaction)` is exactly what a server does with a request.
 */
export const Interaction = Schema.Struct({
  InteractionId: CtiString(StringLimits.InteractionId),
  AgentOfferTime: EpochSeconds,
  ChannelType: ChannelType,
  AssociatedRecordId: optional(CtiString(StringLimits.AssociatedRecordId)),
  AssociatedRecordType: optional(AssociatedRecordType),
  CampaignSourceCode: optional(CtiString(StringLimits.CampaignSourceCode)),
  ContactPhoneNumber: optional(CtiString(StringLimits.ContactPhoneNumber)),
  CreateServiceRequest: optional(CtiBoolean),
  Destination: optional(CtiString(StringLimits.Destination)),
  IVRBeginTime: optional(EpochSeconds),
  Origin: optional(CtiString(StringLimits.Origin)),
  // A configurable LOV whose invalid values are ignored, not rejected: see `Priority.ts`.
  Priority: optional(CtiText.pipe(Schema.minLength(1))),
  Queue: optional(CtiString(StringLimits.Queue)),
  QueueBeginTime: optional(EpochSeconds),
  ServiceRequestNumber: optional(CtiString(StringLimits.ServiceRequestNumber)),
}).annotations({ identifier: "Interaction" })
export type Interaction = typeof Interaction.Type

/** One `Interaction` of a `CTIActivityWrapUp` request. */
export const WrapUpInteraction = Schema.Struct({
  InteractionId: CtiString(StringLimits.InteractionId),
  AgentOfferTime: EpochSeconds,
  ChannelType: ChannelType,
}).annotations({ identifier: "WrapUpInteraction" })
export type WrapUpInteraction = typeof WrapUpInteraction.Type

/**
 * Element names of each operation's `Interaction`: the required ones first, as the chapter's samples write them, then
 * the others in the order of the chapter's (alphabetical) input table.
 */
export const InteractionElements = Object.keys(Interaction.fields) as ReadonlyArray<keyof Interaction>
export const WrapUpInteractionElements = Object.keys(WrapUpInteraction.fields) as ReadonlyArray<keyof WrapUpInteraction>

/** Elements that must be present and non-empty in every interaction of either operation. */
export const RequiredElements = ["InteractionId", "AgentOfferTime", "ChannelType"] as const
