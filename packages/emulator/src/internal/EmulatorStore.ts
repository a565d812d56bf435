import type { ActivityIdentity, CtiUser } from "@crmod-cti/core"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import type * as Effect from "effect/Effect"
import type * as Option from "effect/Option"
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
 * The emulator's storage port. Every lookup an insert or a wrap-up makes is an index lookup, so their cost does
 * not grow with the number of stored records or activities. Lists are in the order things were added.
 */
export interface EmulatorStoreShape {
  readonly addUser: (user: StoredUser) => Effect.Effect<void, StoreError>
  readonly updateUser: (user: StoredUser) => Effect.Effect<void, StoreError>
  readonly user: (signInId: string) => Effect.Effect<Option.Option<StoredUser>>
  readonly usersOf: (company: string) => Effect.Effect<ReadonlyArray<StoredUser>>

  readonly addRecord: (record: CrmRecord) => Effect.Effect<void, StoreError>
  readonly record: (id: string) => Effect.Effect<Option.Option<CrmRecord>>
  /** Records of `company` with one of `fields` equal to `digits` (a phone number's digits). */
  readonly recordsByPhone: (
    company: string,
    digits: string,
    fields: ReadonlyArray<PhoneField>,
  ) => Effect.Effect<ReadonlyArray<CrmRecord>>
  /** Contacts and leads of `company` with this email address (normalised). */
  readonly recordsByEmail: (company: string, email: string) => Effect.Effect<ReadonlyArray<CrmRecord>>
  readonly serviceRequestsByNumber: (company: string, number: string) => Effect.Effect<ReadonlyArray<ServiceRequest>>
  readonly campaignsBySourceCode: (company: string, code: string) => Effect.Effect<ReadonlyArray<Campaign>>
  /** Whether a record or an activity already has this id (ids are unique across the store). */
  readonly isIdTaken: (id: string) => Effect.Effect<boolean>

  /** Adds an activity, and the service request created for it if any: both or neither. */
  readonly addActivity: (activity: Activity, serviceRequest?: ServiceRequest) => Effect.Effect<void, StoreError>
  /** Replaces a stored activity (same id) by a new version of it. */
  readonly updateActivity: (activity: Activity) => Effect.Effect<void, StoreError>
  readonly activity: (id: string) => Effect.Effect<Option.Option<Activity>>
  readonly activitiesByIdentity: (company: string, identity: ActivityIdentity) => Effect.Effect<ReadonlyArray<Activity>>
  readonly activitiesByOwner: (signInId: string) => Effect.Effect<ReadonlyArray<Activity>>
  /** Activities associated with this record. */
  readonly activitiesByRecord: (recordId: string) => Effect.Effect<ReadonlyArray<Activity>>
}

export class EmulatorStore extends Context.Tag("@crmod-cti/emulator/EmulatorStore")<
  EmulatorStore,
  EmulatorStoreShape
>() {}
