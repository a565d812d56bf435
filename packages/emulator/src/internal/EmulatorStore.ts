import type { ActivityIdentity, CtiUser } from "@crmod-cti/core"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import type * as Either from "effect/Either"
import type { PhoneField } from "./MatchKeys.js"
import type { Positioned } from "./Paging.js"
import type { PasswordHash } from "./PasswordHasher.js"
import type { Activity, Campaign, CrmRecord, CrmRecordType, ServiceRequest } from "./Records.js"
import type { CommunicationsSubtab } from "./Subtabs.js"

/**
 * Why the store could not write. `Rejected` and `DuplicateId` mean it refused this record (an insert answers
 * `Unable to create activity`); `Unavailable` means it failed (an insert or wrap-up answers `Error`).
 */
export class StoreError extends Data.TaggedError("StoreError")<{
  readonly reason: "DuplicateId" | "Rejected" | "Unavailable"
  readonly message: string
}> {}

export interface StoredUser extends CtiUser {
  readonly credential: PasswordHash
}

/**
 * The emulator's storage port. It is synchronous: reads return plain values (`undefined` when nothing is
 * found) and writes return an `Either`, a refusal or failure as a typed `StoreError` rather than a thrown one.
 *
 * Synchronous is what makes the emulator correct without locks. JavaScript runs one thing at a time, and a
 * request's check-and-write (is the identity free? is the allotment left? then write) is one synchronous call
 * with no `await` or fiber yield inside, so no other request can run between the check and the write: exactly
 * one `OK` per identity, however many requests arrive at once. Memory and embedded databases (`node:sqlite`,
 * `better-sqlite3`) have synchronous APIs, so they fit this port; a store reached over a network does not
 * (it would need the locks and the asynchrony back).
 *
 * Every lookup an insert or a wrap-up makes is an index lookup, so their cost does not grow with the number of
 * stored records or activities. The lists the CRM pages show are read a page at a time from indexes kept in the
 * order of writes (`Positioned` rows, newest first, at most `limit`, before the position `before` when given), so
 * a page costs the same however much is stored. Other lists are in the order things were added. Reads must not
 * throw; an unexpected exception from any operation is a defect of the request that made it.
 */
export interface EmulatorStoreShape {
  readonly addUser: (user: StoredUser) => Either.Either<void, StoreError>
  readonly updateUser: (user: StoredUser) => Either.Either<void, StoreError>
  readonly user: (signInId: string) => StoredUser | undefined
  readonly usersOf: (company: string) => ReadonlyArray<StoredUser>

  readonly addRecord: (record: CrmRecord) => Either.Either<void, StoreError>
  readonly record: (id: string) => CrmRecord | undefined
  /** Records of `company` with one of `fields` equal to `digits` (a phone number's digits). */
  readonly recordsByPhone: (
    company: string,
    digits: string,
    fields: ReadonlyArray<PhoneField>,
  ) => ReadonlyArray<CrmRecord>
  /** Contacts and leads of `company` with this email address (normalised). */
  readonly recordsByEmail: (company: string, email: string) => ReadonlyArray<CrmRecord>
  readonly serviceRequestsByNumber: (company: string, number: string) => ReadonlyArray<ServiceRequest>
  readonly campaignsBySourceCode: (company: string, code: string) => ReadonlyArray<Campaign>
  /** A company's records of one type, newest first. */
  readonly recordsOfType: (
    company: string,
    type: CrmRecordType,
    before: number | undefined,
    limit: number,
  ) => ReadonlyArray<Positioned<CrmRecord>>
  /** Whether a record or an activity already has this id (ids are unique across the store). */
  readonly isIdTaken: (id: string) => boolean

  /** Adds an activity, and the service request created for it if any: both or neither. */
  readonly addActivity: (activity: Activity, serviceRequest?: ServiceRequest) => Either.Either<void, StoreError>
  /**
   * Replaces a stored activity (same id) by a new version of it; identity, owner and associations stay, and a
   * wrapped-up activity stays wrapped up.
   */
  readonly updateActivity: (activity: Activity) => Either.Either<void, StoreError>
  readonly activity: (id: string) => Activity | undefined
  readonly activitiesByIdentity: (company: string, identity: ActivityIdentity) => ReadonlyArray<Activity>
  /**
   * An agent's activities of one Communications subtab: `current` ones (not wrapped up) newest created first,
   * `completed` ones most recently wrapped up first.
   */
  readonly activitiesOfOwner: (
    signInId: string,
    subtab: CommunicationsSubtab,
    state: "current" | "completed",
    before: number | undefined,
    limit: number,
  ) => ReadonlyArray<Positioned<Activity>>
  /** The activities associated with a record, of one subtab, newest first. */
  readonly activitiesOfRecord: (
    recordId: string,
    subtab: CommunicationsSubtab,
    before: number | undefined,
    limit: number,
  ) => ReadonlyArray<Positioned<Activity>>
  /** How many activities of one subtab are associated with a record. */
  readonly countActivitiesOfRecord: (recordId: string, subtab: CommunicationsSubtab) => number
}

export class EmulatorStore extends Context.Tag("@crmod-cti/emulator/EmulatorStore")<
  EmulatorStore,
  EmulatorStoreShape
>() {}
