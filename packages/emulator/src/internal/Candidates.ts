import type { CandidateRecord, Lookup } from "@crmod-cti/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
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
  const linked = (company: string, id: string | undefined, type: CrmRecord["recordType"]) =>
    id === undefined
      ? Effect.succeed(Option.none<CrmRecord>())
      : Effect.map(
          store.record(id),
          Option.filter((record) => record.company === company && record.recordType === type),
        )

  /** A record as a candidate: a contact brings its primary account; a service request its account and contact. */
  const candidateOf = (record: CrmRecord): Effect.Effect<CandidateRecord> =>
    Effect.gen(function* () {
      const candidate = { type: record.recordType, id: record.id, label: labelOf(record) }
      const brought: Array<CrmRecord> = []
      if (record.recordType === "Contact") {
        brought.push(...Option.toArray(yield* linked(record.company, record.accountId, "Account")))
      }
      if (record.recordType === "Service Request") {
        // The service request's own account first, so that it wins over the contact's primary account.
        brought.push(...Option.toArray(yield* linked(record.company, record.accountId, "Account")))
        brought.push(...Option.toArray(yield* linked(record.company, record.contactId, "Contact")))
      }
      if (brought.length === 0) return candidate
      return { ...candidate, brings: yield* Effect.forEach(brought, candidateOf) }
    })

  const recordsFor = (company: string, lookup: Lookup): Effect.Effect<ReadonlyArray<CrmRecord>> => {
    switch (lookup.kind) {
      case "PassedInRecord":
        // A passed-in record that does not exist (in this company, with this type) is ignored.
        return Effect.map(linked(company, lookup.id, lookup.type), Option.toArray)
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
    find: (company: string, lookup: Lookup): Effect.Effect<ReadonlyArray<CandidateRecord>> =>
      Effect.flatMap(recordsFor(company, lookup), (records) => Effect.forEach(records, candidateOf)),
  }
}
