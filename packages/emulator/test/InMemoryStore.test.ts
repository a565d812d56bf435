import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Option } from "effect"
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

const store = () => Effect.runSync(makeInMemoryStore())
const ids = (found: ReadonlyArray<{ readonly id: string }>) => found.map((one) => one.id)
const values = <A extends { readonly id: string }>(found: ReadonlyArray<{ readonly value: A }>) =>
  ids(found.map((row) => row.value))

describe("the in-memory store's indexes", () => {
  it("finds records by phone digits per field, by email in any case, and by id", () => {
    const memory = store()
    memory.addRecord(contact("1QA2-C1", { workPhone: "+1 (555) 100" }, "Ann@Example.com"))
    memory.addRecord(contact("1QA2-C2", { homePhone: "1-555-100" }))
    expect(ids(memory.recordsByPhone("ACME", "1555100", ["Contact work phone", "Contact home phone"]))).toEqual([
      "1QA2-C1",
      "1QA2-C2",
    ])
    expect(ids(memory.recordsByPhone("ACME", "1555100", ["Contact home phone"]))).toEqual(["1QA2-C2"])
    expect(ids(memory.recordsByPhone("GLOBEX", "1555100", ["Contact home phone"]))).toEqual([])
    expect(ids(memory.recordsByEmail("ACME", "ann@example.com"))).toEqual(["1QA2-C1"])
    expect(memory.record("1QA2-C2")?.id).toBe("1QA2-C2")
    expect(memory.record("1QA2-C9")).toBeUndefined()
  })

  it("keeps every activity of an identity, and lists by owner and by associated record newest first", () => {
    const memory = store()
    memory.addActivity(activity("1QA2-V1", "same", { contactId: "1QA2-C1" }))
    memory.addActivity(activity("1QA2-V2", "same", { owner: "ACME/other" }))
    memory.addActivity(activity("1QA2-V3", "else", { contactId: "1QA2-C1" }))
    memory.addActivity(activity("1QA2-V4", "chat", { contactId: "1QA2-C1", type: "Chat", subtype: "Inbound Chat" }))
    expect(ids(memory.activitiesByIdentity("ACME", interaction("same")))).toEqual(["1QA2-V1", "1QA2-V2"])
    expect(values(memory.activitiesOfOwner("ACME/agent", "Call", "current", undefined, 10))).toEqual([
      "1QA2-V3",
      "1QA2-V1",
    ])
    const calls = memory.activitiesOfRecord("1QA2-C1", "Call", undefined, 10)
    expect(values(calls)).toEqual(["1QA2-V3", "1QA2-V1"])
    expect(values(memory.activitiesOfRecord("1QA2-C1", "Call", calls[0]!.position, 10))).toEqual(["1QA2-V1"])
    expect(values(memory.activitiesOfRecord("1QA2-C1", "Call", undefined, 1))).toEqual(["1QA2-V3"])
    expect(values(memory.activitiesOfRecord("1QA2-C1", "Chat", undefined, 10))).toEqual(["1QA2-V4"])
    expect(memory.countActivitiesOfRecord("1QA2-C1", "Call")).toBe(2)
  })

  it("a wrap-up moves an activity from its owner's current list to the front of the completed one", () => {
    const memory = store()
    for (const id of ["1QA2-V1", "1QA2-V2", "1QA2-V3"]) memory.addActivity(activity(id, id))
    memory.updateActivity(activity("1QA2-V2", "1QA2-V2", { wrappedUpAt: 5 }))
    memory.updateActivity(activity("1QA2-V1", "1QA2-V1", { wrappedUpAt: 6 }))
    const list = (state: "current" | "completed") =>
      values(memory.activitiesOfOwner("ACME/agent", "Call", state, undefined, 10))
    expect(list("current")).toEqual(["1QA2-V3"])
    expect(list("completed")).toEqual(["1QA2-V1", "1QA2-V2"])
    // Saving a wrapped-up activity again (new notes) moves nothing.
    memory.updateActivity(activity("1QA2-V2", "1QA2-V2", { wrappedUpAt: 5, wrapUpNotes: "more" }))
    expect(list("completed")).toEqual(["1QA2-V1", "1QA2-V2"])
  })

  it("lists a company's records of a type newest first", () => {
    const memory = store()
    for (const id of ["1QA2-C1", "1QA2-C2"]) memory.addRecord(contact(id, {}))
    memory.addRecord({ ...contact("1QA2-C3", {}), company: "GLOBEX" })
    expect(values(memory.recordsOfType("ACME", "Contact", undefined, 10))).toEqual(["1QA2-C2", "1QA2-C1"])
    expect(values(memory.recordsOfType("ACME", "Account", undefined, 10))).toEqual([])
  })

  it("adds an activity and its service request both or neither", () => {
    const memory = store()
    expect(Either.isRight(memory.addRecord(contact("1QA2-S1", {})))).toBe(true)
    const refused = memory.addActivity(activity("1QA2-V1", "1"), request)
    expect(Either.getLeft(refused)).toEqual(
      Option.some(expect.objectContaining({ reason: "DuplicateId", message: "The id 1QA2-S1 is already used" })),
    )
    expect(memory.isIdTaken("1QA2-V1")).toBe(false)
    expect(Either.isRight(memory.addActivity(activity("1QA2-V1", "1"), { ...request, id: "1QA2-S2" }))).toBe(true)
    expect(ids(memory.serviceRequestsByNumber("ACME", "SR-1"))).toEqual(["1QA2-S2"])
    expect(memory.isIdTaken("1QA2-V1")).toBe(true)
  })

  it("an update may change the wrap-up, not what the indexes hold", () => {
    const memory = store()
    memory.addActivity(activity("1QA2-V1", "1"))
    expect(
      Either.isRight(memory.updateActivity(activity("1QA2-V1", "1", { wrappedUpAt: 5, wrapUpNotes: "done" }))),
    ).toBe(true)
    expect(memory.activity("1QA2-V1")?.wrappedUpAt).toBe(5)
    for (const changed of [
      activity("1QA2-V1", "1"),
      activity("1QA2-V1", "2", { wrappedUpAt: 5 }),
      activity("1QA2-V1", "1", { leadId: "1QA2-L1" }),
      activity("1QA2-V9", "1"),
    ]) {
      expect(Either.getLeft(memory.updateActivity(changed)).pipe(Option.map((error) => error.reason))).toEqual(
        Option.some("Rejected"),
      )
    }
  })
})
