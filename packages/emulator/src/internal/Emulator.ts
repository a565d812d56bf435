import { CtiAuthenticator, type CtiSession, Faults } from "@crmod-cti/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { makeAdministration, toCtiUser } from "./Administration.js"
import { makeChangeFeed } from "./ChangeFeed.js"
import { lookupIdentity, makeCrmQueries } from "./CrmQueries.js"
import { makeCtiService } from "./CtiService.js"
import type { EmulatorConfigError } from "./EmulatorConfigError.js"
import { type EmulatorOptions, resolveOptions } from "./EmulatorOptions.js"
import type { EmulatorShape } from "./EmulatorShape.js"
import { EmulatorStore, type StoredUser } from "./EmulatorStore.js"
import { IdGenerator } from "./IdGenerator.js"
import { makeInMemoryStore } from "./InMemoryStore.js"
import { PageSize, pageOf } from "./Paging.js"
import { seedTenant } from "./Seeding.js"
import { makeSignIn } from "./SignIn.js"
import { makeSignInLockout } from "./SignInLockout.js"
import { CommunicationsSubtabs } from "./Subtabs.js"
import { makeWrapUpPage } from "./WrapUpPage.js"

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
    for (const tenant of settings.tenants) yield* seedTenant(store, tenant, settings)

    const { feed, publish } = yield* makeChangeFeed()
    const serviceFor = makeCtiService(store, settings, yield* IdGenerator, publish)
    const lockout = settings.lockout === undefined ? undefined : makeSignInLockout(settings.lockout)
    const signIn = yield* makeSignIn(store, settings.passwordHasher, lockout)
    const queries = makeCrmQueries(store)
    const wrapUpPage = makeWrapUpPage(store, publish)
    const administration = makeAdministration(store, lockout, publish)

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

    const emulator: EmulatorShape = {
      ...feed,
      authenticate: (token) => Effect.map(signIn(token), sessionOf),
      signIn: (username, password) => Effect.map(signIn({ username, password }), toCtiUser),
      serviceFor,
      queries,
      wrapUpPage,
      administration,

      // The API before the queries took the signed-in user, kept for its callers until they move.
      communications: (signInId, subtab, { limit = PageSize, completedSince } = {}) =>
        queries.communications({ signInId }, subtab, completedSince === undefined ? {} : { completedSince }).pipe(
          Effect.map(({ current, completed }) => ({
            current: current.rows.slice(0, limit),
            completed: completed.rows.slice(0, limit),
          })),
          Effect.mapError(() => Faults.accessDenied()),
        ),
      record: (type, id) =>
        Effect.sync(() => {
          const record = store.record(id)
          if (record === undefined || record.recordType !== type) return Option.none()
          const lists = CommunicationsSubtabs.map((subtab) =>
            store.activitiesOfRecord(id, subtab, undefined, PageSize + 1),
          )
          return Option.some({ record, activities: pageOf(lists).rows })
        }),
      activity: (id) => Effect.sync(() => Option.fromNullable(store.activity(id))),
      findActivity: (company, identity) => Effect.sync(() => lookupIdentity(store, company, identity)),
      wrapUpActivity: (signInId, activityId, form) =>
        wrapUpPage
          .save({ signInId }, activityId, form)
          .pipe(
            Effect.catchTag("CrmQueryError", (error) =>
              error.reason === "NotFound"
                ? Effect.succeed({ status: "Activity not found" as const })
                : Effect.fail(Faults.accessDenied()),
            ),
          ),
      users: administration.users,
      user: administration.user,
      setPrivileges: administration.setPrivileges,
      hasPrivilege: administration.hasPrivilege,
    }
    return emulator
  })

/**
 * The demo tenant's emulator with the default id generator, for in-process tests and examples. The options may
 * change the password, limits, lockout, hasher and priorities.
 */
export const makeDemoEmulator = (options: Omit<EmulatorOptions, "tenant"> = {}): Effect.Effect<EmulatorShape> =>
  makeEmulator(options).pipe(Effect.provide(IdGenerator.Default), Effect.orDie)
