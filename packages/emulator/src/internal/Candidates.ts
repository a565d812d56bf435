import type { CandidateRecord, Lookup } from "@crmod-cti/core"
import type { EmulatorStoreShape } from "./EmulatorStore.js"
import { AllPhoneFields } from "./MatchKeys.js"
import type { CrmRecord } from "./Records.js"

/** What an insert result reports for a record: a person's full name, a name, or a service request's number. */
export const labelOf = (record: CrmRecord): string => {
  switch (record.recordType) {
    case "Contact":
    case "Lead":
      return record.fullName
    case "Service Request":
      return record.number
    default:
      return record.name
  }
}

/** Answers the core's association lookups from the store, as candidates that bring their linked records. */
export const makeCandidateFinder = (store: EmulatorStoreShape) => {
  /** The record with this id if it is of the company and of this type. */
  const linked = (company: string, id: string | undefined, type: CrmRecord["recordType"]): Array<CrmRecord> => {
    const record = id === undefined ? undefined : store.record(id)
    return record !== undefined && record.company === company && record.recordType === type ? [record] : []
  }

  /** A record as a candidate: a contact brings its primary account; a service request its account and contact. */
  const candidateOf = (record: CrmRecord): CandidateRecord => {
    const candidate = { type: record.recordType, id: record.id, label: labelOf(record) }
    const brought =
      record.recordType === "Contact"
        ? linked(record.company, record.accountId, "Account")
        : record.recordType === "Service Request"
          ? // The service request's own account first, so that it wins over the contact's primary account.
            [
              ...linked(record.company, record.accountId, "Account"),
              ...linked(record.company, record.contactId, "Contact"),
            ]
          : []
    return brought.length === 0 ? candidate : { ...candidate, brings: brought.map(candidateOf) }
  }

  const recordsFor = (company: string, lookup: Lookup): ReadonlyArray<CrmRecord> => {
    switch (lookup.kind) {
      case "PassedInRecord":
        // A passed-in record that does not exist (in this company, with this type) is ignored.
        return linked(company, lookup.id, lookup.type)
      case "ServiceRequestNumber":
        return store.serviceRequestsByNumber(company, lookup.number)
      case "CampaignSourceCode":
        return store.campaignsBySourceCode(company, lookup.code)
      case "ContactHomePhone":
        return store.recordsByPhone(company, lookup.digits, ["Contact home phone"])
      case "Phone":
        return store.recordsByPhone(company, lookup.digits, AllPhoneFields)
      case "Email":
        return store.recordsByEmail(company, lookup.email)
    }
  }

  return {
    candidateOf,
    /** The records one lookup finds in the company. */
    find: (company: string, lookup: Lookup): ReadonlyArray<CandidateRecord> =>
      recordsFor(company, lookup).map(candidateOf),
  }
}
