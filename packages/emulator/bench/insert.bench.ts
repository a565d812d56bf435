/**
 * Inserts per second with 1 000 and with 1 000 000 stored activities, each next to 100 000 contacts: the cost
 * of an insert must not grow with what is stored. Run: `npx vitest bench --project emulator --run`.
 */
import { runInNewContext } from "node:vm"
import { setFlagsFromString } from "node:v8"
import type { Interaction } from "@crmod-cti/core"
import { Effect, Either } from "effect"
import { bench, describe } from "vitest"
import {
  type Activity,
  type CrmRecord,
  EmulatorStore,
  type EmulatorShape,
  formatRecordId,
  IdGenerator,
  makeEmulator,
  makeInMemoryStore,
  type StoreError,
} from "@crmod-cti/emulator"

const Company = "BENCH"
const Agent = "BENCH/agent"
const Contacts = 100_000

setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void
const heapUsed = () => {
  gc()
  return process.memoryUsage().heapUsed
}

const phoneOf = (n: number) => `+1 555 ${String(n).padStart(7, "0")}`

/** A store holding 100 000 contacts and `activities` activities, written straight through the port. */
const seededEmulator = async (activities: number): Promise<{ emulator: EmulatorShape; bytesPerActivity: number }> => {
  const store = Effect.runSync(makeInMemoryStore())
  // Seeded ids count from 1, far below the id generator's first id (`1QA2-S78VL`).
  let nextId = 1
  const contact = (n: number): CrmRecord => ({
    recordType: "Contact",
    id: formatRecordId(nextId++),
    company: Company,
    firstName: "Contact",
    lastName: String(n),
    fullName: `Contact ${n}`,
    workPhone: phoneOf(n),
    email: `contact${n}@example.com`,
  })
  /** Writes `count` things through the synchronous port, stopping at the first refusal. */
  const times = (count: number, write: (n: number) => Either.Either<void, StoreError>) => {
    for (let n = 0; n < count; n++) {
      const written = write(n)
      if (Either.isLeft(written)) throw written.left
    }
  }
  times(Contacts, (n) => store.addRecord(contact(n)))
  const before = heapUsed()
  const activity = (n: number): Activity => ({
    id: formatRecordId(nextId++),
    company: Company,
    owner: Agent,
    type: "Call",
    subtype: "Inbound Call",
    interaction: {
      InteractionId: `seeded-${n}`,
      AgentOfferTime: 1_700_000_000 + (n % 86_400),
      ChannelType: "Inbound Call",
      Origin: phoneOf(n % Contacts),
    },
    contactId: formatRecordId(1 + (n % Contacts)),
    createdAt: 1_700_000_000_000 + n,
    ...(n % 2 === 0 ? { wrappedUpAt: 1_700_000_060_000 + n } : {}),
  })
  times(activities, (n) => store.addActivity(activity(n)))
  const bytesPerActivity = (heapUsed() - before) / activities
  const emulator = await Effect.runPromise(
    makeEmulator({
      tenant: { company: Company, users: [{ signInId: Agent, privileges: ["Access Call Communications"] }] },
      limits: { rateLimiter: false, operationsAllotment: false, concurrentRequests: false },
    }).pipe(Effect.provideService(EmulatorStore, store), Effect.provide(IdGenerator.Default)),
  )
  return { emulator, bytesPerActivity }
}

const started = Date.now()
const small = await seededEmulator(1_000)
const large = await seededEmulator(1_000_000)
console.log(
  `seeded in ${((Date.now() - started) / 1000).toFixed(1)} s; heap per stored activity ≈ ${Math.round(large.bytesPerActivity)} bytes`,
)

/** One request of one inbound call whose caller is one of the contacts: an identity check and a phone lookup. */
const inserter = (emulator: EmulatorShape, name: string) => {
  const service = emulator.serviceFor(Agent)
  let n = 0
  return () => {
    n++
    const call: Interaction = {
      InteractionId: `${name}-${n}`,
      AgentOfferTime: 1_800_000_000,
      ChannelType: "Inbound Call",
      Origin: phoneOf((n * 7919) % Contacts),
    }
    const [result] = Effect.runSync(service.insert([call]))
    if (result?.Status !== "OK" || result.ContactId === undefined)
      throw new Error(`unexpected ${JSON.stringify(result)}`)
  }
}

const insertSmall = inserter(small.emulator, "small")
const insertLarge = inserter(large.emulator, "large")

/**
 * The two sizes measured in alternating rounds, so that a machine shared with other work and the garbage of one
 * round weigh on both alike; the medians are compared. (Tinybench's table below runs them one after the other.)
 */
const interleaved = (rounds: number, perRound: number) => {
  const rates: Record<"small" | "large", Array<number>> = { small: [], large: [] }
  const round = (size: "small" | "large", insert: () => void) => {
    const start = performance.now()
    for (let n = 0; n < perRound; n++) insert()
    rates[size].push(perRound / ((performance.now() - start) / 1000))
  }
  gc()
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? (["small", "large"] as const) : (["large", "small"] as const)
    for (const size of order) round(size, size === "small" ? insertSmall : insertLarge)
  }
  const median = (values: Array<number>) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  return { small: median(rates.small), large: median(rates.large) }
}

const medians = interleaved(21, 2_000)
console.log(
  `median inserts per second: ${Math.round(medians.small)} with 1 000 stored activities, ` +
    `${Math.round(medians.large)} with 1 000 000 (ratio ${(medians.small / medians.large).toFixed(2)})`,
)

describe("CTIActivityInsert, one interaction a request, 100 000 contacts", () => {
  bench("1 000 stored activities", insertSmall, { time: 3000, warmupTime: 500 })
  bench("1 000 000 stored activities", insertLarge, { time: 3000, warmupTime: 500 })
})
