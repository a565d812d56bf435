import type { ActivityIdentity, CtiUser } from "@crmod-cti/core"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import type * as Either from "effect/Either"
import type { PhoneField } from "./MatchKeys.js"
import type { Activity, Campaign, CrmRecord, ServiceRequest } from "./Records.js"

/**
 * Why the store could not write. `Rejected` and `DuplicateId` mean it refused this record (an insert answers
 * `Unable to create activity`); `Unavailable` means it failed (an insert or wrap-up answers `Error`).
 */
export class StoreError extends Data.TaggedError("StoreError")<{
  readonly reason: "DuplicateId" | "Rejected" | "Unavailable"
  readonly message: string
}> {}

/** A password as the store keeps it: never the text, only a salted scrypt key. */
export interface PasswordHash {
  readonly algorithm: "scrypt"
  readonly salt: Uint8Array
  readonly key: Uint8Array
}

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
 * stored records or activities. Lists are in the order things were added. Reads must not throw; an unexpected
 * exception from any operation is a defect of the request that made it.
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
  /** Whether a record or an activity already has this id (ids are unique across the store). */
  readonly isIdTaken: (id: string) => boolean

  /** Adds an activity, and the service request created for it if any: both or neither. */
  readonly addActivity: (activity: Activity, serviceRequest?: ServiceRequest) => Either.Either<void, StoreError>
  /** Replaces a stored activity (same id) by a new version of it. */
  readonly updateActivity: (activity: Activity) => Either.Either<void, StoreError>
  readonly activity: (id: string) => Activity | undefined
  readonly activitiesByIdentity: (company: string, identity: ActivityIdentity) => ReadonlyArray<Activity>
  readonly activitiesByOwner: (signInId: string) => ReadonlyArray<Activity>
  /** Activities associated with this record. */
  readonly activitiesByRecord: (recordId: string) => ReadonlyArray<Activity>
}

export class EmulatorStore extends Context.Tag("@crmod-cti/emulator/EmulatorStore")<
  EmulatorStore,
  EmulatorStoreShape
>() {}
