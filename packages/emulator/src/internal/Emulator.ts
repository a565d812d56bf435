import { CtiAuthenticator, type CtiSession } from "@crmod-cti/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { makeAdministration, toCtiUser } from "./Administration.js"
import { makeChangeFeed } from "./ChangeFeed.js"
import { makeConcurrentRequests } from "./ConcurrentRequests.js"
import { makeCrmQueries } from "./CrmQueries.js"
import { makeCtiService } from "./CtiService.js"
import type { EmulatorConfigError } from "./EmulatorConfigError.js"
import { type EmulatorOptions, resolveOptions } from "./EmulatorOptions.js"
import type { EmulatorShape } from "./EmulatorShape.js"
import { EmulatorStore, type StoredUser } from "./EmulatorStore.js"
import { IdGenerator } from "./IdGenerator.js"
import { makeInMemoryStore } from "./InMemoryStore.js"
import { seedTenant } from "./Seeding.js"
import { makeSignIn } from "./SignIn.js"
import { makeSignInLockout } from "./SignInLockout.js"
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
    const lockout = settings.lockout === undefined ? undefined : makeSignInLockout(settings.lockout)
    // The sign-in's decoy hash is made while the seeds' passwords are hashed: with scrypt, each takes a while.
    const [signIn] = yield* Effect.all(
      [
        makeSignIn(store, settings.passwordHasher, lockout),
        Effect.forEach(settings.tenants, (tenant) => seedTenant(store, tenant, settings), { discard: true }),
      ],
      { concurrency: "unbounded" },
    )

    const { feed, publish } = yield* makeChangeFeed(store)
    const serviceFor = makeCtiService(store, settings, yield* IdGenerator, publish)
    const queries = makeCrmQueries(store)
    const wrapUpPage = makeWrapUpPage(store, publish)
    const administration = makeAdministration(store, lockout, publish)
    const concurrentRequests =
      settings.concurrentRequests === undefined ? undefined : makeConcurrentRequests(settings.concurrentRequests)

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
      // The company is the sign-in id's: a slot is taken before the password is checked, as at Oracle, and a name
      // that is no user's takes one all the same, so that a full company tells nobody which users exist.
      admitRequest: (username, request) => {
        const slash = username.indexOf("/")
        return concurrentRequests === undefined || slash <= 0
          ? request
          : concurrentRequests.admit(username.slice(0, slash), request)
      },
      signIn: (username, password) => Effect.map(signIn({ username, password }), toCtiUser),
      serviceFor,
      queries,
      wrapUpPage,
      administration,
    }
    return emulator
  })

/**
 * The demo tenant's emulator with the default id generator, for in-process tests and examples. The options may
 * change the password, limits, lockout, hasher and priorities.
 */
export const makeDemoEmulator = (options: Omit<EmulatorOptions, "tenant"> = {}): Effect.Effect<EmulatorShape> =>
  makeEmulator(options).pipe(Effect.provide(IdGenerator.Default), Effect.orDie)
