import type { AssociationType } from "@crmod-cti/core"
import { type AssociationField, AssociationFields, type CrmRecord, type CrmRecordType } from "./Records.js"

/** A reference from a record or an activity to a record: the field, the id it holds and the type it must have. */
export type Reference = readonly [field: string, id: string, type: AssociationType]

/**
 * The record graph, written once: which fields of each record type refer to which record types, in the order
 * they are shown (a service request's contact before its account). Seeding checks them, insert association
 * follows them (a contact brings its account), and the CRM queries read linked records through them.
 */
export const RecordReferences: { readonly [T in CrmRecordType]: Readonly<Record<string, AssociationType>> } = {
  Contact: { accountId: "Account" },
  Account: {},
  Lead: {},
  "Service Request": { contactId: "Contact", accountId: "Account" },
  Campaign: {},
  Opportunity: { accountId: "Account" },
}

/** An activity refers to a record of each association type, in the order of `AssociationFields`. */
const ActivityReferences = Object.fromEntries(
  Object.entries(AssociationFields).map(([type, field]) => [field, type as AssociationType]),
)

const referencesBy = (fields: Readonly<Record<string, AssociationType>>, item: object): Array<Reference> =>
  Object.entries(fields).flatMap(([field, type]) => {
    const id = (item as Readonly<Record<string, unknown>>)[field]
    return typeof id === "string" ? [[field, id, type] as const] : []
  })

/** The records a record refers to. */
export const referencesOfRecord = (record: CrmRecord): Array<Reference> =>
  referencesBy(RecordReferences[record.recordType], record)

/** The records an activity is associated with. */
export const referencesOfActivity = (activity: { readonly [F in AssociationField]?: string }): Array<Reference> =>
  referencesBy(ActivityReferences, activity)
