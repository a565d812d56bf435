import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { DemoUsers, DemoValues } from "@crmod-cti/emulator"
import { demoEmulator, interaction, wrapUp } from "./fixtures.js"

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
      expect((yield* emulator.communications(DemoUsers.callAgent, "Call")).current).toEqual([])
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
