import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Fiber, Option, Stream, TestClock } from "effect"
import { DemoCompany, DemoIds, DemoUsers, DemoValues } from "@crmod-cti/emulator"
import { demoEmulator, interaction, wrapUp } from "./fixtures.js"

describe("the Communications tab: the agent's current interactions, then completed ones", () => {
  it.effect("lists each subtab's activities of the agent, newest first, the Call subtab with callbacks", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const service = emulator.serviceFor(DemoUsers.mosDef)
      // Today, so that the new activities are newer than the chapter's of 2010.
      yield* TestClock.setTime(Date.UTC(2025, 0, 1))
      for (const [id, channel] of [
        ["a", "Inbound Call"],
        ["b", "Callback"],
        ["c", "Inbound Chat"],
        ["d", "Outbound Call"],
      ] as const) {
        yield* TestClock.adjust("1 second")
        yield* service.insert([interaction(id, channel)])
      }
      yield* emulator.serviceFor(DemoUsers.callAgent).insert([interaction("other agent")])
      yield* service.wrapUp([wrapUp("a"), wrapUp("100000000000")])
      const calls = yield* emulator.communications(DemoUsers.mosDef, "Call")
      expect(calls.current.map((activity) => activity.interaction.InteractionId)).toEqual(["d", "b"])
      // Completed ones most recently wrapped up first.
      expect(calls.completed.map((activity) => activity.interaction.InteractionId)).toEqual(["100000000000", "a"])
      const chats = yield* emulator.communications(DemoUsers.mosDef, "Chat")
      expect(chats.current.map((activity) => activity.interaction.InteractionId)).toEqual(["c", "100000000001"])
      const limited = yield* emulator.communications(DemoUsers.mosDef, "Call", { limit: 1, completedSince: 1 })
      expect(limited.current.map((activity) => activity.interaction.InteractionId)).toEqual(["d"])
      expect(limited.completed.map((activity) => activity.interaction.InteractionId)).toEqual(["100000000000"])
    }),
  )

  it.effect("a subtab needs its Access privilege", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      expect((yield* Effect.flip(emulator.communications(DemoUsers.callAgent, "Voicemail"))).message).toBe(
        "Access Denied",
      )
      expect((yield* emulator.communications(DemoUsers.callAgent, "Call")).current).toEqual([])
    }),
  )
})

describe("records and activities for the detail pages", () => {
  it.effect("a record with its related activities, newest first", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const service = emulator.serviceFor(DemoUsers.mosDef)
      yield* service.insert([interaction("1", "Inbound Call", { Origin: DemoValues.janeDoeWorkPhone })])
      yield* TestClock.adjust("1 second")
      yield* service.insert([interaction("2", "Inbound Email", { Origin: DemoValues.janeDoeEmail })])
      const acme = Option.getOrThrow(yield* emulator.record("Account", DemoIds.acme))
      expect(acme.record).toEqual({
        recordType: "Account",
        id: DemoIds.acme,
        company: DemoCompany,
        name: "Acme Corporation",
        mainPhone: DemoValues.acmeMainPhone,
      })
      expect(acme.activities.map((activity) => activity.interaction.InteractionId)).toEqual(["2", "1"])
      expect(Option.isNone(yield* emulator.record("Contact", DemoIds.acme))).toBe(true)
      expect(Option.isNone(yield* emulator.record("Lead", "1QA2-NOPE"))).toBe(true)
    }),
  )

  it.effect("an activity by id, and by identity", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const activity = Option.getOrThrow(yield* emulator.activity(DemoIds.sampleVoicemail))
      expect(activity).toMatchObject({ type: "Voicemail", subtype: "Inbound Voicemail", owner: DemoUsers.mosDef })
      const identity = { InteractionId: "100000000003", AgentOfferTime: 1287786900 }
      expect(yield* emulator.findActivity(DemoCompany, identity)).toEqual({ _tag: "Found", activity })
      expect(yield* emulator.findActivity("ELSEWHERE", identity)).toEqual({ _tag: "NotFound" })
    }),
  )

  it.effect("users of a company", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      expect((yield* emulator.users(DemoCompany)).map((user) => user.signInId)).toEqual([
        DemoUsers.mosDef,
        DemoUsers.callAgent,
        DemoUsers.noCti,
      ])
      expect(Option.getOrThrow(yield* emulator.user(DemoUsers.noCti)).privileges).toEqual([])
      expect(yield* emulator.hasPrivilege(DemoUsers.mosDef, "Manage CTI On Demand Access")).toBe(true)
      expect(yield* emulator.hasPrivilege(DemoUsers.callAgent, "Manage CTI On Demand Access")).toBe(false)
      expect(yield* emulator.hasPrivilege("OKP/nobody", "Access Call Communications")).toBe(false)
    }),
  )
})

describe("changes, for pages that update live", () => {
  it.effect("new and wrapped-up activities and privilege changes are announced, and counted", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const subscription = yield* emulator.subscribe
      const seen = yield* Effect.fork(Stream.runCollect(Stream.take(subscription, 4)))
      const service = emulator.serviceFor(DemoUsers.mosDef)
      yield* service.insert([interaction("1", "Inbound Call", { CreateServiceRequest: true })])
      yield* service.insert([interaction("1")])
      yield* service.wrapUp([wrapUp("1"), wrapUp("1")])
      yield* emulator.wrapUpActivity(DemoUsers.mosDef, DemoIds.sampleChat, { notes: "done" })
      yield* emulator.setPrivileges(DemoUsers.noCti, ["Access Chat Communications"])
      const changes = Chunk.toReadonlyArray(yield* Fiber.join(seen))
      expect(changes.map((change) => change._tag)).toEqual([
        "ActivityCreated",
        "ActivityWrappedUp",
        "ActivityWrappedUp",
        "PrivilegesChanged",
      ])
      expect(changes[0]).toMatchObject({
        activity: { interaction: { InteractionId: "1" } },
        serviceRequest: { number: "SR-000001" },
      })
      expect(yield* emulator.revision).toBe(4)
    }).pipe(Effect.scoped),
  )
})
