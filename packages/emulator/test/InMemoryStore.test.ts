import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { type Activity, type CrmRecord, makeInMemoryStore, type ServiceRequest } from "@crmod-cti/emulator"
import { interaction } from "./fixtures.js"

const contact = (
  id: string,
  phones: Partial<Record<"workPhone" | "homePhone" | "mobilePhone", string>>,
  email?: string,
): CrmRecord => ({
  recordType: "Contact",
  id,
  company: "ACME",
  firstName: "A",
  lastName: id,
  fullName: `A ${id}`,
  ...phones,
  ...(email === undefined ? {} : { email }),
})

const activity = (id: string, interactionId: string, extra: Partial<Activity> = {}): Activity => ({
  id,
  company: "ACME",
  owner: "ACME/agent",
  type: "Call",
  subtype: "Inbound Call",
  interaction: interaction(interactionId),
  createdAt: 0,
  ...extra,
})

const request: ServiceRequest = {
  recordType: "Service Request",
  id: "1QA2-S1",
  company: "ACME",
  number: "SR-1",
  subject: "x",
}

describe("the in-memory store's indexes", () => {
  it.effect("finds records by phone digits per field, by email in any case, and by id", () =>
    Effect.gen(function* () {
      const store = yield* makeInMemoryStore()
      yield* store.addRecord(contact("1QA2-C1", { workPhone: "+1 (555) 100" }, "Ann@Example.com"))
      yield* store.addRecord(contact("1QA2-C2", { homePhone: "1-555-100" }))
      const ids = (records: ReadonlyArray<CrmRecord>) => records.map((record) => record.id)
      expect(ids(yield* store.recordsByPhone("ACME", "1555100", ["Contact work phone", "Contact home phone"]))).toEqual(
        ["1QA2-C1", "1QA2-C2"],
      )
      expect(ids(yield* store.recordsByPhone("ACME", "1555100", ["Contact home phone"]))).toEqual(["1QA2-C2"])
      expect(ids(yield* store.recordsByPhone("GLOBEX", "1555100", ["Contact home phone"]))).toEqual([])
      expect(ids(yield* store.recordsByEmail("ACME", "ann@example.com"))).toEqual(["1QA2-C1"])
      expect(Option.map(yield* store.record("1QA2-C2"), (record) => record.id)).toEqual(Option.some("1QA2-C2"))
    }),
  )

  it.effect("keeps every activity of an identity, and lists by owner and by associated record in order", () =>
    Effect.gen(function* () {
      const store = yield* makeInMemoryStore()
      yield* store.addActivity(activity("1QA2-V1", "same", { contactId: "1QA2-C1" }))
      yield* store.addActivity(activity("1QA2-V2", "same", { owner: "ACME/other" }))
      yield* store.addActivity(activity("1QA2-V3", "else", { contactId: "1QA2-C1" }))
      const ids = (activities: ReadonlyArray<Activity>) => activities.map((found) => found.id)
      expect(ids(yield* store.activitiesByIdentity("ACME", interaction("same")))).toEqual(["1QA2-V1", "1QA2-V2"])
      expect(ids(yield* store.activitiesByOwner("ACME/agent"))).toEqual(["1QA2-V1", "1QA2-V3"])
      expect(ids(yield* store.activitiesByRecord("1QA2-C1"))).toEqual(["1QA2-V1", "1QA2-V3"])
    }),
  )

  it.effect("adds an activity and its service request both or neither", () =>
    Effect.gen(function* () {
      const store = yield* makeInMemoryStore()
      yield* store.addRecord(contact("1QA2-S1", {}))
      const error = yield* Effect.flip(store.addActivity(activity("1QA2-V1", "1"), request))
      expect(error).toMatchObject({ reason: "DuplicateId", message: "The id 1QA2-S1 is already used" })
      expect(yield* store.isIdTaken("1QA2-V1")).toBe(false)
      yield* store.addActivity(activity("1QA2-V1", "1"), { ...request, id: "1QA2-S2" })
      expect((yield* store.serviceRequestsByNumber("ACME", "SR-1")).map((found) => found.id)).toEqual(["1QA2-S2"])
    }),
  )

  it.effect("an update may change the wrap-up, not what the indexes hold", () =>
    Effect.gen(function* () {
      const store = yield* makeInMemoryStore()
      yield* store.addActivity(activity("1QA2-V1", "1"))
      yield* store.updateActivity(activity("1QA2-V1", "1", { wrappedUpAt: 5, wrapUpNotes: "done" }))
      expect(Option.getOrThrow(yield* store.activity("1QA2-V1")).wrappedUpAt).toBe(5)
      for (const changed of [
        activity("1QA2-V1", "2"),
        activity("1QA2-V1", "1", { leadId: "1QA2-L1" }),
        activity("1QA2-V9", "1"),
      ]) {
        expect((yield* Effect.flip(store.updateActivity(changed))).reason).toBe("Rejected")
      }
    }),
  )
})
