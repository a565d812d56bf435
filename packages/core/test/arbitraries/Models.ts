import {
  AssociatedRecordTypes,
  ChannelTypes,
  type InsertResult,
  InsertStatuses,
  type Interaction,
  RecordTypes,
  StringLimits,
  type UsernameToken,
  type WrapUpInteraction,
  type WrapUpResult,
  WrapUpStatuses,
} from "@crmod-cti/core"
import * as fc from "fast-check"
import { anyText, ctiString, ctiText } from "./Text.js"

/** Epoch seconds: the edges (zero, the largest safe integer), the chapter's sample, and any other. */
const epochSeconds: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1287786900, Number.MAX_SAFE_INTEGER),
  fc.maxSafeNat(),
)

/** A valid `CTIActivityInsert` interaction: the required parameters, any of the optional ones. */
export const interaction: fc.Arbitrary<Interaction> = fc.record(
  {
    InteractionId: ctiString(StringLimits.InteractionId),
    AgentOfferTime: epochSeconds,
    ChannelType: fc.constantFrom(...ChannelTypes),
    AssociatedRecordId: ctiString(StringLimits.AssociatedRecordId),
    AssociatedRecordType: fc.constantFrom(...AssociatedRecordTypes),
    CampaignSourceCode: ctiString(StringLimits.CampaignSourceCode),
    ContactPhoneNumber: ctiString(StringLimits.ContactPhoneNumber),
    CreateServiceRequest: fc.boolean(),
    Destination: ctiString(StringLimits.Destination),
    IVRBeginTime: epochSeconds,
    Origin: ctiString(StringLimits.Origin),
    Priority: ctiText,
    Queue: ctiString(StringLimits.Queue),
    QueueBeginTime: epochSeconds,
    ServiceRequestNumber: ctiString(StringLimits.ServiceRequestNumber),
  },
  { requiredKeys: ["InteractionId", "AgentOfferTime", "ChannelType"] },
)

/** A valid `CTIActivityWrapUp` interaction. */
export const wrapUpInteraction: fc.Arbitrary<WrapUpInteraction> = fc.record({
  InteractionId: ctiString(StringLimits.InteractionId),
  AgentOfferTime: epochSeconds,
  ChannelType: fc.constantFrom(...ChannelTypes),
})

/** A `CTIActivityInsert` result: output strings are not constrained, so any text, empty and padded included. */
export const insertResult: fc.Arbitrary<InsertResult> = fc.record(
  {
    Status: fc.constantFrom(...InsertStatuses),
    InteractionId: anyText,
    AgentOfferTime: epochSeconds,
    ActivityId: anyText,
    AccountId: anyText,
    AccountName: anyText,
    ContactId: anyText,
    ContactFullName: anyText,
    LeadId: anyText,
    LeadFullName: anyText,
    CampaignId: anyText,
    CampaignName: anyText,
    ServiceRequestId: anyText,
    ServiceRequestNumber: anyText,
    ScreenPopRecordId: anyText,
    ScreenPopRecordType: fc.constantFrom(...RecordTypes),
  },
  { requiredKeys: ["Status", "InteractionId", "AgentOfferTime"] },
)

/** A `CTIActivityWrapUp` result, its strings unconstrained like `insertResult`'s. */
export const wrapUpResult: fc.Arbitrary<WrapUpResult> = fc.record({
  Status: fc.constantFrom(...WrapUpStatuses),
  InteractionId: anyText,
  AgentOfferTime: epochSeconds,
})

/** A WS-Security UsernameToken: a valid user name, and a password of any non-empty text, kept exactly (PasswordText). */
export const usernameToken: fc.Arbitrary<UsernameToken> = fc.record({
  username: ctiText,
  password: anyText.filter((password) => password !== ""),
})

/** The optional client name a softphone sends with a request. */
export const clientName: fc.Arbitrary<string> = ctiText

/** An interaction full of awkward characters, strings at their length limit: an explicit example for properties. */
export const awkwardInteraction: Interaction = {
  InteractionId: `<&]]>"'é中😀𝄞${"x".repeat(19)}`,
  AgentOfferTime: 0,
  ChannelType: "DID/Direct Call",
  AssociatedRecordType: "Opportunity",
  AssociatedRecordId: "😀".repeat(100),
  Origin: "a]]>b<c>&amp;",
  Queue: "中".repeat(250),
  Priority: "2-Medium",
  CreateServiceRequest: false,
  IVRBeginTime: Number.MAX_SAFE_INTEGER,
}
