// The outbox's figures: enqueue latency (p50, p99) and enqueues/s on the embedded store (SQLite, synchronous=FULL)
// and on PostgreSQL (a server of its own with fsync on); then delivered interactions/s of one user through the
// outbox, against the emulator over HTTP with its rate limiter on (the service's ceiling: 20 requests/s × 5 = 100
// interactions/s) and off (the outbox's own cost).
//
//   npx --yes pnpm@10 --filter @crmod-cti/outbox bench     (BENCH_ENQUEUES, default 500; BENCH_DELIVERIES, 600)
//
// Enqueues are measured one after another, each awaited, with delivery going nowhere (the endpoint does not
// answer), so that the figure is the store's: one durable commit per enqueue.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { openOutbox, type PromiseOutbox } from "@crmod-cti/outbox"
import { startCrmServer, startPostgres } from "@crmod-cti/testing"

const enqueues = Number(process.env.BENCH_ENQUEUES ?? 500)
const deliveries = Number(process.env.BENCH_DELIVERIES ?? 600)
const user = { username: "OKP/mos.def", password: "password" }
const nowhere = "http://127.0.0.1:9/Services/Integration"
const freshDir = () => join(mkdtempSync(join(tmpdir(), "outbox-bench-")), "store")

const percentile = (sorted: ReadonlyArray<number>, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN

const call = (run: string, i: number) =>
  ({ InteractionId: `${run}-${i}`, AgentOfferTime: 1_700_000_000 + i, ChannelType: "Inbound Call" }) as const

const measureEnqueues = async (name: string, outbox: PromiseOutbox) => {
  const latencies: Array<number> = []
  const started = performance.now()
  for (let i = 0; i < enqueues; i++) {
    const before = performance.now()
    await outbox.enqueueInsert([call(name, i)])
    latencies.push(performance.now() - before)
  }
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    store: name,
    "p50 ms": percentile(latencies, 50).toFixed(2),
    "p99 ms": percentile(latencies, 99).toFixed(2),
    "enqueues/s": Math.round(enqueues / seconds),
  }
}

const quiet = { backoff: { initialMs: 60_000 }, pollIntervalMs: 60_000 }
const enqueueRows = []
{
  const outbox = await openOutbox({ endpoint: nowhere, ...user, store: freshDir(), ...quiet })
  enqueueRows.push(await measureEnqueues("embedded (SQLite)", outbox))
  await outbox.close()
}
const postgres = await startPostgres({ durable: true })
try {
  const outbox = await openOutbox({ endpoint: nowhere, ...user, store: postgres.url, ...quiet })
  enqueueRows.push(await measureEnqueues("PostgreSQL", outbox))
  await outbox.close()
} finally {
  await postgres.stop()
}
console.log(`\nEnqueue of one interaction, ${enqueues} one after another, durable writes:`)
console.table(enqueueRows)

const measureDelivery = async (limiter: boolean) => {
  const server = await startCrmServer({
    // A load test, and the emulator counts a user's concurrent first requests as failed sign-ins: lockout off.
    emulator: { limits: { rateLimiter: limiter, operationsAllotment: false }, lockout: false },
  })
  const run = limiter ? "paced" : "unpaced"
  const outbox = await openOutbox({
    endpoint: server.endpoint,
    ...user,
    store: freshDir(),
    // Without the service's limiter, the client's pacing is off too: the figure is then the outbox's own cost.
    ...(limiter ? {} : { pacing: false }),
  })
  const started = performance.now()
  for (let i = 0; i < deliveries; i += 100)
    await outbox.enqueueInsert(Array.from({ length: Math.min(100, deliveries - i) }, (_, j) => call(run, i + j)))
  await outbox.drained()
  const seconds = (performance.now() - started) / 1000
  const stats = await outbox.stats()
  await outbox.close()
  await server.close()
  return {
    "emulator's rate limiter": limiter ? "on (100/s ceiling)" : "off",
    interactions: deliveries,
    "delivered/s": Math.round(deliveries / seconds),
    "rate-limited": stats.rateLimited,
    retries: stats.retries,
  }
}

console.log(`\nDelivered interactions/s of one user through the outbox (${deliveries}, enqueued 100 a call):`)
console.table([await measureDelivery(true), await measureDelivery(false)])
