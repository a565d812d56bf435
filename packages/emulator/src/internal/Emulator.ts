import {
  type ChannelType,
  CtiAuthenticator,
  type CtiActivityServiceShape,
  type CtiFault,
  type CtiSession,
  type CtiUser,
  Faults,
  MaxInteractionsPerRequest,
  mayAccessAll,
  requiredPrivilege,
  type UsernameToken,
  type WrapUpStatus,
} from "@crmod-cti/core"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as PubSub from "effect/PubSub"
import * as Stream from "effect/Stream"
import { insertInteraction } from "./ActivityInsert.js"
import { wrapUpInteraction } from "./ActivityWrapUp.js"
import { makeCandidateFinder } from "./Candidates.js"
import type { EmulatorChange } from "./Changes.js"
import { makeCompanyLocks } from "./CompanyLocks.js"
import type { EmulatorConfigError } from "./EmulatorConfigError.js"
import { type EmulatorOptions, resolveOptions } from "./EmulatorOptions.js"
import {
  type ActivityLookup,
  type CommunicationsOptions,
  type CommunicationsSubtab,
  type EmulatorShape,
  SubtabChannels,
  type WrapUpForm,
  type WrapUpPageResult,
} from "./EmulatorShape.js"
import { EmulatorStore, type StoredUser } from "./EmulatorStore.js"
import { IdGenerator } from "./IdGenerator.js"
import { makeInMemoryStore } from "./InMemoryStore.js"
import { makeOperationsAllotment } from "./OperationsAllotment.js"
import { decoyHash, makeVerifiedPasswords, verifyPassword } from "./Passwords.js"
import { makeRateLimiter } from "./RateLimiter.js"
import type { Activity } from "./Records.js"
import { makeServiceRequestNumbers } from "./ServiceRequestNumbers.js"
import { seedTenant } from "./Seeding.js"
import { UnknownUserError } from "./UnknownUserError.js"

/** The emulator as a service. */
export class Emulator extends Context.Tag("@crmod-cti/emulator/Emulator")<Emulator, EmulatorShape>() {
  /** The emulator and the core's `CtiAuthenticator` it implements, with ids from the `IdGenerator`. */
  static readonly layer = (
    options: EmulatorOptions = {},
  ): Layer.Layer<Emulator | CtiAuthenticator, EmulatorConfigError, IdGenerator> =>
    Layer.effectContext(
      Effect.map(makeEmulator(options), (emulator) =>
        Context.make(Emulator, emulator).pipe(Context.add(CtiAuthenticator, { authenticate: emulator.authenticate })),
      ),
    )
}

/** `Emulator.layer` with the default id generator. */
export const EmulatorLive = (
  options: EmulatorOptions = {},
): Layer.Layer<Emulator | CtiAuthenticator, EmulatorConfigError> =>
  Emulator.layer(options).pipe(Layer.provide(IdGenerator.Default))

const toCtiUser = (user: StoredUser): CtiUser => ({
  signInId: user.signInId,
  company: user.company,
  privileges: user.privileges,
})

const newestFirst = (activities: ReadonlyArray<Activity>): Array<Activity> =>
  activities
    .map((activity, order) => ({ activity, order }))
    .sort((a, b) => b.activity.createdAt - a.activity.createdAt || b.order - a.order)
    .map(({ activity }) => activity)

/**
 * An emulator over the `EmulatorStore` in the context, or over a new in-memory store when there is none, seeded
 * with the tenants of the options (by default the demo tenant). Time comes from Effect's `Clock` of the caller.
 */
export const makeEmulator = (
  options: EmulatorOptions = {},
): Effect.Effect<EmulatorShape, EmulatorConfigError, IdGenerator> =>
  Effect.gen(function* () {
    const settings = yield* Either.match(resolveOptions(options), { onLeft: Effect.fail, onRight: Effect.succeed })
    const store = yield* Option.match(yield* Effect.serviceOption(EmulatorStore), {
      onNone: makeInMemoryStore,
      onSome: Effect.succeed,
    })
    for (const tenant of settings.tenants) yield* seedTenant(store, tenant, settings.password)

    const ids = yield* IdGenerator
    const candidates = makeCandidateFinder(store)
    const rateLimiter = settings.rateLimit === undefined ? undefined : makeRateLimiter(settings.rateLimit)
    const allotment =
      settings.operationsAllotment === undefined ? undefined : makeOperationsAllotment(settings.operationsAllotment)
    const verified = makeVerifiedPasswords()
    const decoy = decoyHash()
    const changes = yield* PubSub.unbounded<EmulatorChange>()
    let revision = 0

    const locked = makeCompanyLocks()

    const publish = (published: ReadonlyArray<EmulatorChange | undefined>) =>
      Effect.forEach(
        published,
        (change) =>
          change === undefined
            ? Effect.void
            : Effect.zipRight(
                Effect.sync(() => revision++),
                PubSub.publish(changes, change),
              ),
        { discard: true },
      )

    const freshId = Effect.gen(function* () {
      // Bounded: a generator that hands out nothing but used ids is a bug, not a reason to spin.
      for (let attempt = 0; attempt < 1000; attempt++) {
        const id = yield* ids.next
        if (!(yield* store.isIdTaken(id))) return id
      }
      return yield* Effect.dieMessage("The IdGenerator handed out 1000 ids in a row that are already used")
    })
    const newServiceRequestNumber = makeServiceRequestNumbers(store)
    const insertContext = { store, candidates, priorities: settings.priorities, freshId, newServiceRequestNumber }

    const currentUser = (signInId: string) =>
      Effect.flatMap(
        store.user(signInId),
        Option.match({
          onNone: () => Effect.fail(Faults.authenticationFailed()),
          onSome: (user) => Effect.succeed(toCtiUser(user)),
        }),
      )

    /**
     * One request of a user: the rate limiter, then under the company's lock the allotment, the count and the
     * privileges of every channel, and only then the work. A failed request writes and consumes nothing.
     */
    const request = <I extends { readonly ChannelType: ChannelType }, O extends { readonly change?: EmulatorChange }>(
      signInId: string,
      interactions: ReadonlyArray<I>,
      work: (user: CtiUser, now: number) => (interaction: I) => Effect.Effect<O>,
    ): Effect.Effect<ReadonlyArray<O>, CtiFault> =>
      Effect.gen(function* () {
        const user = yield* currentUser(signInId)
        if (rateLimiter !== undefined) yield* rateLimiter.admit(signInId)
        const outcomes = yield* locked(
          user.company,
          Effect.gen(function* () {
            if (allotment !== undefined) yield* allotment.check(user.company, interactions.length)
            if (interactions.length > MaxInteractionsPerRequest) return yield* Effect.fail(Faults.tooManyInteractions())
            if (
              !mayAccessAll(
                user.privileges,
                interactions.map((interaction) => interaction.ChannelType),
              )
            ) {
              return yield* Effect.fail(Faults.accessDenied())
            }
            if (allotment !== undefined) yield* allotment.consume(user.company, interactions.length)
            const now = yield* Clock.currentTimeMillis
            return yield* Effect.forEach(interactions, work(user, now))
          }),
        )
        yield* publish(outcomes.map((outcome) => outcome.change))
        return outcomes
      })

    const serviceFor = (signInId: string): CtiActivityServiceShape => ({
      insert: (interactions) =>
        Effect.map(
          request(signInId, interactions, (user, now) => insertInteraction(insertContext, user, now)),
          (outcomes) => outcomes.map((outcome) => outcome.result),
        ),
      wrapUp: (interactions) =>
        Effect.map(
          request(signInId, interactions, (user, now) => wrapUpInteraction(store, user, now)),
          (outcomes) => outcomes.map((outcome) => outcome.result),
        ),
    })

    const authenticate = (token: UsernameToken): Effect.Effect<CtiSession, CtiFault> =>
      Effect.gen(function* () {
        const found = yield* store.user(token.username)
        if (Option.isNone(found)) {
          yield* verifyPassword(token.password, decoy)
          return yield* Effect.fail(Faults.authenticationFailed())
        }
        const user = found.value
        if (!(yield* verified.verify(user.credential, token.password))) {
          return yield* Effect.fail(Faults.authenticationFailed())
        }
        return { user: toCtiUser(user), service: serviceFor(user.signInId) }
      })

    const mayAccess = (user: CtiUser, channel: ChannelType) => mayAccessAll(user.privileges, [channel])

    const communications = (signInId: string, subtab: CommunicationsSubtab, options: CommunicationsOptions = {}) =>
      Effect.gen(function* () {
        const user = yield* currentUser(signInId)
        const privilege = requiredPrivilege(SubtabChannels[subtab])
        if (!mayAccess(user, SubtabChannels[subtab])) return yield* Effect.fail(Faults.accessDenied())
        const shown = newestFirst(
          (yield* store.activitiesByOwner(signInId)).filter(
            (activity) => requiredPrivilege(activity.subtype) === privilege,
          ),
        )
        const limit = options.limit ?? Number.POSITIVE_INFINITY
        const since = options.completedSince ?? Number.NEGATIVE_INFINITY
        return {
          current: shown.filter((activity) => activity.wrappedUpAt === undefined).slice(0, limit),
          completed: shown
            .filter((activity) => activity.wrappedUpAt !== undefined && activity.wrappedUpAt >= since)
            .slice(0, limit),
        }
      })

    const wrapUpActivity = (signInId: string, activityId: string, form: WrapUpForm) =>
      Effect.gen(function* () {
        const user = yield* currentUser(signInId)
        const found = Option.filter(yield* store.activity(activityId), (activity) => activity.company === user.company)
        if (Option.isNone(found)) return { status: "Activity not found" } satisfies WrapUpPageResult
        if (!mayAccess(user, found.value.subtype)) return yield* Effect.fail(Faults.accessDenied())
        const outcome = yield* locked(
          user.company,
          Effect.gen(function* () {
            // Read again under the lock: a concurrent wrap-up may have come first.
            const current = Option.getOrElse(yield* store.activity(activityId), () => found.value)
            const status: WrapUpStatus =
              current.wrappedUpAt === undefined ? "OK" : "Activity has already been wrapped up"
            const saved: Activity = {
              ...current,
              ...(form.notes === undefined ? {} : { wrapUpNotes: form.notes }),
              ...(form.callResult === undefined ? {} : { callResult: form.callResult }),
              wrappedUpAt: current.wrappedUpAt ?? (yield* Clock.currentTimeMillis),
            }
            return yield* store.updateActivity(saved).pipe(
              Effect.as({ status, activity: saved }),
              Effect.catchTag("StoreError", () => Effect.succeed({ status: "Error" as const, activity: current })),
            )
          }),
        )
        if (outcome.status === "OK") yield* publish([{ _tag: "ActivityWrappedUp", activity: outcome.activity }])
        return outcome
      })

    const emulator: EmulatorShape = {
      authenticate,
      serviceFor,
      communications,
      record: (type, id) =>
        Effect.gen(function* () {
          const record = Option.filter(yield* store.record(id), (found) => found.recordType === type)
          if (Option.isNone(record)) return Option.none()
          const activities = newestFirst(yield* store.activitiesByRecord(id))
          return Option.some({ record: record.value, activities })
        }),
      activity: store.activity,
      findActivity: (company, identity) =>
        Effect.map(store.activitiesByIdentity(company, identity), (activities): ActivityLookup => {
          const [first] = activities
          if (first === undefined) return { _tag: "NotFound" }
          return activities.length === 1 ? { _tag: "Found", activity: first } : { _tag: "Multiple", activities }
        }),
      wrapUpActivity,
      users: (company) => Effect.map(store.usersOf(company), (users) => users.map(toCtiUser)),
      user: (signInId) => Effect.map(store.user(signInId), Option.map(toCtiUser)),
      setPrivileges: (signInId, privileges) =>
        Effect.gen(function* () {
          const found = yield* store.user(signInId)
          if (Option.isNone(found)) {
            return yield* Effect.fail(new UnknownUserError({ reason: "UnknownUser", message: `No user ${signInId}` }))
          }
          const updated = { ...found.value, privileges: [...new Set(privileges)] }
          yield* store.updateUser(updated).pipe(Effect.orDie)
          yield* publish([{ _tag: "PrivilegesChanged", user: toCtiUser(updated) }])
        }),
      hasPrivilege: (signInId, privilege) =>
        Effect.map(
          store.user(signInId),
          Option.exists((user) => user.privileges.includes(privilege)),
        ),
      revision: Effect.sync(() => revision),
      changes: Stream.fromPubSub(changes),
      subscribe: Stream.fromPubSub(changes, { scoped: true }),
    }
    return emulator
  })

/**
 * The demo tenant's emulator with the default id generator, for in-process tests and examples. The options may
 * change the password, limits and priorities.
 */
export const makeDemoEmulator = (options: Omit<EmulatorOptions, "tenant"> = {}): Effect.Effect<EmulatorShape> =>
  makeEmulator(options).pipe(Effect.provide(IdGenerator.Default), Effect.orDie)
