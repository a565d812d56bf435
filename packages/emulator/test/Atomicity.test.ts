import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { DemoPassword, DemoUsers, DemoValues } from "@crmod-cti/emulator"
import { demoEmulator, interaction, interleaving, wrapUp } from "./fixtures.js"

describe("a request that fails changes nothing", () => {
  it.effect("no activity, no service request, no allotment used, no change announced", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator({ limits: { rateLimiter: false, operationsAllotment: 3 } })
      const agent = emulator.serviceFor(DemoUsers.callAgent)
      const before = yield* emulator.revision
      const fault = yield* Effect.flip(
        agent.insert([
          interaction("1", "Inbound Call", { Origin: DemoValues.janeDoeWorkPhone, CreateServiceRequest: true }),
          interaction("2", "Inbound Call"),
          interaction("3", "Inbound Email"),
        ]),
      )
      expect(fault.message).toBe("Access Denied")
      expect(yield* emulator.revision).toBe(before)
      expect((yield* emulator.queries.communications({ signInId: DemoUsers.callAgent }, "Call")).current.rows).toEqual(
        [],
      )
      // The whole allotment of 3 is still there, and the first service request number is still free.
      const results = yield* agent.insert([
        interaction("1", "Inbound Call", { Origin: DemoValues.janeDoeWorkPhone, CreateServiceRequest: true }),
        interaction("2", "Inbound Call"),
        interaction("3", "Callback"),
      ])
      expect(results.map((result) => result.Status)).toEqual(["OK", "OK", "OK"])
      expect(results[0]!.ServiceRequestNumber).toBe("SR-000001")
    }),
  )

  it.effect("a failed wrap-up request wraps up nothing", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const service = emulator.serviceFor(DemoUsers.mosDef)
      const six = Array.from({ length: 6 }, () => wrapUp("100000000000"))
      yield* Effect.flip(service.wrapUp(six))
      expect((yield* service.wrapUp([wrapUp("100000000000")]))[0]!.Status).toBe("OK")
    }),
  )
})

describe("concurrent requests check and write atomically, without locks", () => {
  it.effect("20 requests signing in at once (one shared scrypt run) and inserting one identity get one OK", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const token = { username: DemoUsers.mosDef, password: DemoPassword }
      const results = yield* Effect.all(
        Array.from({ length: 20 }, () =>
          Effect.flatMap(emulator.authenticate(token), (session) => session.service.insert([interaction("race")])),
        ),
        { concurrency: "unbounded" },
      )
      const statuses = results.map(([result]) => result!.Status)
      expect(statuses.filter((status) => status === "OK")).toHaveLength(1)
      expect(new Set(results.map(([result]) => result!.ActivityId)).size).toBe(1)
    }),
  )

  it.effect("of concurrent wrap-ups of one activity exactly one answers OK", () =>
    Effect.gen(function* () {
      const service = interleaving((yield* demoEmulator()).serviceFor(DemoUsers.mosDef))
      const results = yield* Effect.all(
        Array.from({ length: 10 }, () => service.wrapUp([wrapUp("100000000000")])),
        { concurrency: "unbounded" },
      )
      expect(results.map(([result]) => result!.Status).sort()).toEqual([
        ...Array.from({ length: 9 }, () => "Activity has already been wrapped up"),
        "OK",
      ])
    }),
  )

  it.effect("concurrent requests never spend more than the allotment", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator({ limits: { rateLimiter: false, operationsAllotment: 10 } })
      const service = interleaving(emulator.serviceFor(DemoUsers.mosDef))
      const outcomes = yield* Effect.all(
        Array.from({ length: 8 }, (_, n) =>
          Effect.either(service.insert([interaction(`${n}a`), interaction(`${n}b`)])),
        ),
        { concurrency: "unbounded" },
      )
      expect(outcomes.filter((outcome) => outcome._tag === "Right")).toHaveLength(5)
      expect(yield* emulator.revision).toBe(10)
    }),
  )
})
