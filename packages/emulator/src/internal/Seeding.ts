import { activityTypeOf } from "@crmod-cti/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { EmulatorConfigError } from "./EmulatorConfigError.js"
import type { EmulatorStoreShape, StoreError } from "./EmulatorStore.js"
import type { ResolvedOptions } from "./EmulatorOptions.js"
import type { Activity, CrmRecord } from "./Records.js"
import { referencesOfActivity, referencesOfRecord } from "./References.js"
import { decodeTenantSeed, type TenantSeed } from "./Seed.js"

const seedError = (message: string) => new EmulatorConfigError({ reason: "InvalidSeed", message })
const stored = (what: string) => (error: StoreError) => seedError(`${what}: ${error.message}`)
const nameOf = (person: { readonly firstName: string; readonly lastName: string; readonly fullName?: string }) =>
  person.fullName ?? `${person.firstName} ${person.lastName}`.trim()

/** The records of a seed, in an order where every record comes after the records it refers to. */
const recordsOf = (seed: TenantSeed): ReadonlyArray<CrmRecord> => {
  const company = seed.company
  return [
    ...(seed.accounts ?? []).map((r): CrmRecord => ({ recordType: "Account", company, ...r })),
    ...(seed.contacts ?? []).map((r): CrmRecord => ({ recordType: "Contact", company, ...r, fullName: nameOf(r) })),
    ...(seed.leads ?? []).map((r): CrmRecord => ({ recordType: "Lead", company, ...r, fullName: nameOf(r) })),
    ...(seed.serviceRequests ?? []).map((r): CrmRecord => ({ recordType: "Service Request", company, ...r })),
    ...(seed.campaigns ?? []).map((r): CrmRecord => ({ recordType: "Campaign", company, ...r })),
    ...(seed.opportunities ?? []).map((r): CrmRecord => ({ recordType: "Opportunity", company, ...r })),
  ]
}

/**
 * Checks a tenant seed and writes it to the store: users with hashed passwords, records, then activities.
 * Refuses duplicate ids, users of another company, and references to records that are not of the tenant.
 */
export const seedTenant = (
  store: EmulatorStoreShape,
  input: TenantSeed,
  settings: Pick<ResolvedOptions, "password" | "passwordHasher">,
): Effect.Effect<void, EmulatorConfigError> =>
  Effect.gen(function* () {
    const seed = yield* Either.match(decodeTenantSeed(input), { onLeft: Effect.fail, onRight: Effect.succeed })
    const { company } = seed
    const signInIds = new Set(seed.users.map((user) => user.signInId))
    for (const user of seed.users) {
      if (!user.signInId.startsWith(`${company}/`)) {
        return yield* Effect.fail(seedError(`The user ${user.signInId} is not of the company ${company}`))
      }
    }
    // Hashing takes a while: all at once, then the users in the seed's order.
    const credentials = yield* Effect.forEach(
      seed.users,
      (user) => settings.passwordHasher.hash(user.password ?? settings.password),
      { concurrency: "unbounded" },
    )
    for (const [n, user] of seed.users.entries()) {
      yield* Either.mapLeft(
        store.addUser({ signInId: user.signInId, company, privileges: user.privileges, credential: credentials[n]! }),
        stored(`The user ${user.signInId}`),
      )
    }

    const recordOfType = (id: string, type: string) => {
      const record = store.record(id)
      return record !== undefined && record.company === company && record.recordType === type
    }
    for (const record of recordsOf(seed)) {
      yield* Either.mapLeft(store.addRecord(record), stored(`The ${record.recordType} ${record.id}`))
    }
    for (const record of recordsOf(seed)) {
      for (const [field, id, type] of referencesOfRecord(record)) {
        if (!recordOfType(id, type)) {
          return yield* Effect.fail(
            seedError(`The ${record.recordType} ${record.id} has ${field} ${id}, which is no ${type} of ${company}`),
          )
        }
      }
    }

    // Oldest first, as inserts would have written them: the store's lists are read newest first by that order.
    const now = yield* Clock.currentTimeMillis
    const activities = [...(seed.activities ?? [])].sort((a, b) => (a.createdAt ?? now) - (b.createdAt ?? now))
    for (const { createdAt, ...seeded } of activities) {
      if (!signInIds.has(seeded.owner)) {
        return yield* Effect.fail(
          seedError(`The activity ${seeded.id} has owner ${seeded.owner}, no user of ${company}`),
        )
      }
      for (const [field, id, type] of referencesOfActivity(seeded)) {
        if (!recordOfType(id, type)) {
          return yield* Effect.fail(
            seedError(`The activity ${seeded.id} has ${field} ${id}, which is no ${type} of ${company}`),
          )
        }
      }
      const activity: Activity = {
        ...seeded,
        company,
        type: activityTypeOf(seeded.interaction.ChannelType),
        subtype: seeded.interaction.ChannelType,
        createdAt: createdAt ?? now,
      }
      yield* Either.mapLeft(store.addActivity(activity), stored(`The activity ${activity.id}`))
    }
  })
