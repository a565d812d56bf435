import { type ActivityIdentity, identityKey } from "@crmod-cti/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { EmulatorStore, type EmulatorStoreShape, StoreError, type StoredUser } from "./EmulatorStore.js"
import { AllPhoneFields, emailKeyOf, type PhoneField, phoneKeysOf } from "./MatchKeys.js"
import { Multimap } from "./Multimap.js"
import type { Positioned } from "./Paging.js"
import { PositionIndex } from "./PositionIndex.js"
import type { Activity, Campaign, CrmRecord, ServiceRequest } from "./Records.js"
import { AssociationFields } from "./Records.js"
import { type CommunicationsSubtab, subtabOf } from "./Subtabs.js"

/** A write the in-memory store is about to make, shown to a `WriteFailureRule`. */
export interface ActivityWrite {
  readonly operation: "addActivity" | "updateActivity"
  readonly activity: Activity
}

/** Test hook: the error a write should fail with, or `undefined` to let it through. */
export type WriteFailureRule = (write: ActivityWrite) => StoreError | undefined

export interface InMemoryStore extends EmulatorStoreShape {
  /** Makes the activity writes the rule picks fail (tests of `Unable to create activity` and `Error`). */
  readonly failWrites: (rule: WriteFailureRule | undefined) => void
}

// Keys join their parts with NUL, which cannot occur in XML text or ids.
const key = (...parts: ReadonlyArray<string>) => parts.join("\u0000")
const associationFields = Object.values(AssociationFields)

/** The values of a map under the ids, skipping ids it does not have. */
const valuesOf = <A>(map: ReadonlyMap<string, A>, ids: ReadonlyArray<string>): Array<A> => {
  const values: Array<A> = []
  for (const id of ids) {
    const value = map.get(id)
    if (value !== undefined) values.push(value)
  }
  return values
}

/** The values of a map under positioned ids (every id is there: the indexes hold only stored ids). */
const positioned = <A>(map: ReadonlyMap<string, A>, ids: ReadonlyArray<Positioned<string>>): Array<Positioned<A>> =>
  ids.map(({ position, value }) => ({ position, value: map.get(value)! }))

/**
 * The in-memory store: plain maps and indexes, every operation O(1) but for list results, and pages a binary
 * search and a slice of an index kept in the order of writes.
 */
export const makeInMemoryStore = (): Effect.Effect<InMemoryStore> =>
  Effect.sync(() => {
    const users = new Map<string, StoredUser>()
    const usersByCompany = new Multimap()
    const records = new Map<string, CrmRecord>()
    const byPhone = new Multimap()
    const byEmail = new Multimap()
    const bySrNumber = new Multimap()
    const bySourceCode = new Multimap()
    const activities = new Map<string, Activity>()
    const byIdentity = new Multimap()
    /** Where each activity was written, to find it in its owner's current list when it is wrapped up. */
    const createdPositions = new Map<string, number>()
    const byType = new PositionIndex()
    const byOwner = new PositionIndex()
    const byRecord = new PositionIndex()
    // Every write that lists something takes the next position, so that later is newer in every index.
    let lastPosition = 0
    let failureRule: WriteFailureRule | undefined

    const isIdTaken = (id: string) => records.has(id) || activities.has(id)
    const duplicate = (id: string) => new StoreError({ reason: "DuplicateId", message: `The id ${id} is already used` })

    const ownerKey = (activity: Activity, state: "current" | "completed") =>
      key(activity.owner, subtabOf(activity), state)

    const indexRecord = (record: CrmRecord) => {
      records.set(record.id, record)
      byType.add(key(record.company, record.recordType), record.id, ++lastPosition)
      // One entry per number and record, whatever its fields: a lookup is one index read, filtered by field
      // only when it asks for some of the fields (the record's phones tell which).
      for (const digits of new Set(phoneKeysOf(record).map(([, digits]) => digits))) {
        byPhone.add(key(record.company, digits), record.id)
      }
      const email = emailKeyOf(record)
      if (email !== undefined) byEmail.add(key(record.company, email), record.id)
      if (record.recordType === "Service Request") bySrNumber.add(key(record.company, record.number), record.id)
      if (record.recordType === "Campaign" && record.sourceCode !== undefined) {
        bySourceCode.add(key(record.company, record.sourceCode), record.id)
      }
    }

    const indexActivity = (activity: Activity) => {
      activities.set(activity.id, activity)
      byIdentity.add(key(activity.company, identityKey(activity.interaction)), activity.id)
      const position = ++lastPosition
      createdPositions.set(activity.id, position)
      byOwner.add(
        ownerKey(activity, activity.wrappedUpAt === undefined ? "current" : "completed"),
        activity.id,
        position,
      )
      for (const field of associationFields) {
        const recordId = activity[field]
        if (recordId !== undefined) byRecord.add(key(recordId, subtabOf(activity)), activity.id, position)
      }
    }

    const store: InMemoryStore = {
      addUser: (user) => {
        if (users.has(user.signInId)) return Either.left(duplicate(user.signInId))
        users.set(user.signInId, user)
        usersByCompany.add(user.company, user.signInId)
        return Either.void
      },
      updateUser: (user) => {
        if (!users.has(user.signInId)) {
          return Either.left(new StoreError({ reason: "Rejected", message: `No user ${user.signInId}` }))
        }
        users.set(user.signInId, user)
        return Either.void
      },
      user: (signInId) => users.get(signInId),
      usersOf: (company) =>
        usersByCompany.get(company).flatMap((id) => {
          const user = users.get(id)
          return user === undefined ? [] : [user]
        }),

      addRecord: (record) => {
        if (isIdTaken(record.id)) return Either.left(duplicate(record.id))
        indexRecord(record)
        return Either.void
      },
      record: (id) => records.get(id),
      recordsByPhone: (company, digits, fields: ReadonlyArray<PhoneField>) => {
        const found = valuesOf(records, byPhone.get(key(company, digits)))
        return AllPhoneFields.every((field) => fields.includes(field))
          ? found
          : found.filter((record) =>
              phoneKeysOf(record).some(([field, number]) => number === digits && fields.includes(field)),
            )
      },
      recordsByEmail: (company, email) => valuesOf(records, byEmail.get(key(company, email))),
      serviceRequestsByNumber: (company, number) =>
        valuesOf(records, bySrNumber.get(key(company, number))) as ReadonlyArray<ServiceRequest>,
      campaignsBySourceCode: (company, code) =>
        valuesOf(records, bySourceCode.get(key(company, code))) as ReadonlyArray<Campaign>,
      recordsOfType: (company, type, before, limit) =>
        positioned(records, byType.newest(key(company, type), before, limit)),
      isIdTaken,

      addActivity: (activity, serviceRequest) => {
        const failure = failureRule?.({ operation: "addActivity", activity })
        if (failure !== undefined) return Either.left(failure)
        if (isIdTaken(activity.id)) return Either.left(duplicate(activity.id))
        if (serviceRequest !== undefined) {
          if (isIdTaken(serviceRequest.id) || serviceRequest.id === activity.id) {
            return Either.left(duplicate(serviceRequest.id))
          }
          indexRecord(serviceRequest)
        }
        indexActivity(activity)
        return Either.void
      },
      updateActivity: (activity) => {
        const failure = failureRule?.({ operation: "updateActivity", activity })
        if (failure !== undefined) return Either.left(failure)
        const stored = activities.get(activity.id)
        // Identity, owner and associations are what the indexes hold: an update may not change them.
        if (
          stored === undefined ||
          (stored.wrappedUpAt !== undefined && activity.wrappedUpAt === undefined) ||
          stored.company !== activity.company ||
          stored.owner !== activity.owner ||
          identityKey(stored.interaction) !== identityKey(activity.interaction) ||
          associationFields.some((field) => stored[field] !== activity[field])
        ) {
          return Either.left(
            new StoreError({ reason: "Rejected", message: `The activity ${activity.id} cannot be updated so` }),
          )
        }
        activities.set(activity.id, activity)
        if (stored.wrappedUpAt === undefined && activity.wrappedUpAt !== undefined) {
          byOwner.remove(ownerKey(activity, "current"), activity.id, createdPositions.get(activity.id)!)
          byOwner.add(ownerKey(activity, "completed"), activity.id, ++lastPosition)
        }
        return Either.void
      },
      activity: (id) => activities.get(id),
      activitiesByIdentity: (company, identity: ActivityIdentity) =>
        valuesOf(activities, byIdentity.get(key(company, identityKey(identity)))),
      activitiesOfOwner: (signInId, subtab: CommunicationsSubtab, state, before, limit) =>
        positioned(activities, byOwner.newest(key(signInId, subtab, state), before, limit)),
      activitiesOfRecord: (recordId, subtab, before, limit) =>
        positioned(activities, byRecord.newest(key(recordId, subtab), before, limit)),
      countActivitiesOfRecord: (recordId, subtab) => byRecord.size(key(recordId, subtab)),

      failWrites: (rule) => {
        failureRule = rule
      },
    }
    return store
  })

/** The in-memory store as the `EmulatorStore` service. */
export const InMemoryStoreLayer: Layer.Layer<EmulatorStore> = Layer.effect(EmulatorStore, makeInMemoryStore())
