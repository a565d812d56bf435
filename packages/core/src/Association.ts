import { customerEndOf } from "./ChannelType.js"
import type { Interaction } from "./Interaction.js"
import { isEmailAddress, normalizeEmail, phoneDigits } from "./Normalize.js"

/** The record types an activity can be associated with. */
export const AssociationTypes = ["Service Request", "Campaign", "Contact", "Lead", "Account", "Opportunity"] as const
export type AssociationType = (typeof AssociationTypes)[number]

/** A record found for an interaction, with the records it brings along (see `resolveAssociations`). */
export interface CandidateRecord {
  readonly type: AssociationType
  readonly id: string
  /** Full name, account or campaign name, or service request number: what the insert result reports. */
  readonly label: string
  /** A contact brings its primary account; a service request its contact and account. */
  readonly brings?: ReadonlyArray<CandidateRecord>
}

export type Associations = { readonly [T in AssociationType]?: CandidateRecord }

/**
 * One way of finding records for an interaction. The emulator answers each with the records it finds; a lookup
 * that finds nothing is not an error (the chapter: the activity is still created).
 */
export type Lookup =
  | { readonly kind: "PassedInRecord"; readonly type: AssociationType; readonly id: string }
  | { readonly kind: "ServiceRequestNumber"; readonly number: string }
  | { readonly kind: "CampaignSourceCode"; readonly code: string }
  /** IVR `ContactPhoneNumber`: a contact's home phone. */
  | { readonly kind: "ContactHomePhone"; readonly digits: string }
  /** ANI/DNIS: contacts' work, home and mobile phones, leads' work and mobile phones, accounts' main phone. */
  | { readonly kind: "Phone"; readonly digits: string }
  /** Contacts' and leads' email addresses, compared case-insensitively. */
  | { readonly kind: "Email"; readonly email: string }

const isAssociationType = (type: string): type is AssociationType =>
  (AssociationTypes as ReadonlyArray<string>).includes(type)

const addressLookup = (address: string, kind: "phone" | "email" | "either"): Lookup | undefined => {
  if (kind === "email" || (kind === "either" && isEmailAddress(address))) {
    return { kind: "Email", email: normalizeEmail(address) }
  }
  const digits = phoneDigits(address)
  return digits === "" ? undefined : { kind: "Phone", digits }
}

/**
 * The lookups for an interaction, strongest first (`CONTRACT.md` §4): the passed-in record (when both its type
 * and id are given), the IVR parameters, then ANI/DNIS by channel — inbound calls and voicemails by Origin,
 * outbound calls by Destination, emails by the Origin address, chats by the Origin phone number or address.
 */
export const associationLookups = (interaction: Interaction): ReadonlyArray<Lookup> => {
  const lookups: Array<Lookup> = []
  const { AssociatedRecordType: type, AssociatedRecordId: id } = interaction
  if (type !== undefined && id !== undefined && isAssociationType(type)) {
    lookups.push({ kind: "PassedInRecord", type, id })
  }
  if (interaction.ServiceRequestNumber !== undefined) {
    lookups.push({ kind: "ServiceRequestNumber", number: interaction.ServiceRequestNumber })
  }
  if (interaction.CampaignSourceCode !== undefined) {
    lookups.push({ kind: "CampaignSourceCode", code: interaction.CampaignSourceCode })
  }
  if (interaction.ContactPhoneNumber !== undefined) {
    const digits = phoneDigits(interaction.ContactPhoneNumber)
    if (digits !== "") lookups.push({ kind: "ContactHomePhone", digits })
  }
  const channel = interaction.ChannelType
  const address = interaction[customerEndOf(channel)]
  if (address !== undefined) {
    const kind = channel.includes("Email") ? "email" : channel.includes("Chat") ? "either" : "phone"
    const lookup = addressLookup(address, kind)
    if (lookup !== undefined) lookups.push(lookup)
  }
  return lookups
}

/**
 * Resolve what each lookup found (in the order of `associationLookups`) into the activity's associations:
 * - a stronger lookup wins: a type already associated is not replaced;
 * - more than one distinct record of a type from one lookup associates none of that type, then or later (the
 *   agent is never shown the wrong customer), while the other types go on matching;
 * - an associated record brings its linked records into the types still free, stronger types first.
 */
export const resolveAssociations = (found: ReadonlyArray<ReadonlyArray<CandidateRecord>>): Associations => {
  const associated: { [T in AssociationType]?: CandidateRecord } = {}
  const ambiguous = new Set<AssociationType>()
  const free = (type: AssociationType) => associated[type] === undefined && !ambiguous.has(type)
  const associate = (record: CandidateRecord): void => {
    if (!free(record.type)) return
    associated[record.type] = record
    for (const linked of record.brings ?? []) associate(linked)
  }
  for (const records of found) {
    for (const type of AssociationTypes) {
      if (!free(type)) continue
      const ofType = records.filter((record) => record.type === type)
      const distinct = new Set(ofType.map((record) => record.id))
      if (distinct.size > 1) ambiguous.add(type)
      else if (ofType[0] !== undefined) associate(ofType[0])
    }
  }
  return associated
}

/**
 * `CreateServiceRequest`: a new service request is created only when asked for and no service request is
 * associated or named (`ServiceRequestNumber` given, or `AssociatedRecordType` Service Request).
 */
export const shouldCreateServiceRequest = (interaction: Interaction, associations: Associations): boolean =>
  interaction.CreateServiceRequest === true &&
  associations["Service Request"] === undefined &&
  interaction.ServiceRequestNumber === undefined &&
  interaction.AssociatedRecordType !== "Service Request"
