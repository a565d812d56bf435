import { ActivityType, type AssociationType, ChannelType, Interaction, optional } from "@crmod-cti/core"
import * as Schema from "effect/Schema"
import { RecordId } from "./RecordId.js"

/** A company's name, the part of a sign-in id before the slash (`OKP` in `OKP/mos.def`). */
export const CompanyName = Schema.String.pipe(
  Schema.pattern(/^[^/\s]+$/, { message: () => "a company name without slashes or spaces" }),
  Schema.annotations({ identifier: "CompanyName" }),
)

const Text = Schema.String.pipe(Schema.minLength(1))
/** Phone numbers are stored as entered; they match by their digits. */
const Phone = Text
const Email = Schema.String.pipe(Schema.pattern(/^[^\s@]+@[^\s@]+$/, { message: () => "an email address" }))

const common = { id: RecordId, company: CompanyName }

export const Contact = Schema.Struct({
  recordType: Schema.tag("Contact"),
  ...common,
  firstName: Schema.String,
  lastName: Text,
  fullName: Text,
  workPhone: optional(Phone),
  homePhone: optional(Phone),
  mobilePhone: optional(Phone),
  email: optional(Email),
  /** The contact's primary account. */
  accountId: optional(RecordId),
}).annotations({ identifier: "Contact" })
export type Contact = typeof Contact.Type

export const Account = Schema.Struct({
  recordType: Schema.tag("Account"),
  ...common,
  name: Text,
  mainPhone: optional(Phone),
}).annotations({ identifier: "Account" })
export type Account = typeof Account.Type

export const Lead = Schema.Struct({
  recordType: Schema.tag("Lead"),
  ...common,
  firstName: Schema.String,
  lastName: Text,
  fullName: Text,
  workPhone: optional(Phone),
  mobilePhone: optional(Phone),
  email: optional(Email),
}).annotations({ identifier: "Lead" })
export type Lead = typeof Lead.Type

export const ServiceRequest = Schema.Struct({
  recordType: Schema.tag("Service Request"),
  ...common,
  number: Text,
  subject: Schema.String,
  contactId: optional(RecordId),
  accountId: optional(RecordId),
}).annotations({ identifier: "ServiceRequest" })
export type ServiceRequest = typeof ServiceRequest.Type

export const Campaign = Schema.Struct({
  recordType: Schema.tag("Campaign"),
  ...common,
  name: Text,
  sourceCode: optional(Text),
}).annotations({ identifier: "Campaign" })
export type Campaign = typeof Campaign.Type

export const Opportunity = Schema.Struct({
  recordType: Schema.tag("Opportunity"),
  ...common,
  name: Text,
  accountId: optional(RecordId),
}).annotations({ identifier: "Opportunity" })
export type Opportunity = typeof Opportunity.Type

/** Every record an activity can be associated with. */
export const CrmRecord = Schema.Union(Contact, Account, Lead, ServiceRequest, Campaign, Opportunity)
export type CrmRecord = typeof CrmRecord.Type
export type CrmRecordType = CrmRecord["recordType"]

/**
 * A CTI activity: the interaction as it was inserted (every insert parameter, with a `Priority` outside the
 * configured list dropped), its type and subtype, the records it is associated with, its owner, and its life
 * (times in epoch milliseconds).
 */
export const Activity = Schema.Struct({
  id: RecordId,
  company: CompanyName,
  /** Sign-in id of the agent whose request created it. */
  owner: Schema.String,
  type: ActivityType,
  /** The channel type. */
  subtype: ChannelType,
  interaction: Schema.typeSchema(Interaction),
  accountId: optional(RecordId),
  contactId: optional(RecordId),
  leadId: optional(RecordId),
  campaignId: optional(RecordId),
  serviceRequestId: optional(RecordId),
  opportunityId: optional(RecordId),
  createdAt: Schema.Number,
  wrappedUpAt: optional(Schema.Number),
  wrapUpNotes: optional(Schema.String),
  callResult: optional(Schema.String),
}).annotations({ identifier: "Activity" })
export type Activity = typeof Activity.Type

/** The activity fields that hold associations, by the record type they point to. */
export const AssociationFields = {
  Account: "accountId",
  Contact: "contactId",
  Lead: "leadId",
  Campaign: "campaignId",
  "Service Request": "serviceRequestId",
  Opportunity: "opportunityId",
} as const satisfies { readonly [T in AssociationType]: keyof Activity }

export type AssociationField = (typeof AssociationFields)[keyof typeof AssociationFields]
