// One worker of a fleet: an outbox on a PostgreSQL store shared with the other workers, its user's request slots
// drawn from one Redis (`sharedLimits`). It enqueues COUNT interactions of its own, delivers whatever is pending in
// the store for its endpoint and user (its own and the other workers'), prints what it delivered, and stops once
// nothing is pending. See README.md beside it for the commands.
import { openOutbox } from "@crmod-cti/outbox"

const env = (name: string, fallback: string) => process.env[name]?.trim() || fallback
const worker = env("WORKER", String(process.pid))
const count = Number(env("COUNT", "100"))

const outbox = await openOutbox({
  endpoint: env("CRM_ENDPOINT", "http://127.0.0.1:8080/Services/Integration"),
  username: env("CRM_USERNAME", "OKP/mos.def"),
  password: env("CRM_PASSWORD", "password"),
  store: env("STORE", "postgres://postgres@127.0.0.1:5433/postgres"),
  sharedLimits: {
    redis: env("REDIS", "redis://127.0.0.1:6380"),
    keyPrefix: "fleet-example:",
  },
})
let delivered = 0
outbox.on((event) => {
  if (event.type === "delivered") delivered += 1
  if (event.type === "deadLetter") console.log(`worker ${worker}: dead letter`, event.deadLetter.fault.message)
})

// A run of its own in the InteractionIds, so that the example can be run again on the same CRM.
const run = Date.now().toString(36)
const started = performance.now()
await outbox.enqueueInsert(
  Array.from({ length: count }, (_, i) => ({
    InteractionId: `fleet-${run}-${worker}-${i}`,
    AgentOfferTime: Math.floor(Date.now() / 1000),
    ChannelType: "Inbound Call" as const,
  })),
)
await outbox.drained()
const seconds = (performance.now() - started) / 1000
const { rateLimited, retries } = await outbox.stats()
console.log(
  `worker ${worker}: delivered ${delivered} (${count} enqueued here) in ${seconds.toFixed(1)} s; ` +
    `${rateLimited} rate-limited, ${retries} retries`,
)
await outbox.close()
