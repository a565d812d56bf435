import { ChannelTypes, type Interaction } from "@crmod-cti/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { DemoIds, DemoUsers, DemoValues, type EmulatorShape } from "@crmod-cti/emulator"
import { demoEmulator, emulatorOf, interaction, storedActivity, tenantOf } from "./fixtures.js"

const insertOne = (emulator: EmulatorShape, sent: Interaction, signInId: string = DemoUsers.mosDef) =>
  Effect.map(emulator.serviceFor(signInId).insert([sent]), ([result]) => result!)

// One demo emulator for the tests that only insert (hashing the demo passwords takes a while); each of its
// inserts gets an InteractionId of its own.
const demo = await Effect.runPromise(demoEmulator())
let sequence = 0

/** What the demo tenant associates with an interaction, by record type, without the echo and new ids. */
const associated = (sent: Interaction) =>
  Effect.gen(function* () {
    const result = yield* insertOne(demo, { ...sent, InteractionId: `association-${++sequence}` })
    expect(result.Status).toBe("OK")
    const { Status, InteractionId, AgentOfferTime, ActivityId, ScreenPopRecordId, ScreenPopRecordType, ...records } =
      result
    return records
  })

const jane = { ContactId: DemoIds.janeDoe, ContactFullName: "Jane Doe" }
const fred = { ContactId: DemoIds.fredHong, ContactFullName: "Fred Hong" }
const acme = { AccountId: DemoIds.acme, AccountName: "Acme Corporation" }
const maria = { LeadId: DemoIds.mariaGarcia, LeadFullName: "Maria Garcia" }
const srOfJane = { ServiceRequestId: DemoIds.damagedWidget, ServiceRequestNumber: DemoValues.serviceRequestNumber }
const spring = { CampaignId: DemoIds.springPromotion, CampaignName: "Spring Promotion" }
const passedIn = (AssociatedRecordType: Interaction["AssociatedRecordType"] & string, AssociatedRecordId: string) => ({
  AssociatedRecordType,
  AssociatedRecordId,
})

describe("association by a passed-in record (AssociatedRecordType and AssociatedRecordId)", () => {
  it.effect.each([
    ["Contact", DemoIds.janeDoe, { ...jane, ...acme }],
    ["Account", DemoIds.acme, acme],
    ["Lead", DemoIds.mariaGarcia, maria],
    ["Service Request", DemoIds.damagedWidget, { ...srOfJane, ...jane, ...acme }],
    ["Campaign", DemoIds.springPromotion, spring],
  ] as const)("associates the %s passed in, with the records it brings", ([type, id, expected]) =>
    Effect.gen(function* () {
      expect(yield* associated(interaction("1", "Outbound Call", passedIn(type, id)))).toEqual(expected)
    }),
  )

  it.effect("associates an Opportunity passed in, which the result does not report", () =>
    Effect.gen(function* () {
      const result = yield* insertOne(
        demo,
        interaction("opportunity", "Outbound Call", passedIn("Opportunity", DemoIds.acmeRenewal)),
      )
      expect(result).toMatchObject({ Status: "OK", ScreenPopRecordType: "Activity" })
      expect(result).not.toHaveProperty("AccountId")
      const stored = Option.getOrThrow(yield* storedActivity(demo, result.ActivityId!))
      expect(stored.opportunityId).toBe(DemoIds.acmeRenewal)
    }),
  )

  it.effect("wins over IVR parameters and the dialled number (Click-to-Dial)", () =>
    Effect.gen(function* () {
      const sent = interaction("1", "Outbound Call", {
        ...passedIn("Contact", DemoIds.fredHong),
        ContactPhoneNumber: DemoValues.janeDoeHomePhone,
        Destination: DemoValues.janeDoeWorkPhone,
      })
      // Jane is found too, but the contact is taken, so she brings no account either.
      expect(yield* associated(sent)).toEqual(fred)
    }),
  )

  it.effect.each([
    ["an id that no record has", passedIn("Contact", "1QA2-NOPE")],
    ["an id of another type", passedIn("Contact", DemoIds.acme)],
    ["the type Activity", passedIn("Activity", DemoIds.sampleCall)],
    ["a type without an id", { AssociatedRecordType: "Contact" as const }],
    ["an id without a type", { AssociatedRecordId: DemoIds.janeDoe }],
  ] as const)("ignores %s, and matching goes on", ([, passed]) =>
    Effect.gen(function* () {
      expect(yield* associated(interaction("1", "Inbound Call", { ...passed, Origin: "15551111212" }))).toEqual(fred)
    }),
  )

  it.effect("ignores a record of another company", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf([
        tenantOf("ACME", { contacts: [{ id: "1QA2-A1", firstName: "Ann", lastName: "Acme" }] }),
        tenantOf("GLOBEX"),
      ])
      const result = yield* insertOne(
        emulator,
        interaction("1", "Outbound Call", passedIn("Contact", "1QA2-A1")),
        "GLOBEX/agent",
      )
      expect(result).toMatchObject({ Status: "OK", ScreenPopRecordType: "Activity" })
      expect(result).not.toHaveProperty("ContactId")
    }),
  )
})

describe("association by IVR parameters", () => {
  it.effect("ServiceRequestNumber associates the service request, its contact and its account", () =>
    Effect.gen(function* () {
      const sent = interaction("1", "Inbound Call", { ServiceRequestNumber: DemoValues.serviceRequestNumber })
      expect(yield* associated(sent)).toEqual({ ...srOfJane, ...jane, ...acme })
    }),
  )

  it.effect("CampaignSourceCode associates the campaign", () =>
    Effect.gen(function* () {
      expect(yield* associated(interaction("1", "Inbound Call", { CampaignSourceCode: "SPRING2024" }))).toEqual(spring)
    }),
  )

  it.effect("ContactPhoneNumber associates the contact whose home phone it is, with the primary account", () =>
    Effect.gen(function* () {
      const sent = interaction("1", "Inbound Call", { ContactPhoneNumber: "(1) 555-333-0101" })
      expect(yield* associated(sent)).toEqual({ ...jane, ...acme })
    }),
  )

  it.effect("ContactPhoneNumber searches home phones only", () =>
    Effect.gen(function* () {
      expect(
        yield* associated(interaction("1", "Inbound Call", { ContactPhoneNumber: DemoValues.janeDoeWorkPhone })),
      ).toEqual({})
    }),
  )

  it.effect.each([
    ["ServiceRequestNumber", { ServiceRequestNumber: "SR-999999" }],
    ["CampaignSourceCode", { CampaignSourceCode: "NO-SUCH-CODE" }],
    ["ContactPhoneNumber", { ContactPhoneNumber: "+1 555 000 0000" }],
  ] as const)("an unknown %s still creates the activity, associated with nothing", ([, parameters]) =>
    Effect.gen(function* () {
      expect(yield* associated(interaction("1", "Inbound Call", parameters))).toEqual({})
    }),
  )

  it.effect("IVR parameters win over the caller's number", () =>
    Effect.gen(function* () {
      const sent = interaction("1", "Inbound Call", {
        ContactPhoneNumber: DemoValues.janeDoeHomePhone,
        Origin: DemoValues.fredHongWorkPhone,
      })
      expect(yield* associated(sent)).toEqual({ ...jane, ...acme })
    }),
  )
})

const outbound = new Set([
  "Outbound Call",
  "Outbound Transfer",
  "Predictive Call",
  "Predictive Transfer",
  "Preview Call",
  "Preview Transfer",
  "Callback",
  "Web Callback",
])

describe("association by ANI/DNIS, per channel", () => {
  it.effect.each(ChannelTypes.filter((channel) => !channel.includes("Email") && !channel.includes("Chat")))(
    "%s matches the customer's end of the call",
    (channel) =>
      Effect.gen(function* () {
        const customer = DemoValues.janeDoeMobilePhone
        const agent = DemoValues.fredHongWorkPhone
        const ends = outbound.has(channel)
          ? { Origin: agent, Destination: customer }
          : { Origin: customer, Destination: agent }
        expect(yield* associated(interaction("1", channel, ends))).toEqual({ ...jane, ...acme })
      }),
  )

  it.effect.each(ChannelTypes.filter((channel) => channel.includes("Email")))(
    "%s matches the Origin email address, in any case",
    (channel) =>
      Effect.gen(function* () {
        const sent = interaction("1", channel, {
          Origin: "JANE.Doe@Acme.Example",
          Destination: DemoValues.mariaGarciaEmail,
        })
        expect(yield* associated(sent)).toEqual({ ...jane, ...acme })
      }),
  )

  it.effect.each(ChannelTypes.filter((channel) => channel.includes("Chat")))(
    "%s matches the Origin phone number or email address",
    (channel) =>
      Effect.gen(function* () {
        expect(yield* associated(interaction("1", channel, { Origin: DemoValues.mariaGarciaMobilePhone }))).toEqual(
          maria,
        )
        expect(yield* associated(interaction("2", channel, { Origin: DemoValues.mariaGarciaEmail }))).toEqual(maria)
      }),
  )

  it.effect.each([
    ["a contact's work phone", DemoValues.fredHongWorkPhone, fred],
    ["a contact's home phone", DemoValues.janeDoeHomePhone, { ...jane, ...acme }],
    ["a contact's mobile phone", DemoValues.janeDoeMobilePhone, { ...jane, ...acme }],
    ["a lead's work phone", DemoValues.mariaGarciaWorkPhone, maria],
    ["a lead's mobile phone", DemoValues.mariaGarciaMobilePhone, maria],
    ["an account's main phone", DemoValues.acmeMainPhone, acme],
  ] as const)("a caller's number matches %s", ([, number, expected]) =>
    Effect.gen(function* () {
      expect(yield* associated(interaction("1", "Inbound Call", { Origin: number }))).toEqual(expected)
    }),
  )

  it.effect.each(["+1 (555) 111-1212", "1.555.111.1212", "15551111212", "+1 555 111 1212"])(
    "phone numbers compare by their digits only: %s is Fred Hong's",
    (number) =>
      Effect.gen(function* () {
        expect(yield* associated(interaction("1", "Inbound Call", { Origin: number }))).toEqual(fred)
      }),
  )

  it.effect("records of another company are never matched", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf([
        tenantOf("ACME", {
          contacts: [{ id: "1QA2-A1", firstName: "Ann", lastName: "Acme", workPhone: "+1 555 0001" }],
        }),
        tenantOf("GLOBEX"),
      ])
      const result = yield* insertOne(
        emulator,
        interaction("1", "Inbound Call", { Origin: "15550001" }),
        "GLOBEX/agent",
      )
      expect(result).not.toHaveProperty("ContactId")
    }),
  )
})

describe("more than one matching record of a type associates none of that type", () => {
  it.effect("two contacts sharing the caller's number: no contact, the activity pops", () =>
    Effect.gen(function* () {
      const result = yield* insertOne(demo, interaction("jones", "Inbound Call", { Origin: DemoValues.jonesHomePhone }))
      expect(result).toMatchObject({
        Status: "OK",
        ScreenPopRecordType: "Activity",
        ScreenPopRecordId: result.ActivityId,
      })
      expect(result).not.toHaveProperty("ContactId")
    }),
  )

  it.effect("a later, weaker match of that type is not taken either", () =>
    Effect.gen(function* () {
      const sent = interaction("1", "Inbound Call", {
        ContactPhoneNumber: DemoValues.jonesHomePhone,
        Origin: DemoValues.fredHongWorkPhone,
      })
      expect(yield* associated(sent)).toEqual({})
    }),
  )

  it.effect("matching goes on for the other types", () =>
    Effect.gen(function* () {
      const shared = "+44 20 7946 0000"
      const emulator = yield* emulatorOf(
        tenantOf("ACME", {
          contacts: [
            { id: "1QA2-C1", firstName: "Ann", lastName: "One", workPhone: shared },
            { id: "1QA2-C2", firstName: "Bob", lastName: "Two", mobilePhone: shared },
          ],
          leads: [{ id: "1QA2-L1", firstName: "Lea", lastName: "Lead", workPhone: shared }],
          serviceRequests: [
            { id: "1QA2-S1", number: "SR-7", subject: "one" },
            { id: "1QA2-S2", number: "SR-7", subject: "two" },
          ],
          campaigns: [{ id: "1QA2-M1", name: "Autumn", sourceCode: "AUTUMN" }],
        }),
      )
      const sent = interaction("1", "Inbound Call", {
        Origin: shared,
        ServiceRequestNumber: "SR-7",
        CampaignSourceCode: "AUTUMN",
      })
      const result = yield* insertOne(emulator, sent, "ACME/agent")
      expect(result).toMatchObject({ LeadId: "1QA2-L1", CampaignId: "1QA2-M1", ScreenPopRecordType: "Campaign" })
      expect(result).not.toHaveProperty("ContactId")
      expect(result).not.toHaveProperty("ServiceRequestId")
    }),
  )

  it.effect("one record found by two of its numbers is one match", () =>
    Effect.gen(function* () {
      const same = "+1 555 123 4567"
      const emulator = yield* emulatorOf(
        tenantOf("ACME", {
          contacts: [{ id: "1QA2-C1", firstName: "Ann", lastName: "One", workPhone: same, homePhone: same }],
        }),
      )
      const result = yield* insertOne(emulator, interaction("1", "Inbound Call", { Origin: same }), "ACME/agent")
      expect(result).toMatchObject({ ContactId: "1QA2-C1", ContactFullName: "Ann One" })
    }),
  )
})

describe("linked records: a contact brings its primary account, a service request its contact and account", () => {
  it.effect("a contact without a primary account brings none", () =>
    Effect.gen(function* () {
      expect(yield* associated(interaction("1", "Inbound Call", { Origin: DemoValues.fredHongWorkPhone }))).toEqual(
        fred,
      )
    }),
  )

  it.effect("a service request's own account wins over its contact's primary account", () =>
    Effect.gen(function* () {
      const emulator = yield* emulatorOf(
        tenantOf("ACME", {
          accounts: [
            { id: "1QA2-A1", name: "Contact's Account" },
            { id: "1QA2-A2", name: "Request's Account" },
          ],
          contacts: [{ id: "1QA2-C1", firstName: "Ann", lastName: "One", accountId: "1QA2-A1" }],
          serviceRequests: [
            { id: "1QA2-S1", number: "SR-1", subject: "x", contactId: "1QA2-C1", accountId: "1QA2-A2" },
          ],
        }),
      )
      const result = yield* insertOne(
        emulator,
        interaction("1", "Inbound Call", { ServiceRequestNumber: "SR-1" }),
        "ACME/agent",
      )
      expect(result).toMatchObject({ ContactId: "1QA2-C1", AccountId: "1QA2-A2", AccountName: "Request's Account" })
    }),
  )

  it.effect("a brought record does not replace one a stronger lookup found", () =>
    Effect.gen(function* () {
      const sent = interaction("1", "Inbound Call", {
        ...passedIn("Account", DemoIds.acme),
        ContactPhoneNumber: DemoValues.janeDoeHomePhone,
      })
      expect(yield* associated(sent)).toEqual({ ...acme, ...jane })
      const other = interaction("2", "Inbound Call", {
        ...passedIn("Contact", DemoIds.fredHong),
        ServiceRequestNumber: DemoValues.serviceRequestNumber,
      })
      expect(yield* associated(other)).toEqual({ ...fred, ...srOfJane, ...acme })
    }),
  )
})
