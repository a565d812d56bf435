import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Option } from "effect"
import {
  DemoIds,
  DemoTenant,
  DemoUsers,
  decodeTenantSeed,
  formatRecordId,
  IdGenerator,
  makeEmulator,
  makeSequentialIdGenerator,
  type TenantSeed,
} from "@crmod-cti/emulator"
import { demoEmulator, emulatorOf, interaction, noLimits, storedRecord, tenantOf } from "./fixtures.js"

const seedError = (tenant: TenantSeed | ReadonlyArray<TenantSeed>) =>
  Effect.map(Effect.flip(emulatorOf(tenant)), (error) => [error.reason, error.message])

describe("the demo tenant (CONTRACT.md §3)", () => {
  it.effect("has the contract's users and Fred Hong as specified", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      expect(yield* emulator.administration.users({ signInId: DemoUsers.mosDef })).toEqual([
        {
          signInId: "OKP/mos.def",
          company: "OKP",
          privileges: [
            "Access Call Communications",
            "Access Chat Communications",
            "Access Email Communications",
            "Access Voicemail Communications",
            "Manage CTI On Demand Access",
          ],
        },
        { signInId: "OKP/call.agent", company: "OKP", privileges: ["Access Call Communications"] },
        { signInId: "OKP/no.cti", company: "OKP", privileges: [] },
      ])
      const fred = Option.getOrThrow(yield* storedRecord(emulator, "Contact", "1QA2-RXQQC")).record
      expect(fred).toEqual({
        recordType: "Contact",
        id: "1QA2-RXQQC",
        company: "OKP",
        firstName: "Fred",
        lastName: "Hong",
        fullName: "Fred Hong",
        workPhone: "+1 555 111 1212",
      })
    }),
  )

  it("holds no record with the email jsoap@match.com, and ids in the chapter's style", () => {
    expect(JSON.stringify(DemoTenant).toLowerCase()).not.toContain("jsoap@match.com")
    for (const id of Object.values(DemoIds)) expect(id).toMatch(/^1QA2-[0-9A-Z]+$/)
    expect(Either.isRight(decodeTenantSeed(DemoTenant))).toBe(true)
  })

  it.effect("the password option changes the demo users' password", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator({ password: "changed" })
      yield* emulator.authenticate({ username: DemoUsers.mosDef, password: "changed" })
      expect(
        Either.isLeft(
          yield* Effect.either(emulator.authenticate({ username: DemoUsers.mosDef, password: "password" })),
        ),
      ).toBe(true)
    }),
  )
})

describe("tenant seeds for tests", () => {
  it.effect("records, users and activities of several tenants; full names default to first and last", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf([
        tenantOf("ACME", {
          contacts: [{ id: "1QA2-C1", firstName: "Ann", lastName: "Lee" }],
          leads: [{ id: "1QA2-L1", firstName: "", lastName: "Solo", fullName: "Mx Solo" }],
          activities: [
            {
              id: "1QA2-V1",
              owner: "ACME/agent",
              interaction: interaction("seeded"),
              createdAt: 7,
              contactId: "1QA2-C1",
            },
          ],
        }),
        tenantOf("GLOBEX"),
      ])
      expect(Option.getOrThrow(yield* storedRecord(emulator, "Contact", "1QA2-C1", "ACME")).record).toMatchObject({
        fullName: "Ann Lee",
      })
      expect(Option.getOrThrow(yield* storedRecord(emulator, "Lead", "1QA2-L1", "ACME")).record).toMatchObject({
        fullName: "Mx Solo",
      })
      expect(Option.getOrThrow(yield* storedRecord(emulator, "Contact", "1QA2-C1", "ACME")).activities).toMatchObject([
        { id: "1QA2-V1", company: "ACME", type: "Call", subtype: "Inbound Call", createdAt: 7 },
      ])
      expect((yield* emulator.serviceFor("ACME/agent").insert([interaction("seeded")]))[0]).toMatchObject({
        Status: "Activity already exists",
        ActivityId: "1QA2-V1",
      })
      expect(Option.getOrThrow(yield* emulator.administration.user("GLOBEX/agent")).company).toBe("GLOBEX")
    }),
  )

  it.effect.each([
    [
      "a malformed record id",
      tenantOf("ACME", { accounts: [{ id: "ACME-1", name: "A" }] }),
      "Invalid tenant seed at accounts.0.id: a record id like 1QA2-RXQQC",
    ],
    [
      "an unknown privilege",
      { company: "ACME", users: [{ signInId: "ACME/a", privileges: ["Access Fax Communications" as never] }] },
      "Invalid tenant seed at users.0.privileges.0:",
    ],
    [
      "a user of another company",
      { company: "ACME", users: [{ signInId: "GLOBEX/a", privileges: [] }] },
      "The user GLOBEX/a is not of the company ACME",
    ],
    [
      "an id used twice",
      tenantOf("ACME", { accounts: [{ id: "1QA2-X", name: "A" }], campaigns: [{ id: "1QA2-X", name: "C" }] }),
      "The Campaign 1QA2-X: The id 1QA2-X is already used",
    ],
    [
      "a reference to a record that is missing or of another type",
      tenantOf("ACME", {
        contacts: [{ id: "1QA2-C1", firstName: "A", lastName: "B" }],
        opportunities: [{ id: "1QA2-O1", name: "Deal", accountId: "1QA2-C1" }],
      }),
      "The Opportunity 1QA2-O1 has accountId 1QA2-C1, which is no Account of ACME",
    ],
    [
      "an activity of someone who is not a user of the tenant",
      tenantOf("ACME", { activities: [{ id: "1QA2-V1", owner: "ACME/ghost", interaction: interaction("1") }] }),
      "The activity 1QA2-V1 has owner ACME/ghost, no user of ACME",
    ],
    [
      "an activity associated with a missing record",
      tenantOf("ACME", {
        activities: [{ id: "1QA2-V1", owner: "ACME/agent", interaction: interaction("1"), leadId: "1QA2-L9" }],
      }),
      "The activity 1QA2-V1 has leadId 1QA2-L9, which is no Lead of ACME",
    ],
  ] as const)("refuses %s, naming it", ([, tenant, message]) =>
    Effect.gen(function* () {
      const [reason, text] = yield* seedError(tenant as TenantSeed)
      expect(reason).toBe("InvalidSeed")
      expect(text).toContain(message)
    }),
  )

  it.effect("refuses bad limits, naming them", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        makeEmulator({ ...noLimits, limits: { operationsAllotment: 0 } }).pipe(Effect.provide(IdGenerator.Default)),
      )
      expect(error).toMatchObject({
        reason: "InvalidOption",
        message: "limits.operationsAllotment must be a positive integer or false, got 0",
      })
    }),
  )
})

describe("record ids: 1QA2- and upper-case base 36, from an injectable generator", () => {
  it("formats numbers in base 36", () => {
    expect(formatRecordId(Number.parseInt("RXQQC", 36))).toBe("1QA2-RXQQC")
    expect(() => formatRecordId(-1)).toThrow(RangeError)
  })

  it("a sequential generator hands out the next id at each call", () => {
    const ids = makeSequentialIdGenerator(10)
    expect([ids.next(), ids.next(), ids.next()]).toEqual(["1QA2-A", "1QA2-B", "1QA2-C"])
    expect(() => makeSequentialIdGenerator(-1)).toThrow(RangeError)
  })

  it.effect("new activities take the generator's ids, skipping ids in use", () =>
    Effect.gen(function* () {
      const emulator = yield* makeEmulator({
        ...noLimits,
        tenant: tenantOf("ACME", { accounts: [{ id: "1QA2-B", name: "Taken" }] }),
      }).pipe(Effect.provide(IdGenerator.sequential(10)))
      const results = yield* emulator.serviceFor("ACME/agent").insert([interaction("1"), interaction("2")])
      expect(results.map((result) => result.ActivityId)).toEqual(["1QA2-A", "1QA2-C"])
    }),
  )
})
