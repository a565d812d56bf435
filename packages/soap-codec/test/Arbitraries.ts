import {
  AssociatedRecordTypes,
  ChannelTypes,
  CtiString,
  CtiText,
  type InsertResult,
  InsertStatuses,
  type Interaction,
  RecordTypes,
  StringLimits,
  type WrapUpInteraction,
  type WrapUpResult,
  WrapUpStatuses,
} from "@crmod-cti/core"
import { Schema } from "effect"
import fc from "fast-check"

// XML 1.0 `Char`: the only characters any XML document can carry.
const xmlChar = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u

/** Pieces of text that stress escaping: markup, references, CDATA ends, quotes, non-ASCII and astral characters. */
const pieces = fc.oneof(
  fc.constantFrom(
    "<",
    ">",
    "&",
    "]]>",
    '"',
    "'",
    "&amp;",
    "&#x41;",
    "<![CDATA[",
    "-->",
    "</data:Origin>",
    "é",
    "ß",
    "中",
    "😀",
    "𝄞",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "a",
    "Z",
    "0",
  ),
  fc.string({ unit: "binary", minLength: 1, maxLength: 3 }),
)

/** Any text XML can carry, empty and surrounding white space included. */
export const anyText = fc
  .array(pieces, { maxLength: 12 })
  .map((parts) => parts.join(""))
  .filter((text) => xmlChar.test(text))

/** Text valid for a schema of the core (non-empty, trimmed, within its length limit). */
const textOf = (schema: Schema.Schema<string>) => {
  const valid = Schema.is(schema)
  return fc
    .array(pieces, { minLength: 1, maxLength: 12 })
    .map((parts) => parts.join(""))
    .filter((text) => xmlChar.test(text) && valid(text))
}

const limited = (name: keyof typeof StringLimits) => textOf(CtiString(StringLimits[name]))
const epoch = fc.maxSafeNat()

export const interaction: fc.Arbitrary<Interaction> = fc.record(
  {
    InteractionId: limited("InteractionId"),
    AgentOfferTime: epoch,
    ChannelType: fc.constantFrom(...ChannelTypes),
    AssociatedRecordId: limited("AssociatedRecordId"),
    AssociatedRecordType: fc.constantFrom(...AssociatedRecordTypes),
    CampaignSourceCode: limited("CampaignSourceCode"),
    ContactPhoneNumber: limited("ContactPhoneNumber"),
    CreateServiceRequest: fc.boolean(),
    Destination: limited("Destination"),
    IVRBeginTime: epoch,
    Origin: limited("Origin"),
    Priority: textOf(CtiText),
    Queue: limited("Queue"),
    QueueBeginTime: epoch,
    ServiceRequestNumber: limited("ServiceRequestNumber"),
  },
  { requiredKeys: ["InteractionId", "AgentOfferTime", "ChannelType"] },
)

export const wrapUpInteraction: fc.Arbitrary<WrapUpInteraction> = fc.record({
  InteractionId: limited("InteractionId"),
  AgentOfferTime: epoch,
  ChannelType: fc.constantFrom(...ChannelTypes),
})

export const usernameToken = fc.record({
  username: textOf(CtiText),
  password: anyText.filter((password) => password !== ""),
})

export const clientName = textOf(CtiText)

export const insertResult: fc.Arbitrary<InsertResult> = fc.record(
  {
    Status: fc.constantFrom(...InsertStatuses),
    InteractionId: anyText,
    AgentOfferTime: epoch,
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
  AgentOfferTime: epoch,
})
