import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { DemoUsers, StoreError, type WriteFailureRule } from "@crmod-cti/emulator"
import { demoEmulator, emulatorWithStore, interaction, lookUp, storedActivity, tenantOf } from "./fixtures.js"

/** Makes the store fail the writes of one interaction's activity. */
const failing =
  (interactionId: string, reason: StoreError["reason"]): WriteFailureRule =>
  (write) =>
    write.activity.interaction.InteractionId === interactionId
      ? new StoreError({ reason, message: `the test refuses ${interactionId}` })
      : undefined

describe("Status of each inserted interaction", () => {
  it.effect("OK and Activity already exists", () =>
    Effect.gen(function* () {
      const service = (yield* demoEmulator()).serviceFor(DemoUsers.mosDef)
      yield* service.insert([interaction("1")])
      const results = yield* service.insert([interaction("1"), interaction("2")])
      expect(results.map((result) => result.Status)).toEqual(["Activity already exists", "OK"])
    }),
  )

  it.effect.each([
    ["Unable to create activity", "Rejected"],
    ["Unable to create activity", "DuplicateId"],
    ["Error", "Unavailable"],
  ] as const)("%s when the store fails with %s; the other interactions still complete", ([status, reason]) =>
    Effect.gen(function* () {
      const { emulator, store } = yield* emulatorWithStore(tenantOf("ACME"))
      store.failWrites(failing("2", reason))
      const service = emulator.serviceFor("ACME/agent")
      const results = yield* service.insert([
        interaction("1"),
        interaction("2"),
        interaction("3", "Inbound Call", { CreateServiceRequest: true }),
      ])
      expect(results.map((result) => result.Status)).toEqual(["OK", status, "OK"])
      expect(results[1]).toEqual({ Status: status, InteractionId: "2", AgentOfferTime: results[1]!.AgentOfferTime })
      expect(
        yield* lookUp(emulator, "ACME", { InteractionId: "2", AgentOfferTime: results[1]!.AgentOfferTime }),
      ).toEqual({
        _tag: "NotFound",
      })
      // The identity is free again once the store works.
      store.failWrites(undefined)
      const [retry] = yield* service.insert([interaction("2")])
      expect(retry!.Status).toBe("OK")
    }),
  )

  it.effect("a failed insert with CreateServiceRequest leaves no service request behind", () =>
    Effect.gen(function* () {
      const { emulator, store } = yield* emulatorWithStore(tenantOf("ACME"))
      store.failWrites(failing("1", "Unavailable"))
      const [failed] = yield* emulator
        .serviceFor("ACME/agent")
        .insert([interaction("1", "Inbound Call", { CreateServiceRequest: true })])
      expect(failed).not.toHaveProperty("ServiceRequestId")
      expect(store.record("1QA2-T0002")).toBeUndefined()
      expect(store.record("1QA2-T0001")).toBeUndefined()
    }),
  )
})

describe("Priority outside the configured list is ignored", () => {
  it.effect("a default priority is kept, another is dropped and the activity still created", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const results = yield* emulator
        .serviceFor(DemoUsers.mosDef)
        .insert([
          interaction("1", "Inbound Call", { Priority: "1-High" }),
          interaction("2", "Inbound Call", { Priority: "0-Urgent" }),
        ])
      expect(results.map((result) => result.Status)).toEqual(["OK", "OK"])
      const [kept, dropped] = yield* Effect.forEach(results, (result) => storedActivity(emulator, result.ActivityId!))
      expect(Option.getOrThrow(kept!).interaction.Priority).toBe("1-High")
      expect(Option.getOrThrow(dropped!).interaction).not.toHaveProperty("Priority")
    }),
  )

  it.effect("the list is configurable", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator({ priorities: ["0-Urgent"] })
      const results = yield* emulator
        .serviceFor(DemoUsers.mosDef)
        .insert([
          interaction("1", "Inbound Call", { Priority: "1-High" }),
          interaction("2", "Inbound Call", { Priority: "0-Urgent" }),
        ])
      const [high, urgent] = yield* Effect.forEach(results, (result) => storedActivity(emulator, result.ActivityId!))
      expect(Option.getOrThrow(high!).interaction).not.toHaveProperty("Priority")
      expect(Option.getOrThrow(urgent!).interaction.Priority).toBe("0-Urgent")
    }),
  )
})

describe("activity type and subtype follow the channel type", () => {
  it.effect.each([
    ["Inbound Transfer", "Call"],
    ["Web Callback", "Callback"],
    ["Chat Transfer", "Chat"],
    ["Email Response", "Email"],
    ["Forwarded Voicemail", "Voicemail"],
  ] as const)("%s is a %s", ([channel, type]) =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const [result] = yield* emulator.serviceFor(DemoUsers.mosDef).insert([interaction("1", channel)])
      expect(Option.getOrThrow(yield* storedActivity(emulator, result!.ActivityId!))).toMatchObject({
        type,
        subtype: channel,
      })
    }),
  )
})
