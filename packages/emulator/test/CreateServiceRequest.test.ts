import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { DemoIds, DemoUsers, DemoValues } from "@crmod-cti/emulator"
import { demoEmulator, emulatorOf, interaction, storedRecord, tenantOf } from "./fixtures.js"

describe("CreateServiceRequest", () => {
  it.effect("creates a service request with the activity's contact and account, and returns it", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const [result] = yield* emulator
        .serviceFor(DemoUsers.mosDef)
        .insert([interaction("1", "Inbound Call", { Origin: DemoValues.janeDoeWorkPhone, CreateServiceRequest: true })])
      expect(result).toMatchObject({
        Status: "OK",
        ContactId: DemoIds.janeDoe,
        AccountId: DemoIds.acme,
        ServiceRequestId: expect.stringMatching(/^1QA2-[0-9A-Z]+$/),
        ServiceRequestNumber: "SR-000001",
        ScreenPopRecordType: "Service Request",
      })
      expect(result!.ScreenPopRecordId).toBe(result!.ServiceRequestId)
      const created = Option.getOrThrow(yield* storedRecord(emulator, "Service Request", result!.ServiceRequestId!))
      expect(created.record).toMatchObject({
        recordType: "Service Request",
        company: "OKP",
        number: "SR-000001",
        contactId: DemoIds.janeDoe,
        accountId: DemoIds.acme,
      })
      expect(created.activities.map((activity) => activity.id)).toEqual([result!.ActivityId])
    }),
  )

  it.effect("creates one without contact or account when none is associated; numbers count up", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const results = yield* emulator
        .serviceFor(DemoUsers.mosDef)
        .insert([
          interaction("1", "Inbound Call", { CreateServiceRequest: true }),
          interaction("2", "Inbound Call", { CreateServiceRequest: true }),
        ])
      expect(results.map((result) => result.ServiceRequestNumber)).toEqual(["SR-000001", "SR-000002"])
      const created = Option.getOrThrow(yield* storedRecord(emulator, "Service Request", results[0]!.ServiceRequestId!))
      expect(created.record).not.toHaveProperty("contactId")
      expect(created.record).not.toHaveProperty("accountId")
    }),
  )

  it.effect("skips numbers the company already uses", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf(
        tenantOf("ACME", { serviceRequests: [{ id: "1QA2-S1", number: "SR-000001", subject: "seeded" }] }),
      )
      const [result] = yield* emulator
        .serviceFor("ACME/agent")
        .insert([interaction("1", "Inbound Call", { CreateServiceRequest: true })])
      expect(result!.ServiceRequestNumber).toBe("SR-000002")
    }),
  )

  it.effect.each([
    [
      "a service request is associated",
      { ServiceRequestNumber: DemoValues.serviceRequestNumber },
      DemoIds.damagedWidget,
    ],
    ["ServiceRequestNumber matches nothing", { ServiceRequestNumber: "SR-999999" }, undefined],
    [
      "AssociatedRecordType is Service Request",
      { AssociatedRecordType: "Service Request" as const, AssociatedRecordId: "1QA2-NOPE" },
      undefined,
    ],
  ] as const)("is ignored when %s", ([, parameters, associatedRequest]) =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const service = emulator.serviceFor(DemoUsers.mosDef)
      const [result] = yield* service.insert([
        interaction("1", "Inbound Call", { ...parameters, CreateServiceRequest: true }),
      ])
      expect(result!.Status).toBe("OK")
      expect(result!.ServiceRequestId).toBe(associatedRequest)
      // No number was used up: the next service request created is the first.
      const [next] = yield* service.insert([interaction("2", "Inbound Call", { CreateServiceRequest: true })])
      expect(next!.ServiceRequestNumber).toBe("SR-000001")
    }),
  )

  it.effect("false creates nothing", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const [result] = yield* emulator
        .serviceFor(DemoUsers.mosDef)
        .insert([interaction("1", "Inbound Call", { CreateServiceRequest: false })])
      expect(result).not.toHaveProperty("ServiceRequestId")
    }),
  )

  it.effect("a repeat of the identity creates no second service request", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const sent = interaction("1", "Inbound Call", { CreateServiceRequest: true })
      const results = yield* emulator.serviceFor(DemoUsers.mosDef).insert([sent, sent])
      expect(results[1]).not.toHaveProperty("ServiceRequestId")
      const [again] = yield* emulator
        .serviceFor(DemoUsers.mosDef)
        .insert([interaction("2", "Inbound Call", { CreateServiceRequest: true })])
      expect(again!.ServiceRequestNumber).toBe("SR-000002")
    }),
  )
})
