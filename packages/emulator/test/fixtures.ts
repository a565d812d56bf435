import type { ChannelType, CtiActivityServiceShape, Interaction, WrapUpInteraction } from "@crmod-cti/core"
import type { ActivityIdentity, AssociationType, Privilege } from "@crmod-cti/core"
import { Effect } from "effect"
import {
  DemoCompany,
  DemoUsers,
  type EmulatorOptions,
  type EmulatorShape,
  FastPasswordHasher,
  IdGenerator,
  makeDemoEmulator,
  makeEmulator,
  makeInMemoryStore,
  EmulatorStore,
  type TenantSeed,
} from "@crmod-cti/emulator"

/** The chapter's AgentOfferTime. */
export const offerTime = 1287786900

/** An interaction of the chapter's shape; `extra` adds or overrides parameters. */
export const interaction = (
  InteractionId: string,
  ChannelType: ChannelType = "Inbound Call",
  extra: Partial<Interaction> = {},
): Interaction => ({ InteractionId, AgentOfferTime: offerTime, ChannelType, ...extra })

export const wrapUp = (InteractionId: string, ChannelType: ChannelType = "Inbound Call"): WrapUpInteraction => ({
  InteractionId,
  AgentOfferTime: offerTime,
  ChannelType,
})

/**
 * Rules other than the limiters are tested without them (`TestClock` does not move between requests), and with
 * a cheap password hasher (scrypt would cost most of the suite's time).
 */
export const noLimits = {
  limits: { rateLimiter: false, operationsAllotment: false, concurrentRequests: false },
  passwordHasher: FastPasswordHasher,
} satisfies EmulatorOptions

/** The demo tenant's emulator, limiters off unless the options say otherwise. */
export const demoEmulator = (options: Omit<EmulatorOptions, "tenant"> = {}) =>
  makeDemoEmulator({ ...noLimits, ...options })

/** An emulator of the given tenants with deterministic ids from `1QA2-T0001` on, limiters off unless told. */
export const emulatorOf = (tenant: TenantSeed | ReadonlyArray<TenantSeed>, options: EmulatorOptions = {}) =>
  makeEmulator({ ...noLimits, ...options, tenant }).pipe(
    Effect.provide(IdGenerator.sequential(Number.parseInt("T0001", 36))),
  )

/** As `emulatorOf`, over an in-memory store the test can reach (to make its writes fail). */
export const emulatorWithStore = (tenant: TenantSeed, options: EmulatorOptions = {}) =>
  Effect.gen(function* () {
    const store = yield* makeInMemoryStore()
    const emulator = yield* emulatorOf(tenant, options).pipe(Effect.provideService(EmulatorStore, store))
    return { emulator, store }
  })

/**
 * The service with every request letting other fibers run before and after it. The emulator's store is
 * synchronous, so requests can only interleave between their Effects: with each fiber yielding there, concurrent
 * requests really do run in between one another.
 */
export const interleaving = (service: CtiActivityServiceShape): CtiActivityServiceShape => {
  const yielding = <A, E>(request: Effect.Effect<A, E>) =>
    Effect.yieldNow().pipe(Effect.zipRight(request), Effect.zipLeft(Effect.yieldNow()))
  return {
    insert: (interactions) => yielding(service.insert(interactions)),
    wrapUp: (interactions) => yielding(service.wrapUp(interactions)),
  }
}

/** A tenant with one agent holding every Access privilege, plus what the test adds. */
export const tenantOf = (company: string, extra: Omit<TenantSeed, "company" | "users"> = {}): TenantSeed => ({
  company,
  users: [
    {
      signInId: `${company}/agent`,
      privileges: [
        "Access Call Communications",
        "Access Chat Communications",
        "Access Email Communications",
        "Access Voicemail Communications",
      ],
    },
  ],
  ...extra,
})

/** Who looks at a company's data in assertions: its user with every privilege (the demo's, or `tenantOf`'s). */
export const viewerOf = (company: string) => ({
  signInId: company === DemoCompany ? DemoUsers.mosDef : `${company}/agent`,
})

/** An activity as its company's viewer sees it, if there is one. */
export const storedActivity = (emulator: EmulatorShape, id: string, company: string = DemoCompany) =>
  Effect.option(emulator.queries.activity(viewerOf(company), id))

/** A record and the first page of its activities, as its company's viewer sees them, if there is one. */
export const storedRecord = (
  emulator: EmulatorShape,
  type: AssociationType,
  id: string,
  company: string = DemoCompany,
) =>
  Effect.option(
    Effect.all({
      record: emulator.queries.record(viewerOf(company), type, id),
      activities: Effect.map(
        emulator.queries.activitiesOfRecord(viewerOf(company), type, id),
        (a) => a.activities.rows,
      ),
    }),
  )

/** A company's activities with an identity. */
export const lookUp = (emulator: EmulatorShape, company: string, identity: ActivityIdentity) =>
  Effect.orDie(emulator.queries.findActivity(viewerOf(company), identity))

/** Sets a user's privileges as their company's administrator (the demo's `mos.def`, or the user themselves). */
export const grant = (emulator: EmulatorShape, signInId: string, privileges: ReadonlyArray<Privilege>) =>
  Effect.orDie(
    emulator.administration.setPrivileges(
      { signInId: signInId.startsWith(`${DemoCompany}/`) ? DemoUsers.mosDef : signInId },
      signInId,
      privileges,
    ),
  )
