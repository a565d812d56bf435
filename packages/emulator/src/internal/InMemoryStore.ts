import { type ActivityIdentity, identityKey } from "@crmod-cti/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { EmulatorStore, type EmulatorStoreShape, StoreError, type StoredUser } from "./EmulatorStore.js"
import { emailKeyOf, type PhoneField, phoneKeysOf } from "./MatchKeys.js"
import { Multimap } from "./Multimap.js"
import type { Activity, Campaign, CrmRecord, ServiceRequest } from "./Records.js"
import { AssociationFields } from "./Records.js"

/** A write the in-memory store is about to make, shown to a `WriteFailureRule`. */
export interface ActivityWrite {
  readonly operation: "addActivity" | "updateActivity"
  readonly activity: Activity
}

/** Test hook: the error a write should fail with, or `undefined` to let it through. */
export type WriteFailureRule = (write: ActivityWrite) => StoreError | undefined

export interface InMemoryStore extends EmulatorStoreShape {
  /** Makes the activity writes the rule picks fail (tests of `Unable to create activity` and `Error`). */
  readonly failWrites: (rule: WriteFailureRule | undefined) => Effect.Effect<void>
}

// Keys join parts with NUL, which cannot occur in XML text.
const key = (...parts: ReadonlyArray<string>) => parts.join("\u0000")

/** The in-memory store: plain maps and indexes, every operation synchronous and O(1) but for list results. */
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
    const byOwner = new Multimap()
    const byRecord = new Multimap()
    let failureRule: WriteFailureRule | undefined

    const isIdTaken = (id: string) => records.has(id) || activities.has(id)
    const duplicate = (id: string) => new StoreError({ reason: "DuplicateId", message: `The id ${id} is already used` })
    const recordsOf = (ids: ReadonlyArray<string>): ReadonlyArray<CrmRecord> =>
      ids.flatMap((id) => {
        const record = records.get(id)
        return record === undefined ? [] : [record]
      })
    const activitiesOf = (ids: ReadonlyArray<string>): ReadonlyArray<Activity> =>
      ids.flatMap((id) => {
        const activity = activities.get(id)
        return activity === undefined ? [] : [activity]
      })

    const indexRecord = (record: CrmRecord) => {
      records.set(record.id, record)
      for (const [field, digits] of phoneKeysOf(record)) byPhone.add(key(record.company, field, digits), record.id)
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
      byOwner.add(activity.owner, activity.id)
      for (const field of Object.values(AssociationFields)) {
        const recordId = activity[field]
        if (recordId !== undefined) byRecord.add(recordId, activity.id)
      }
    }

    const store: InMemoryStore = {
      addUser: (user) =>
        Effect.suspend(() => {
          if (users.has(user.signInId)) return Effect.fail(duplicate(user.signInId))
          users.set(user.signInId, user)
          usersByCompany.add(user.company, user.signInId)
          return Effect.void
        }),
      updateUser: (user) =>
        Effect.suspend(() => {
          if (!users.has(user.signInId)) {
            return Effect.fail(new StoreError({ reason: "Rejected", message: `No user ${user.signInId}` }))
          }
          users.set(user.signInId, user)
          return Effect.void
        }),
      user: (signInId) => Effect.sync(() => Option.fromNullable(users.get(signInId))),
      usersOf: (company) =>
        Effect.sync(() =>
          usersByCompany.get(company).flatMap((id) => Option.toArray(Option.fromNullable(users.get(id)))),
        ),

      addRecord: (record) =>
        Effect.suspend(() => {
          if (isIdTaken(record.id)) return Effect.fail(duplicate(record.id))
          indexRecord(record)
          return Effect.void
        }),
      record: (id) => Effect.sync(() => Option.fromNullable(records.get(id))),
      recordsByPhone: (company, digits, fields: ReadonlyArray<PhoneField>) =>
        Effect.sync(() => {
          const ids = new Set(fields.flatMap((field) => byPhone.get(key(company, field, digits))))
          return recordsOf([...ids])
        }),
      recordsByEmail: (company, email) => Effect.sync(() => recordsOf(byEmail.get(key(company, email)))),
      serviceRequestsByNumber: (company, number) =>
        Effect.sync(() => recordsOf(bySrNumber.get(key(company, number))) as ReadonlyArray<ServiceRequest>),
      campaignsBySourceCode: (company, code) =>
        Effect.sync(() => recordsOf(bySourceCode.get(key(company, code))) as ReadonlyArray<Campaign>),
      isIdTaken: (id) => Effect.sync(() => isIdTaken(id)),

      addActivity: (activity, serviceRequest) =>
        Effect.suspend(() => {
          const failure = failureRule?.({ operation: "addActivity", activity })
          if (failure !== undefined) return Effect.fail(failure)
          if (isIdTaken(activity.id)) return Effect.fail(duplicate(activity.id))
          if (serviceRequest !== undefined) {
            if (isIdTaken(serviceRequest.id) || serviceRequest.id === activity.id) {
              return Effect.fail(duplicate(serviceRequest.id))
            }
            indexRecord(serviceRequest)
          }
          indexActivity(activity)
          return Effect.void
        }),
      updateActivity: (activity) =>
        Effect.suspend(() => {
          const failure = failureRule?.({ operation: "updateActivity", activity })
          if (failure !== undefined) return Effect.fail(failure)
          const stored = activities.get(activity.id)
          // Identity, owner and associations are what the indexes hold: an update may not change them.
          if (
            stored === undefined ||
            stored.company !== activity.company ||
            stored.owner !== activity.owner ||
            identityKey(stored.interaction) !== identityKey(activity.interaction) ||
            Object.values(AssociationFields).some((field) => stored[field] !== activity[field])
          ) {
            return Effect.fail(
              new StoreError({ reason: "Rejected", message: `The activity ${activity.id} cannot be updated so` }),
            )
          }
          activities.set(activity.id, activity)
          return Effect.void
        }),
      activity: (id) => Effect.sync(() => Option.fromNullable(activities.get(id))),
      activitiesByIdentity: (company, identity: ActivityIdentity) =>
        Effect.sync(() => activitiesOf(byIdentity.get(key(company, identityKey(identity))))),
      activitiesByOwner: (signInId) => Effect.sync(() => activitiesOf(byOwner.get(signInId))),
      activitiesByRecord: (recordId) => Effect.sync(() => activitiesOf(byRecord.get(recordId))),

      failWrites: (rule) =>
        Effect.sync(() => {
          failureRule = rule
        }),
    }
    return store
  })

/** The in-memory store as the `EmulatorStore` service. */
export const InMemoryStoreLayer: Layer.Layer<EmulatorStore> = Layer.effect(EmulatorStore, makeInMemoryStore())
