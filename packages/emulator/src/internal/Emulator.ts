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
  type Interaction,
  type UsernameToken,
  type WrapUpInteraction,
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
import type { EmulatorConfigError } from "./EmulatorConfigError.js"
import { type EmulatorOptions, resolveOptions } from "./EmulatorOptions.js"
import {
  type ActivityLookup,
  type Communications,
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

/** What a request's work on one interaction yields: its result, and the change to announce if it made one. */
interface Outcome<R> {
  readonly result: R
  readonly change?: EmulatorChange
}

/**
 * An emulator over the `EmulatorStore` in the context, or over a new in-memory store when there is none, seeded
 * with the tenants of the options (by default the demo tenant). Time comes from Effect's `Clock` of the caller.
 *
 * The request path is synchronous: each call reads the caller's clock once and then runs a plain function over
 * the synchronous store, from the limiters' checks to the last write. Nothing can run in between (JavaScript runs
 * one thing at a time and the core never yields), so every check-and-write is atomic without locks: exactly one
 * `OK` per identity, and the allotment is never overspent, however many requests run concurrently.
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
    const passwords = makeVerifiedPasswords()
    const decoy = decoyHash()
    const changes = yield* PubSub.unbounded<EmulatorChange>()
    let revision = 0

    /** Counts and announces a change, synchronously: an unbounded `PubSub` takes every `unsafeOffer`. */
    const publish = (change: EmulatorChange) => {
      revision++
      changes.unsafeOffer(change)
    }

    const freshId = (): string => {
      // Bounded: a generator that hands out nothing but used ids is a bug, not a reason to spin.
      for (let attempt = 0; attempt < 1000; attempt++) {
        const id = ids.next()
        if (!store.isIdTaken(id)) return id
      }
      throw new Error("The IdGenerator handed out 1000 ids in a row that are already used")
    }
    const newServiceRequestNumber = makeServiceRequestNumbers(store)
    const insertContext = { store, candidates, priorities: settings.priorities, freshId, newServiceRequestNumber }
    const insertWork = (user: CtiUser, now: number, interaction: Interaction) =>
      insertInteraction(insertContext, user, now, interaction)
    const wrapUpWork = (user: CtiUser, now: number, interaction: WrapUpInteraction) =>
      wrapUpInteraction(store, user, now, interaction)

    /** Why a request is refused, checked in this order; `undefined` when it may go ahead. */
    const refusalOf = (user: StoredUser, channels: ReadonlyArray<ChannelType>, now: number): CtiFault | undefined => {
      const limited = rateLimiter?.admit(user.signInId, now) ?? allotment?.check(user.company, channels.length, now)
      if (limited !== undefined) return limited
      if (channels.length > MaxInteractionsPerRequest) return Faults.tooManyInteractions()
      return mayAccessAll(user.privileges, channels) ? undefined : Faults.accessDenied()
    }

    /**
     * One request of a user at `now`: the rate limiter, the allotment, the count and the privileges of every
     * channel, and only then the work, all in one synchronous run. A refused request writes and consumes nothing
     * (the rate limiter counts every request it admits).
     */
    const request = <I extends { readonly ChannelType: ChannelType }, R>(
      signInId: string,
      interactions: ReadonlyArray<I>,
      now: number,
      work: (user: CtiUser, now: number, interaction: I) => Outcome<R>,
    ): Either.Either<ReadonlyArray<R>, CtiFault> => {
      const user = store.user(signInId)
      if (user === undefined) return Either.left(Faults.authenticationFailed())
      const refusal = refusalOf(
        user,
        interactions.map((interaction) => interaction.ChannelType),
        now,
      )
      if (refusal !== undefined) return Either.left(refusal)
      allotment?.consume(user.company, interactions.length, now)
      return Either.right(
        interactions.map((interaction) => {
          const outcome = work(user, now, interaction)
          if (outcome.change !== undefined) publish(outcome.change)
          return outcome.result
        }),
      )
    }

    /** The Effect of a synchronous step at the caller's `Clock` time: the clock is read once, when it runs. */
    const atNow = <A, E>(step: (now: number) => Either.Either<A, E>): Effect.Effect<A, E> =>
      Clock.clockWith((clock) => step(clock.unsafeCurrentTimeMillis()))

    const serviceFor = (signInId: string): CtiActivityServiceShape => ({
      insert: (interactions) => atNow((now) => request(signInId, interactions, now, insertWork)),
      wrapUp: (interactions) => atNow((now) => request(signInId, interactions, now, wrapUpWork)),
    })

    // One session per stored user, and so per version of their privileges: `setPrivileges` stores a new user.
    // Its service reads the user afresh on every request all the same.
    const sessions = new WeakMap<StoredUser, CtiSession>()
    const sessionOf = (user: StoredUser): CtiSession => {
      let session = sessions.get(user)
      if (session === undefined) {
        session = { user: toCtiUser(user), service: serviceFor(user.signInId) }
        sessions.set(user, session)
      }
      return session
    }

    // Lazy like any Effect (a retried sign-in checks again), but with a password verified before it is one
    // synchronous step: no scrypt, no asynchronous boundary, and the user's existing session.
    const authenticate = (token: UsernameToken): Effect.Effect<CtiSession, CtiFault> =>
      Effect.suspend(() => {
        const user = store.user(token.username)
        if (user === undefined) {
          return Effect.zipRight(verifyPassword(token.password, decoy), Effect.fail(Faults.authenticationFailed()))
        }
        if (passwords.isKnown(user.signInId, user.credential, token.password)) return Effect.succeed(sessionOf(user))
        return Effect.flatMap(passwords.verify(user.signInId, user.credential, token.password), (matches) =>
          matches ? Effect.succeed(sessionOf(user)) : Effect.fail(Faults.authenticationFailed()),
        )
      })

    const mayAccess = (user: CtiUser, channel: ChannelType) => mayAccessAll(user.privileges, [channel])

    const communications = (signInId: string, subtab: CommunicationsSubtab, options: CommunicationsOptions = {}) =>
      Effect.suspend((): Either.Either<Communications, CtiFault> => {
        const user = store.user(signInId)
        if (user === undefined) return Either.left(Faults.authenticationFailed())
        const privilege = requiredPrivilege(SubtabChannels[subtab])
        if (!mayAccess(user, SubtabChannels[subtab])) return Either.left(Faults.accessDenied())
        const shown = newestFirst(
          store.activitiesByOwner(signInId).filter((activity) => requiredPrivilege(activity.subtype) === privilege),
        )
        const limit = options.limit ?? Number.POSITIVE_INFINITY
        const since = options.completedSince ?? Number.NEGATIVE_INFINITY
        return Either.right({
          current: shown.filter((activity) => activity.wrappedUpAt === undefined).slice(0, limit),
          completed: shown
            .filter((activity) => activity.wrappedUpAt !== undefined && activity.wrappedUpAt >= since)
            .slice(0, limit),
        })
      })

    const wrapUpActivity = (signInId: string, activityId: string, form: WrapUpForm) =>
      atNow((now): Either.Either<WrapUpPageResult, CtiFault> => {
        const user = store.user(signInId)
        if (user === undefined) return Either.left(Faults.authenticationFailed())
        const current = store.activity(activityId)
        if (current === undefined || current.company !== user.company) {
          return Either.right({ status: "Activity not found" })
        }
        if (!mayAccess(user, current.subtype)) return Either.left(Faults.accessDenied())
        const status: WrapUpStatus = current.wrappedUpAt === undefined ? "OK" : "Activity has already been wrapped up"
        const saved: Activity = {
          ...current,
          ...(form.notes === undefined ? {} : { wrapUpNotes: form.notes }),
          ...(form.callResult === undefined ? {} : { callResult: form.callResult }),
          wrappedUpAt: current.wrappedUpAt ?? now,
        }
        if (Either.isLeft(store.updateActivity(saved))) return Either.right({ status: "Error", activity: current })
        if (status === "OK") publish({ _tag: "ActivityWrappedUp", activity: saved })
        return Either.right({ status, activity: saved })
      })

    const emulator: EmulatorShape = {
      authenticate,
      serviceFor,
      communications,
      record: (type, id) =>
        Effect.sync(() => {
          const record = store.record(id)
          if (record === undefined || record.recordType !== type) return Option.none()
          return Option.some({ record, activities: newestFirst(store.activitiesByRecord(id)) })
        }),
      activity: (id) => Effect.sync(() => Option.fromNullable(store.activity(id))),
      findActivity: (company, identity) =>
        Effect.sync((): ActivityLookup => {
          const activities = store.activitiesByIdentity(company, identity)
          const [first] = activities
          if (first === undefined) return { _tag: "NotFound" }
          return activities.length === 1 ? { _tag: "Found", activity: first } : { _tag: "Multiple", activities }
        }),
      wrapUpActivity,
      users: (company) => Effect.sync(() => store.usersOf(company).map(toCtiUser)),
      user: (signInId) => Effect.sync(() => Option.map(Option.fromNullable(store.user(signInId)), toCtiUser)),
      setPrivileges: (signInId, privileges) =>
        Effect.suspend(() => {
          const found = store.user(signInId)
          if (found === undefined) {
            return Effect.fail(new UnknownUserError({ reason: "UnknownUser", message: `No user ${signInId}` }))
          }
          const updated = { ...found, privileges: [...new Set(privileges)] }
          const written = store.updateUser(updated)
          if (Either.isLeft(written)) return Effect.die(written.left)
          publish({ _tag: "PrivilegesChanged", user: toCtiUser(updated) })
          return Effect.void
        }),
      hasPrivilege: (signInId, privilege) =>
        Effect.sync(() => store.user(signInId)?.privileges.includes(privilege) ?? false),
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
