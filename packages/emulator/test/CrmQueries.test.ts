import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { DemoIds, DemoUsers, DemoValues } from "@crmod-cti/emulator"
import { demoEmulator, emulatorOf, interaction, tenantOf, wrapUp } from "./fixtures.js"

const mosDef = { signInId: DemoUsers.mosDef }
const callAgent = { signInId: DemoUsers.callAgent }
const idsOf = (rows: ReadonlyArray<{ readonly id: string }>) => rows.map((row) => row.id)

describe("the CRM pages' queries are scoped to the signed-in user's company", () => {
  it.effect("a record of the company and of the type asked; nothing of another company", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf([
        tenantOf("ACME", { accounts: [{ id: "1QA2-A1", name: "Acme" }] }),
        tenantOf("GLOBEX"),
      ])
      expect((yield* emulator.queries.record({ signInId: "ACME/agent" }, "Account", "1QA2-A1")).id).toBe("1QA2-A1")
      const elsewhere = yield* Effect.flip(emulator.queries.record({ signInId: "GLOBEX/agent" }, "Account", "1QA2-A1"))
      expect(elsewhere).toMatchObject({
        reason: "NotFound",
        message: "There is no Account with the Record Id 1QA2-A1.",
      })
      const otherType = yield* Effect.flip(emulator.queries.record({ signInId: "ACME/agent" }, "Contact", "1QA2-A1"))
      expect(otherType.reason).toBe("NotFound")
      const page = yield* emulator.queries.recordsOfType({ signInId: "GLOBEX/agent" }, "Account")
      expect(page.rows).toEqual([])
    }),
  )

  it.effect("linked records follow the table of references: a service request's contact and account", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const request = yield* emulator.queries.record(mosDef, "Service Request", DemoIds.damagedWidget)
      expect(idsOf(yield* emulator.queries.linkedRecords(mosDef, request))).toEqual([DemoIds.janeDoe, DemoIds.acme])
      const jane = yield* emulator.queries.record(mosDef, "Contact", DemoIds.janeDoe)
      expect(idsOf(yield* emulator.queries.linkedRecords(mosDef, jane))).toEqual([DemoIds.acme])
      const fred = yield* emulator.queries.record(mosDef, "Contact", DemoIds.fredHong)
      expect(yield* emulator.queries.linkedRecords(mosDef, fred)).toEqual([])
      const [call] = yield* emulator
        .serviceFor(DemoUsers.mosDef)
        .insert([interaction("1", "Inbound Call", { Origin: DemoValues.janeDoeWorkPhone })])
      const activity = yield* emulator.queries.activity(mosDef, call!.ActivityId!)
      expect(idsOf(yield* emulator.queries.linkedRecords(mosDef, activity))).toEqual([DemoIds.acme, DemoIds.janeDoe])
    }),
  )

  it.effect("an activity needs its channel's Access privilege; the company's other agents' activities show", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      expect((yield* emulator.queries.activity(callAgent, DemoIds.sampleCall)).owner).toBe(DemoUsers.mosDef)
      const chat = yield* Effect.flip(emulator.queries.activity(callAgent, DemoIds.sampleChat))
      expect(chat).toMatchObject({
        reason: "Forbidden",
        message: "Your role has no Access Chat Communications privilege.",
      })
      expect((yield* Effect.flip(emulator.queries.activity(callAgent, "1QA2-NOPE"))).reason).toBe("NotFound")
    }),
  )

  it.effect("a record's activities show only on channels the user may access; the others are counted", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const service = emulator.serviceFor(DemoUsers.mosDef)
      yield* service.insert([interaction("1", "Inbound Call", { Origin: DemoValues.janeDoeWorkPhone })])
      yield* service.insert([interaction("2", "Inbound Email", { Origin: DemoValues.janeDoeEmail })])
      yield* service.insert([interaction("3", "Callback", { Destination: DemoValues.janeDoeHomePhone })])
      const all = yield* emulator.queries.activitiesOfRecord(mosDef, "Contact", DemoIds.janeDoe)
      expect(all.activities.rows.map((a) => a.interaction.InteractionId)).toEqual(["3", "2", "1"])
      expect(all.hidden).toBe(0)
      const calls = yield* emulator.queries.activitiesOfRecord(callAgent, "Contact", DemoIds.janeDoe)
      expect(calls.activities.rows.map((a) => a.interaction.InteractionId)).toEqual(["3", "1"])
      expect(calls.hidden).toBe(1)
      const elsewhere = yield* Effect.flip(emulator.queries.activitiesOfRecord(mosDef, "Lead", DemoIds.janeDoe))
      expect(elsewhere.reason).toBe("NotFound")
    }),
  )

  it.effect("records of a type, newest first", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const contacts = yield* emulator.queries.recordsOfType(callAgent, "Contact")
      expect(idsOf(contacts.rows)).toEqual([DemoIds.chrisJones, DemoIds.patJones, DemoIds.janeDoe, DemoIds.fredHong])
      expect(contacts.next).toBeUndefined()
      const [created] = yield* emulator
        .serviceFor(DemoUsers.mosDef)
        .insert([interaction("sr", "Inbound Call", { CreateServiceRequest: true })])
      const requests = yield* emulator.queries.recordsOfType(callAgent, "Service Request")
      expect(idsOf(requests.rows)).toEqual([created!.ServiceRequestId, DemoIds.damagedWidget])
    }),
  )

  it.effect("the Communications subtab: the user's own interactions, Forbidden without its privilege", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      yield* TestClock.setTime(Date.UTC(2025, 0, 1))
      yield* emulator.serviceFor(DemoUsers.callAgent).insert([interaction("theirs")])
      const service = emulator.serviceFor(DemoUsers.mosDef)
      yield* service.insert([interaction("a")])
      yield* TestClock.adjust("1 hour")
      yield* service.wrapUp([wrapUp("a")])
      yield* TestClock.adjust("1 hour")
      yield* service.wrapUp([wrapUp("100000000000")])
      const page = yield* emulator.queries.communications(mosDef, "Call")
      expect(page.current.rows).toEqual([])
      expect(page.completed.rows.map((a) => a.interaction.InteractionId)).toEqual(["100000000000", "a"])
      const recent = yield* emulator.queries.communications(mosDef, "Call", {
        completedSince: Date.UTC(2025, 0, 1) + 90 * 60_000,
      })
      expect(recent.completed.rows.map((a) => a.interaction.InteractionId)).toEqual(["100000000000"])
      expect(recent.completed.next).toBeUndefined()
      const theirs = yield* emulator.queries.communications(callAgent, "Call")
      expect(theirs.current.rows.map((a) => a.interaction.InteractionId)).toEqual(["theirs"])
      const denied = yield* Effect.flip(emulator.queries.communications(callAgent, "Chat"))
      expect(denied).toMatchObject({
        reason: "Forbidden",
        message: "Your role has no Access Chat Communications privilege.",
      })
    }),
  )

  it.effect("an activity by identity, in the user's company only", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf([tenantOf("ACME"), tenantOf("GLOBEX")])
      yield* emulator.serviceFor("ACME/agent").insert([interaction("1")])
      const identity = { InteractionId: "1", AgentOfferTime: interaction("1").AgentOfferTime }
      expect((yield* emulator.queries.findActivity({ signInId: "ACME/agent" }, identity))._tag).toBe("Found")
      expect((yield* emulator.queries.findActivity({ signInId: "GLOBEX/agent" }, identity))._tag).toBe("NotFound")
    }),
  )

  it.effect("a user who does not exist is Forbidden everything; a page position that is none is InvalidPage", () =>
    Effect.gen(function* () {
      const emulator = yield* demoEmulator()
      const nobody = { signInId: "OKP/nobody" }
      expect((yield* Effect.flip(emulator.queries.record(nobody, "Contact", DemoIds.fredHong))).reason).toBe(
        "Forbidden",
      )
      expect((yield* Effect.flip(emulator.queries.communications(nobody, "Call"))).reason).toBe("Forbidden")
      const invalid = yield* Effect.flip(emulator.queries.recordsOfType(mosDef, "Contact", { before: -1 }))
      expect(invalid).toMatchObject({
        reason: "InvalidPage",
        message: "before must be a position of a page (a whole number of zero or more), got -1",
      })
      const fraction = yield* Effect.flip(emulator.queries.communications(mosDef, "Call", { current: { before: 1.5 } }))
      expect(fraction.reason).toBe("InvalidPage")
    }),
  )
})
