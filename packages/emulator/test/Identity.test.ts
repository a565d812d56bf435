import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { DemoUsers, DemoValues } from "@crmod-cti/emulator"
import { demoEmulator, emulatorOf, interaction, interleaving, tenantOf } from "./fixtures.js"

const fredCalls = (id: string) => interaction(id, "Inbound Call", { Origin: DemoValues.fredHongWorkPhone })

describe("identity of an activity: (company, InteractionId, AgentOfferTime)", () => {
  it.effect("a second insert of an identity answers Activity already exists with the id and no associations", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator()).serviceFor(DemoUsers.mosDef)
      const [first] = yield* service.insert([fredCalls("1")])
      const [again] = yield* service.insert([fredCalls("1")])
      expect(first).toMatchObject({ Status: "OK", ContactFullName: "Fred Hong" })
      expect(again).toEqual({
        Status: "Activity already exists",
        InteractionId: "1",
        AgentOfferTime: first!.AgentOfferTime,
        ActivityId: first!.ActivityId,
      })
    }),
  )

  it.effect("also for a repeat inside one request", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator()).serviceFor(DemoUsers.mosDef)
      const results = yield* service.insert([fredCalls("1"), fredCalls("2"), fredCalls("1")])
      expect(results.map((result) => result.Status)).toEqual(["OK", "OK", "Activity already exists"])
      expect(results[2]!.ActivityId).toBe(results[0]!.ActivityId)
    }),
  )

  it.effect("whatever the channel, and whoever of the company sends it", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const [call] = yield* emulator.serviceFor(DemoUsers.mosDef).insert([interaction("1", "Inbound Call")])
      const [voicemail] = yield* emulator.serviceFor(DemoUsers.callAgent).insert([interaction("1", "Callback")])
      expect(voicemail).toMatchObject({ Status: "Activity already exists", ActivityId: call!.ActivityId })
    }),
  )

  it.effect("another AgentOfferTime is another activity", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator()).serviceFor(DemoUsers.mosDef)
      const results = yield* service.insert([interaction("1"), { ...interaction("1"), AgentOfferTime: 1287786901 }])
      expect(results.map((result) => result.Status)).toEqual(["OK", "OK"])
      expect(results[0]!.ActivityId).not.toBe(results[1]!.ActivityId)
    }),
  )

  it.effect("another company is another activity", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf([tenantOf("ACME"), tenantOf("GLOBEX")])
      const [acme] = yield* emulator.serviceFor("ACME/agent").insert([interaction("1")])
      const [globex] = yield* emulator.serviceFor("GLOBEX/agent").insert([interaction("1")])
      expect([acme!.Status, globex!.Status]).toEqual(["OK", "OK"])
    }),
  )
})

describe("exactly one OK per identity, under any concurrency", () => {
  it.effect("50 fibers inserting the same identity at once get one OK and 49 times the same ActivityId", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const agents = [DemoUsers.mosDef, DemoUsers.callAgent]
      const results = yield* Effect.all(
        Array.from({ length: 50 }, (_, n) =>
          Effect.flatMap(interleaving(emulator.serviceFor(agents[n % 2]!)).insert([fredCalls("race")]), ([result]) =>
            Effect.succeed(result!),
          ),
        ),
        { concurrency: "unbounded" },
      )
      const ok = results.filter((result) => result.Status === "OK")
      expect(ok).toHaveLength(1)
      expect(new Set(results.map((result) => result.ActivityId))).toEqual(new Set([ok[0]!.ActivityId]))
    }),
  )

  it.effect("concurrent requests with overlapping identities create each identity once", () =>
    Effect.gen(function* () {
      const service = interleaving((yield* demoEmulator()).serviceFor(DemoUsers.mosDef))
      const results = yield* Effect.all(
        Array.from({ length: 20 }, (_, n) =>
          service.insert([interaction(`a${n % 4}`), interaction(`b${n % 3}`), interaction(`a${(n + 1) % 4}`)]),
        ),
        { concurrency: "unbounded" },
      )
      const ok = results.flat().filter((result) => result.Status === "OK")
      expect(ok.map((result) => result.InteractionId).sort()).toEqual(["a0", "a1", "a2", "a3", "b0", "b1", "b2"])
    }),
  )
})
