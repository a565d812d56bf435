import { describe, expect, it } from "@effect/vitest"
import { Effect, Option, TestClock } from "effect"
import { DemoIds, DemoUsers, StoreError } from "@crmod-cti/emulator"
import {
  demoEmulator,
  emulatorOf,
  emulatorWithStore,
  interaction,
  offerTime,
  storedActivity,
  tenantOf,
  wrapUp,
} from "./fixtures.js"

// Two seeded call activities with one identity, as only seeds can have.
const clashing = tenantOf("ACME", {
  activities: [
    { id: "1QA2-V1", owner: "ACME/agent", interaction: interaction("twice", "Inbound Call") },
    { id: "1QA2-V2", owner: "ACME/agent", interaction: interaction("twice", "Outbound Call") },
    { id: "1QA2-V3", owner: "ACME/agent", interaction: interaction("twice", "Inbound Email") },
    { id: "1QA2-V4", owner: "ACME/agent", interaction: interaction("done", "Inbound Call"), wrappedUpAt: 5 },
  ],
})

describe("CTIActivityWrapUp statuses", () => {
  it.effect("OK marks the activity wrapped up at the current time", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const service = emulator.serviceFor(DemoUsers.mosDef)
      const [inserted] = yield* service.insert([interaction("1")])
      yield* TestClock.adjust("90 seconds")
      expect(yield* service.wrapUp([wrapUp("1")])).toEqual([
        { Status: "OK", InteractionId: "1", AgentOfferTime: offerTime },
      ])
      expect(Option.getOrThrow(yield* storedActivity(emulator, inserted!.ActivityId!)).wrappedUpAt).toBe(90_000)
    }),
  )

  it.effect("Activity has already been wrapped up, also for a repeat inside one request", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator()).serviceFor(DemoUsers.mosDef)
      yield* service.insert([interaction("1"), interaction("2")])
      yield* service.wrapUp([wrapUp("1")])
      const results = yield* service.wrapUp([wrapUp("1"), wrapUp("2"), wrapUp("2")])
      expect(results.map((result) => result.Status)).toEqual([
        "Activity has already been wrapped up",
        "OK",
        "Activity has already been wrapped up",
      ])
    }),
  )

  it.effect("Activity not found: no such identity, or none of the channel's activity type", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator()).serviceFor(DemoUsers.mosDef)
      yield* service.insert([interaction("call", "Inbound Call")])
      const results = yield* service.wrapUp([
        wrapUp("nothing"),
        wrapUp("call", "Inbound Chat"),
        wrapUp("call", "Callback"),
      ])
      expect(results.map((result) => result.Status)).toEqual([
        "Activity not found",
        "Activity not found",
        "Activity not found",
      ])
    }),
  )

  it.effect("finds the activity by its type, whichever channel of that type the wrap-up names", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator()).serviceFor(DemoUsers.mosDef)
      yield* service.insert([interaction("call", "Inbound Call")])
      expect((yield* service.wrapUp([wrapUp("call", "Outbound Transfer")]))[0]!.Status).toBe("OK")
    }),
  )

  it.effect("Multiple activites found, in Oracle's spelling, when two of the type share the identity", () =>
    Effect.gen(function* () {
      const service = (yield* emulatorOf(clashing)).serviceFor("ACME/agent")
      const results = yield* service.wrapUp([
        wrapUp("twice", "Inbound Call"),
        wrapUp("twice", "Inbound Email"),
        wrapUp("done"),
      ])
      expect(results.map((result) => result.Status)).toEqual([
        "Multiple activites found",
        "OK",
        "Activity has already been wrapped up",
      ])
    }),
  )

  it.effect("Error when the store fails; the other interactions still complete", () =>
    Effect.gen(function* () {
      const { emulator, store } = yield* emulatorWithStore(tenantOf("ACME"))
      const service = emulator.serviceFor("ACME/agent")
      yield* service.insert([interaction("1"), interaction("2")])
      store.failWrites((write) =>
        write.operation === "updateActivity" && write.activity.interaction.InteractionId === "1"
          ? new StoreError({ reason: "Unavailable", message: "down" })
          : undefined,
      )
      const results = yield* service.wrapUp([wrapUp("1"), wrapUp("2")])
      expect(results.map((result) => result.Status)).toEqual(["Error", "OK"])
      store.failWrites(undefined)
      expect((yield* service.wrapUp([wrapUp("1")]))[0]!.Status).toBe("OK")
    }),
  )

  it.effect("only the company's activities are found", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf([tenantOf("ACME"), tenantOf("GLOBEX")])
      yield* emulator.serviceFor("ACME/agent").insert([interaction("1")])
      expect((yield* emulator.serviceFor("GLOBEX/agent").wrapUp([wrapUp("1")]))[0]!.Status).toBe("Activity not found")
    }),
  )
})

describe("the servlet's wrap-up page: Save stores notes and call result and wraps up", () => {
  const mosDef = { signInId: DemoUsers.mosDef }

  it.effect("saves and wraps up, then saves again without changing the wrap-up time", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      yield* TestClock.adjust("1 minute")
      const saved = yield* emulator.wrapUpPage.save(mosDef, DemoIds.sampleCall, {
        notes: "Customer asked for a call back",
        callResult: "Completed",
      })
      expect(saved.status).toBe("OK")
      expect(saved.activity).toMatchObject({
        wrapUpNotes: "Customer asked for a call back",
        callResult: "Completed",
        wrappedUpAt: 60_000,
      })
      yield* TestClock.adjust("1 minute")
      const again = yield* emulator.wrapUpPage.save(mosDef, DemoIds.sampleCall, { notes: "Called back" })
      expect(again.status).toBe("Activity has already been wrapped up")
      expect(again.activity).toMatchObject({ wrapUpNotes: "Called back", callResult: "Completed", wrappedUpAt: 60_000 })
      const [viaService] = yield* emulator.serviceFor(DemoUsers.mosDef).wrapUp([wrapUp("100000000000")])
      expect(viaService!.Status).toBe("Activity has already been wrapped up")
    }),
  )

  it.effect("agents stay apart: another agent's activity is neither shown nor saved, and stays as it was", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const agent = { signInId: DemoUsers.callAgent }
      const shown = yield* Effect.flip(emulator.wrapUpPage.ownActivity(agent, DemoIds.sampleCall))
      expect(shown).toMatchObject({ _tag: "CrmQueryError", reason: "Forbidden" })
      const saved = yield* Effect.flip(emulator.wrapUpPage.save(agent, DemoIds.sampleCall, { notes: "mine now" }))
      expect(saved.reason).toBe("Forbidden")
      const untouched = yield* emulator.wrapUpPage.ownActivity(mosDef, DemoIds.sampleCall)
      expect(untouched.wrapUpNotes).toBeUndefined()
      expect(untouched.wrappedUpAt).toBeUndefined()
      // The agent's own call is theirs to wrap up.
      const [own] = yield* emulator.serviceFor(DemoUsers.callAgent).insert([interaction("own")])
      expect((yield* emulator.wrapUpPage.save(agent, own!.ActivityId!, { notes: "done" })).status).toBe("OK")
    }),
  )

  it.effect("needs the Access privilege of the activity's channel", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      yield* emulator.administration.setPrivileges(mosDef, DemoUsers.mosDef, ["Access Call Communications"])
      const denied = yield* Effect.flip(emulator.wrapUpPage.save(mosDef, DemoIds.sampleChat, {}))
      expect(denied).toMatchObject({
        reason: "Forbidden",
        message: "Your role has no Access Chat Communications privilege.",
      })
      expect((yield* emulator.wrapUpPage.save(mosDef, DemoIds.sampleCall, {})).status).toBe("OK")
    }),
  )

  it.effect("an unknown activity, or one of another company, is not found", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf([tenantOf("ACME"), tenantOf("GLOBEX")])
      const [inserted] = yield* emulator.serviceFor("ACME/agent").insert([interaction("1")])
      const globex = { signInId: "GLOBEX/agent" }
      expect((yield* Effect.flip(emulator.wrapUpPage.save(globex, inserted!.ActivityId!, {}))).reason).toBe("NotFound")
      expect((yield* Effect.flip(emulator.wrapUpPage.ownActivity(globex, "1QA2-NOPE"))).reason).toBe("NotFound")
    }),
  )
})
