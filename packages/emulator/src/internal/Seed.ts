import { Interaction, optional, Privilege } from "@crmod-cti/core"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Struct from "effect/Struct"
import { EmulatorConfigError } from "./EmulatorConfigError.js"
import { Account, Activity, Campaign, CompanyName, Contact, Lead, Opportunity, ServiceRequest } from "./Records.js"

/** A sign-in id, `COMPANY/user`. */
export const SignInId = Schema.String.pipe(
  Schema.pattern(/^[^/\s]+\/[^/\s]+$/, { message: () => "a sign-in id like OKP/mos.def" }),
  Schema.annotations({ identifier: "SignInId" }),
)

/** A user of a tenant; without a password, the emulator's `password` option (by default `password`). */
export const UserSeed = Schema.Struct({
  signInId: SignInId,
  privileges: Schema.Array(Privilege),
  password: optional(Schema.String.pipe(Schema.minLength(1))),
}).annotations({ identifier: "UserSeed" })
export type UserSeed = typeof UserSeed.Type

// Seeds are records without the company (the tenant's) and record type (the list's); names default to first + last.
const fullName = { fullName: optional(Schema.String.pipe(Schema.minLength(1))) }
export const ContactSeed = Schema.Struct({
  ...Struct.omit(Contact.fields, "recordType", "company", "fullName"),
  ...fullName,
})
export type ContactSeed = typeof ContactSeed.Type
export const AccountSeed = Schema.Struct(Struct.omit(Account.fields, "recordType", "company"))
export type AccountSeed = typeof AccountSeed.Type
export const LeadSeed = Schema.Struct({ ...Struct.omit(Lead.fields, "recordType", "company", "fullName"), ...fullName })
export type LeadSeed = typeof LeadSeed.Type
export const ServiceRequestSeed = Schema.Struct(Struct.omit(ServiceRequest.fields, "recordType", "company"))
export type ServiceRequestSeed = typeof ServiceRequestSeed.Type
export const CampaignSeed = Schema.Struct(Struct.omit(Campaign.fields, "recordType", "company"))
export type CampaignSeed = typeof CampaignSeed.Type
export const OpportunitySeed = Schema.Struct(Struct.omit(Opportunity.fields, "recordType", "company"))
export type OpportunitySeed = typeof OpportunitySeed.Type

/**
 * A pre-existing activity: its owner, the interaction that created it, its associations and life. The type and
 * subtype follow from the interaction's channel type; `createdAt` defaults to the time of seeding. Seeds may
 * share an identity (to reach `Multiple activites found`), which inserts never do.
 */
export const ActivitySeed = Schema.Struct({
  ...Struct.omit(Activity.fields, "company", "type", "subtype", "interaction", "createdAt"),
  interaction: Schema.typeSchema(Interaction),
  createdAt: optional(Schema.Number),
}).annotations({ identifier: "ActivitySeed" })
export type ActivitySeed = typeof ActivitySeed.Type

/** A company with its users, records and activities. Ids are unique across every tenant of an emulator. */
export const TenantSeed = Schema.Struct({
  company: CompanyName,
  users: Schema.Array(UserSeed),
  contacts: optional(Schema.Array(ContactSeed)),
  accounts: optional(Schema.Array(AccountSeed)),
  leads: optional(Schema.Array(LeadSeed)),
  serviceRequests: optional(Schema.Array(ServiceRequestSeed)),
  campaigns: optional(Schema.Array(CampaignSeed)),
  opportunities: optional(Schema.Array(OpportunitySeed)),
  activities: optional(Schema.Array(ActivitySeed)),
}).annotations({ identifier: "TenantSeed" })
export type TenantSeed = typeof TenantSeed.Type

const decode = Schema.decodeUnknownEither(TenantSeed, { errors: "first", onExcessProperty: "error" })

/** Checks a tenant seed (ids, sign-in ids, phone and email formats, privileges), naming the first bad value. */
export const decodeTenantSeed = (input: unknown): Either.Either<TenantSeed, EmulatorConfigError> =>
  Either.mapLeft(decode(input), (error) => {
    const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
    const path = issue === undefined ? "" : issue.path.join(".")
    return new EmulatorConfigError({
      reason: "InvalidSeed",
      message: `Invalid tenant seed at ${path === "" ? "its root" : path}: ${issue?.message ?? "invalid"}`,
    })
  })
