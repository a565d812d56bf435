import * as fc from "fast-check"
import {
  AssociatedRecordTypes,
  ChannelTypes,
  type InsertResult,
  InsertStatuses,
  type Interaction,
  RecordTypes,
  StringLimits,
  type WrapUpInteraction,
  type WrapUpResult,
  WrapUpStatuses,
} from "@crmod-cti/core"

/** What breaks careless XML writers and length counters: markup, quotes, CDATA ends, non-ASCII, astral. */
const awkward = ["<", ">", "&", "&amp;", "]]>", '"', "'", "é", "ß", "中", "😀", "𝄞", " ", "\t", "\n"]

/** One or more characters that XML 1.0 can carry (its `Char` production), awkward ones often. */
const xmlPiece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...awkward) },
  { weight: 4, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xd7ff }).map((code) => String.fromCodePoint(code)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xe000, max: 0xfffd }).map((code) => String.fromCodePoint(code)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code)) },
)

/** Any XML-carriable text, possibly empty or padded with white space (output strings are not constrained). */
export const anyText = fc.array(xmlPiece, { maxLength: 40 }).map((pieces) => pieces.join(""))

/** The chapter's `String (n)`: 1 to `n` characters, none of them white space at either end. */
export const ctiString = (n: number): fc.Arbitrary<string> =>
  fc
    .array(xmlPiece, { minLength: 1, maxLength: n })
    .map((pieces) => Array.from(pieces.join("").trim()).slice(0, n).join("").trim())
    .filter((text) => text.length > 0)

export const epochSeconds = fc.oneof(fc.constantFrom(0, 1287786900, Number.MAX_SAFE_INTEGER), fc.maxSafeNat())

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
    Priority: ctiString(40),
    Queue: ctiString(StringLimits.Queue),
    QueueBeginTime: epochSeconds,
    ServiceRequestNumber: ctiString(StringLimits.ServiceRequestNumber),
  },
  { requiredKeys: ["InteractionId", "AgentOfferTime", "ChannelType"] },
)

export const wrapUpInteraction: fc.Arbitrary<WrapUpInteraction> = fc.record({
  InteractionId: ctiString(StringLimits.InteractionId),
  AgentOfferTime: epochSeconds,
  ChannelType: fc.constantFrom(...ChannelTypes),
})

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

export const wrapUpResult: fc.Arbitrary<WrapUpResult> = fc.record({
  Status: fc.constantFrom(...WrapUpStatuses),
  InteractionId: anyText,
  AgentOfferTime: epochSeconds,
})

/** An interaction full of awkward characters, each string at its length limit. */
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
