import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type CrmServer, scaled } from "@crmod-cti/testing"
import * as Effect from "effect/Effect"
import { afterAll, beforeAll, expect, it } from "vitest"
import { bundleChild, startChild } from "./helpers/child.js"
import { startServer } from "./helpers/server.js"
import { type CountingProxy, startProxy } from "./helpers/proxy.js"

// The test's budget, only to catch a hang, scaled by CTI_TEST_TIMEOUT_SCALE like every other.
const budget60s = scaled(60_000)

let server: CrmServer
let proxy: CountingProxy
let script: string

beforeAll(async () => {
  server = await startServer()
  proxy = await startProxy(server.url)
  // Some requests fail (a reset connection): their interactions are retried later, and what follows them for the
  // same identity must wait.
  proxy.setResetEvery(3)
  script = await bundleChild()
})
afterAll(async () => {
  await proxy.close()
  await server.close()
})

// A fixed sequence of "random" kill points, so that a failure can be replayed.
const lcg = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}

it(
  "loses nothing and logs everything once, in order, across processes killed with SIGKILL at random points",
  async () => {
    const store = join(mkdtempSync(join(tmpdir(), "outbox-crash-")), "store")
    const random = lcg(16)
    const stored = { insert: new Set<string>(), wrapUp: new Set<string>() }
    const config = { endpoint: proxy.endpoint, username: "OKP/mos.def", password: "password", store }
    const rounds = 4
    for (let round = 0; round < rounds; round++) {
      const child = startChild(script, { ...config, enqueue: { prefix: `crash${round}`, count: 25 } })
      // Killed after a random number of durable enqueues (0 to 50): while enqueueing, with deliveries in flight.
      const killAfter = Math.floor(random() * 51)
      await child.waitFor((line) => line === "open")
      if (killAfter > 0)
        await child.waitFor(() => child.lines.filter((l) => l.startsWith("stored ")).length >= killAfter)
      child.process.kill("SIGKILL")
      await child.exited
      for (const line of child.lines) {
        const [word, operation, id] = line.split(" ")
        if (word === "stored" && id !== undefined) stored[operation as "insert" | "wrapUp"].add(id)
      }
    }
    // Mid-delivery: one more process killed as soon as it has delivered something of what is pending.
    const interrupted = startChild(script, config)
    await interrupted.waitFor((line) => line.startsWith("event ") && line.includes('"delivered"')).catch(() => "")
    interrupted.process.kill("SIGKILL")
    await interrupted.exited

    const last = startChild(script, config)
    await last.waitFor((line) => line === "drained")
    expect(stored.insert.size).toBeGreaterThan(0)
    for (const id of stored.insert) {
      const index = Number(id.split("-")[1])
      const found = await Effect.runPromise(
        server.emulator.queries.findActivity(
          { signInId: "OKP/mos.def" },
          { InteractionId: id, AgentOfferTime: 1_700_000_000 + index },
        ),
      )
      expect(found._tag, id).toBe("Found")
      // A wrap-up sent before its insert is answered `Activity not found`, and the activity stays open.
      if (found._tag === "Found" && stored.wrapUp.has(id)) expect(found.activity.wrappedUpAt, id).toBeDefined()
    }
  },
  budget60s,
)
