/**
 * What one page of a CRM list costs with 1 000 and with 1 000 000 stored activities: an agent's Communications
 * subtab (current and completed) and a contact's activities, the contact holding a third of them (issue 13's
 * "Fred Hong" case). Each page is read through the store's position indexes, so it must cost about the same at
 * both sizes. Run: `npx vitest bench --project emulator --run bench/pages.bench.ts`.
 */
import { Effect, Either } from "effect"
import { bench, describe } from "vitest"
import {
  type Activity,
  EmulatorStore,
  type EmulatorShape,
  FastPasswordHasher,
  formatRecordId,
  IdGenerator,
  makeEmulator,
  makeInMemoryStore,
  PageSize,
} from "@crmod-cti/emulator"

const Company = "BENCH"
const Agent = { signInId: "BENCH/agent" }
const Contacts = 1_000
const HotContact = formatRecordId(1)

/** A store of 1 000 contacts and `activities` calls of one agent, every third on the first contact, half wrapped up. */
const seeded = async (activities: number): Promise<EmulatorShape> => {
  const store = Effect.runSync(makeInMemoryStore())
  let nextId = 1
  for (let n = 0; n < Contacts; n++) {
    const id = formatRecordId(nextId++)
    Either.getOrThrow(
      store.addRecord({
        recordType: "Contact",
        id,
        company: Company,
        firstName: "C",
        lastName: `${n}`,
        fullName: `C ${n}`,
      }),
    )
  }
  for (let n = 0; n < activities; n++) {
    const activity: Activity = {
      id: formatRecordId(nextId++),
      company: Company,
      owner: Agent.signInId,
      type: "Call",
      subtype: "Inbound Call",
      interaction: { InteractionId: `seeded-${n}`, AgentOfferTime: 1_700_000_000, ChannelType: "Inbound Call" },
      contactId: n % 3 === 0 ? HotContact : formatRecordId(1 + (n % Contacts)),
      createdAt: 1_700_000_000_000 + n,
      ...(n % 2 === 0 ? { wrappedUpAt: 1_700_000_000_000 + n } : {}),
    }
    Either.getOrThrow(store.addActivity(activity))
  }
  return Effect.runPromise(
    makeEmulator({
      tenant: { company: Company, users: [{ signInId: Agent.signInId, privileges: ["Access Call Communications"] }] },
      passwordHasher: FastPasswordHasher,
    }).pipe(Effect.provideService(EmulatorStore, store), Effect.provide(IdGenerator.Default)),
  )
}

const started = Date.now()
const small = await seeded(1_000)
const large = await seeded(1_000_000)
console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`)

/** Reads one page and checks it is full, so that an empty answer cannot pass for a fast one. */
const reader = (emulator: EmulatorShape) => {
  const communications = () => {
    const page = Effect.runSync(emulator.queries.communications(Agent, "Call"))
    if (page.current.rows.length !== PageSize || page.completed.rows.length !== PageSize) throw new Error("short page")
  }
  const first = Effect.runSync(emulator.queries.activitiesOfRecord(Agent, "Contact", HotContact))
  const contact = (before?: number) => () => {
    const page = Effect.runSync(
      emulator.queries.activitiesOfRecord(Agent, "Contact", HotContact, before === undefined ? {} : { before }),
    )
    if (page.activities.rows.length !== PageSize) throw new Error("short page")
  }
  return { communications, contactFirst: contact(), contactSecond: contact(first.activities.next) }
}

const [smallRead, largeRead] = [reader(small), reader(large)]
const options = { time: 2000, warmupTime: 300 }

describe("a Communications page (current and completed, 100 rows each)", () => {
  bench("1 000 stored activities", smallRead.communications, options)
  bench("1 000 000 stored activities", largeRead.communications, options)
})

describe("a contact's activities, first page (100 rows)", () => {
  bench("1 000 stored activities", smallRead.contactFirst, options)
  bench("1 000 000 stored activities", largeRead.contactFirst, options)
})

describe("a contact's activities, the page after the first (100 rows)", () => {
  bench("1 000 stored activities", smallRead.contactSecond, options)
  bench("1 000 000 stored activities", largeRead.contactSecond, options)
})
