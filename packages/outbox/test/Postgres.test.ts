import { type OutboxEvent, openOutbox } from "@crmod-cti/outbox"
import {
  type CrmServer,
  type PostgresServer,
  type RedisServer,
  scaled,
  startPostgres,
  startRedis,
} from "@crmod-cti/testing"
import * as Effect from "effect/Effect"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bundleChild, type Child, startChild } from "./helpers/child.js"
import { startServer } from "./helpers/server.js"
import { type CountingProxy, startProxy } from "./helpers/proxy.js"

// The tests' budgets, only to catch a hang, scaled by CTI_TEST_TIMEOUT_SCALE like every other.
const budget30s = scaled(30_000)
const budget60s = scaled(60_000)

let postgres: PostgresServer
let redis: RedisServer
let server: CrmServer
let proxy: CountingProxy
let script: string

beforeAll(async () => {
  ;[postgres, redis, server, script] = await Promise.all([startPostgres(), startRedis(), startServer(), bundleChild()])
  proxy = await startProxy(server.url)
}, budget60s)
afterAll(async () => {
  await proxy?.close()
  await server?.close()
  await postgres?.stop()
  await redis?.stop()
})

const storedBy = (child: Child) =>
  child.lines.flatMap((line) => {
    const [word, operation, id] = line.split(" ")
    return word === "stored" && operation !== undefined && id !== undefined ? [{ operation, id }] : []
  })

describe("a PostgreSQL store", () => {
  it(
    "shared by three processes with shared limits, one killed mid-delivery: each other delivers a share, all in order, none twice but where a lease expired",
    async () => {
      // Every third request is reset: retried entries hold back what follows them for the same identity.
      proxy.setResetEvery(3)
      const config = {
        endpoint: proxy.endpoint,
        username: "OKP/mos.def",
        password: "password",
        store: postgres.url,
        leaseMs: 1_000,
        sharedLimits: { redis: redis.url, keyPrefix: "outbox-fleet:" },
      }
      const children = ["fleet-a", "fleet-b", "fleet-c"].map((prefix) =>
        startChild(script, { ...config, enqueue: { prefix, count: 20 } }),
      )
      const [victim, ...survivors] = children as [Child, Child, Child]
      await victim.waitFor(() => storedBy(victim).length >= 12)
      victim.process.kill("SIGKILL")
      await victim.exited
      await Promise.all(survivors.map((child) => child.waitFor((line) => line === "drained")))
      proxy.setResetEvery(0)

      const stored = children.flatMap(storedBy)
      const wrappedUp = new Set(stored.filter((s) => s.operation === "wrapUp").map((s) => s.id))
      for (const { operation, id } of stored) {
        if (operation !== "insert") continue
        const found = await Effect.runPromise(
          server.emulator.queries.findActivity(
            { signInId: "OKP/mos.def" },
            {
              InteractionId: id,
              AgentOfferTime: 1_700_000_000 + Number(id.split("-")[2]),
            },
          ),
        )
        expect(found._tag, id).toBe("Found")
        if (found._tag === "Found" && wrappedUp.has(id)) expect(found.activity.wrappedUpAt, id).toBeDefined()
      }
      // What a survivor took over from the victim once its lease ran out: the only interactions that may be sent twice.
      const reclaimed = new Set(
        survivors.flatMap((child) =>
          child.lines.flatMap((line) => {
            if (!line.startsWith("event ")) return []
            const event = JSON.parse(line.slice("event ".length))
            return event.type === "reclaimed" ? [`${event.operation}:${event.interaction.InteractionId}`] : []
          }),
        ),
      )
      // Each survivor delivered a share of the store's work.
      for (const child of survivors) {
        expect(child.lines.filter((line) => line.startsWith('event {"type":"delivered"')).length).toBeGreaterThan(0)
      }
      const sentTwice = [...proxy.sent].filter(([, count]) => count > 1).map(([key]) => key)
      for (const key of sentTwice) expect(reclaimed, key).toContain(key)
      expect(sentTwice.length).toBeLessThanOrEqual(reclaimed.size)
    },
    budget60s,
  )

  it(
    "hands its claims back at once on close, keeping them pending",
    async () => {
      proxy.setHold(true)
      const outbox = await openOutbox({
        endpoint: proxy.endpoint,
        username: "OKP/call.agent",
        password: "password",
        store: postgres.url,
        pollIntervalMs: 10,
        closeTimeoutMs: 50,
      })
      const interactions = [1, 2].map((n) => ({
        InteractionId: `held-${n}`,
        AgentOfferTime: 1_700_000_000,
        ChannelType: "Inbound Call" as const,
      }))
      await outbox.enqueueInsert(interactions)
      const client = new pg.Client(postgres.url)
      await client.connect()
      const claims = async () =>
        (
          await client.query<{ n: string }>(
            "SELECT count(*) AS n FROM crmod_cti_outbox WHERE username = 'OKP/call.agent' AND claimed_by IS NOT NULL",
          )
        ).rows[0]?.n
      while ((await claims()) !== "2") await new Promise((resolve) => setTimeout(resolve, 10))
      await outbox.close()
      expect(await claims()).toBe("0")
      const pending = await client.query("SELECT count(*) AS n FROM crmod_cti_outbox WHERE username = 'OKP/call.agent'")
      expect(pending.rows[0]?.n).toBe("2")
      await client.end()
      proxy.setHold(false)
    },
    budget30s,
  )

  it(
    "takes over an entry of a worker killed mid-request: the activity that worker's request created is `retried`",
    async () => {
      proxy.setHold(true)
      const config = {
        endpoint: proxy.endpoint,
        username: "OKP/mos.def",
        password: "password",
        store: postgres.url,
        leaseMs: 200,
      }
      const victim = startChild(script, { ...config, enqueue: { prefix: "taken-over", count: 1 } })
      const client = new pg.Client(postgres.url)
      await client.connect()
      const claimed = async () =>
        (
          await client.query(
            "SELECT 1 FROM crmod_cti_outbox WHERE interaction_id = 'taken-over-0' AND operation = 'insert' AND claimed_by IS NOT NULL",
          )
        ).rowCount
      await expect.poll(claimed, { timeout: scaled(10_000) }).toBe(1)
      await client.end()
      victim.process.kill("SIGKILL")
      await victim.exited
      proxy.setHold(false)
      // The killed worker's request reached the service; its answer never came back.
      const interaction = {
        InteractionId: "taken-over-0",
        AgentOfferTime: 1_700_000_000,
        ChannelType: "Inbound Call" as const,
      }
      await Effect.runPromise(server.emulator.serviceFor("OKP/mos.def").insert([interaction]))
      const taking = await openOutbox({ ...config, pollIntervalMs: 10 })
      const events: Array<OutboxEvent> = []
      taking.on((event) => events.push(event))
      try {
        // Once the killed worker's lease has run out.
        const insert = () => events.find((event) => event.type === "delivered" && event.operation === "insert")
        await expect.poll(insert, { timeout: scaled(10_000) }).toMatchObject({
          result: { Status: "Activity already exists", ActivityId: expect.any(String), retried: true },
        })
        expect(events).toContainEqual(expect.objectContaining({ type: "reclaimed", operation: "insert" }))
      } finally {
        await taking.close()
      }
    },
    budget30s,
  )

  it("keeps dead letters, stats and retries of its own user apart from other users' entries", async () => {
    const open = (username: string) =>
      openOutbox({
        endpoint: server.endpoint,
        username,
        password: "password",
        store: postgres.url,
        pollIntervalMs: 10,
      })
    const [agent, admin] = await Promise.all([open("OKP/no.cti"), open("OKP/mos.def")])
    const interaction = (id: string) => ({
      InteractionId: id,
      AgentOfferTime: 1_700_000_000,
      ChannelType: "Inbound Call" as const,
    })
    const [refused] = await agent.enqueueInsert([interaction("apart-1")])
    await expect(refused?.delivered).rejects.toMatchObject({ reason: "AccessDenied" })
    const [logged] = await admin.enqueueInsert([interaction("apart-2")])
    await expect(logged?.delivered).resolves.toMatchObject({ Status: "OK" })
    await Promise.all([agent.drained(), admin.drained()])
    expect((await agent.stats()).deadLetters).toEqual({ AccessDenied: 1 })
    expect(await admin.deadLetters()).toEqual([])
    await Effect.runPromise(
      server.emulator.administration.setPrivileges({ signInId: "OKP/mos.def" }, "OKP/no.cti", [
        "Access Call Communications",
      ]),
    )
    expect(await agent.retryDeadLetters()).toBe(1)
    await agent.drained()
    expect(await agent.stats()).toMatchObject({ pending: 0, oldestPendingAgeMs: null, delivered: 1, deadLetters: {} })
    await Promise.all([agent.close(), admin.close()])
  })

  it("settles a receipt whose entry another process delivered: DeliveredElsewhere, the result being unknown here", async () => {
    const open = (password: string) =>
      openOutbox({
        endpoint: server.endpoint,
        username: "OKP/mos.def",
        password,
        store: postgres.url,
        pollIntervalMs: 10,
      })
    // This outbox cannot deliver (its password is refused: it pauses, its entry stays pending for the others).
    const waiting = await open("wrong")
    const interaction = {
      InteractionId: "elsewhere-1",
      AgentOfferTime: 1_700_000_000,
      ChannelType: "Inbound Call" as const,
    }
    const [receipt] = await waiting.enqueueInsert([interaction])
    await expect.poll(async () => (await waiting.stats()).paused?.reason).toBe("AuthenticationFailed")
    const delivering = await open("password")
    await expect(receipt?.delivered).resolves.toEqual({
      Status: "Delivered elsewhere",
      InteractionId: "elsewhere-1",
      AgentOfferTime: 1_700_000_000,
    })
    expect(await delivering.stats()).toMatchObject({ pending: 0 })
    expect(await waiting.stats()).toMatchObject({ delivered: 0 })
    await Promise.all([waiting.close(), delivering.close()])
  })
})
