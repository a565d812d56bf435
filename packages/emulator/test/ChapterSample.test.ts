import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { DemoIds, DemoUsers } from "@crmod-cti/emulator"
import { demoEmulator, interaction, storedActivity, wrapUp } from "./fixtures.js"

// The chapter's CTIActivityInsert SOAP request, decoded.
const sample = { Priority: "2-Medium", IVRBeginTime: 1287786601, QueueBeginTime: 1287786213, Queue: "Support" }
const phone = { Origin: "15551111212", Destination: "18003849503", ...sample }
const address = { Origin: "jsoap@match.com", Destination: "cti@testing.com", ...sample }
const sampleRequest = [
  interaction("900000000051", "Inbound Call", phone),
  interaction("9000000000054", "Inbound Chat", address),
  interaction("900000000053", "Inbound Email", address),
  interaction("900000000055", "Inbound Voicemail", phone),
]

describe("the chapter's sample request against the demo tenant", () => {
  it.effect("gives the chapter's sample response, ids aside", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const results = yield* emulator.serviceFor(DemoUsers.mosDef).insert(sampleRequest)
      const fred = { ContactId: DemoIds.fredHong, ContactFullName: "Fred Hong" }
      const activity = (InteractionId: string, ActivityId: string) => ({
        Status: "OK",
        InteractionId,
        AgentOfferTime: 1287786900,
        ActivityId,
      })
      expect(results).toEqual([
        {
          ...activity("900000000051", "1QA2-S78VL"),
          ...fred,
          ScreenPopRecordId: DemoIds.fredHong,
          ScreenPopRecordType: "Contact",
        },
        {
          ...activity("9000000000054", "1QA2-S78VM"),
          ScreenPopRecordId: "1QA2-S78VM",
          ScreenPopRecordType: "Activity",
        },
        { ...activity("900000000053", "1QA2-S78VN"), ScreenPopRecordId: "1QA2-S78VN", ScreenPopRecordType: "Activity" },
        {
          ...activity("900000000055", "1QA2-S78VO"),
          ...fred,
          ScreenPopRecordId: DemoIds.fredHong,
          ScreenPopRecordType: "Contact",
        },
      ])
    }),
  )

  it.effect("stores every parameter of each interaction on its activity", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const [call] = yield* emulator.serviceFor(DemoUsers.mosDef).insert(sampleRequest)
      const stored = yield* storedActivity(emulator, call!.ActivityId!)
      expect(stored._tag === "Some" && stored.value).toMatchObject({
        type: "Call",
        subtype: "Inbound Call",
        owner: DemoUsers.mosDef,
        company: "OKP",
        contactId: DemoIds.fredHong,
        interaction: sampleRequest[0],
      })
    }),
  )
})

describe("the chapter's sample wrap-up request against the demo tenant", () => {
  it.effect("wraps up the four activities it names, one per channel", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const results = yield* emulator
        .serviceFor(DemoUsers.mosDef)
        .wrapUp([
          wrapUp("100000000000", "Inbound Call"),
          wrapUp("100000000001", "Inbound Chat"),
          wrapUp("100000000002", "Inbound Email"),
          wrapUp("100000000003", "Inbound Voicemail"),
        ])
      expect(results.map((result) => [result.Status, result.InteractionId, result.AgentOfferTime])).toEqual([
        ["OK", "100000000000", 1287786900],
        ["OK", "100000000001", 1287786900],
        ["OK", "100000000002", 1287786900],
        ["OK", "100000000003", 1287786900],
      ])
    }),
  )
})
