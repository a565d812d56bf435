// CONTRACT §10, issue 14, for both clients against the emulator over HTTP with its limiters on: every interaction
// logged once, no rate-limit fault reaching the caller on a loaded host, concurrent calls sharing requests. A proxy
// in front of the service counts the requests it saw; nothing here measures time.
import { type ChildProcess, spawn } from "node:child_process"
import * as os from "node:os"
import { fileURLToPath } from "node:url"
import { CtiFault, type Interaction } from "@crmod-cti/core"
import { DemoPassword, DemoUsers } from "@crmod-cti/emulator"
import type { CtiClientOptions, PromiseCtiClient } from "@crmod-cti/soap-http"
import { bundleScript, type CrmServer, scaled, startChild, startCrmServer } from "@crmod-cti/testing"
import { CtiClient, createClient as createFetchClient, FetchCtiClient } from "@crmod-cti/transport-fetch"
import { createClient as createNodeClient, NodeCtiClient } from "@crmod-cti/transport-node"
import { Effect, Either, type Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type CountingProxy, startCountingProxy } from "./helpers/countingProxy.js"

// The tests' budgets, only to catch a hang, scaled by CTI_TEST_TIMEOUT_SCALE like every other.
const budget30s = scaled(30_000)
const budget60s = scaled(60_000)

const clients: ReadonlyArray<
  readonly [
    string,
    (options: CtiClientOptions) => PromiseCtiClient,
    (options: CtiClientOptions) => Layer.Layer<CtiClient>,
  ]
> = [
  ["Node client", createNodeClient, NodeCtiClient.layer],
  ["fetch client", createFetchClient, FetchCtiClient.layer],
]

const interaction = (id: string, ChannelType: Interaction["ChannelType"] = "Inbound Call"): Interaction => ({
  InteractionId: id,
  AgentOfferTime: 1_750_000_000,
  ChannelType,
})
const many = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => interaction(`${prefix}-${i}`))

// Bundled once, on first use, for both clients.
let forgetfulChildScript: Promise<string> | undefined
const forgetfulChild = () =>
  (forgetfulChildScript ??= bundleScript(fileURLToPath(new URL("./fixtures/forgetfulChild.ts", import.meta.url))))

describe.each(clients)("The %s against the emulator with its limiters on", (name, createClient, layer) => {
  let server: CrmServer
  let proxy: CountingProxy
  const prefix = name.startsWith("Node") ? "node" : "fetch"
  const mosDef = { username: DemoUsers.mosDef, password: DemoPassword }

  beforeAll(async () => {
    server = await startCrmServer({ emulator: { limits: { rateLimiter: true, operationsAllotment: false } } })
    proxy = await startCountingProxy(server.endpoint)
  })
  afterAll(async () => {
    await proxy?.close()
    await server?.close()
  })

  const lookup = (id: string) =>
    Effect.runPromise(
      server.emulator.queries.findActivity(
        { signInId: "OKP/mos.def" },
        { InteractionId: id, AgentOfferTime: 1_750_000_000 },
      ),
    )

  it(
    "with every core busy, 300 concurrent single inserts are all logged: no RateLimited reaches a caller",
    async () => {
      // CPU-bound processes on every core, so that the client and the service are scheduled late and unevenly.
      const burners: Array<ChildProcess> = os
        .cpus()
        .map(() => spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" }))
      try {
        proxy.reset()
        const crm = createClient({ endpoint: proxy.endpoint, ...mosDef })
        const calls = many(`${prefix}-loaded`, 300)
        const outcomes = await Promise.allSettled(calls.map((call) => crm.insert([call])))
        await crm.close()
        expect(outcomes.filter((outcome) => outcome.status === "rejected")).toEqual([])
        const statuses = outcomes.map((outcome) => outcome.status === "fulfilled" && outcome.value[0]?.Status)
        expect(new Set(statuses)).toEqual(new Set(["OK"]))
        // They shared requests: the answered ones carried five each, but for the first.
        expect(proxy.tally.requests - proxy.tally.rateLimited).toBeLessThanOrEqual(300 / 5 + 1)
      } finally {
        for (const burner of burners) burner.kill()
      }
    },
    budget60s,
  )

  it(
    "100 concurrent calls of one interaction share about 20 requests, each call getting its own result",
    async () => {
      proxy.reset()
      const crm = createClient({ endpoint: proxy.endpoint, ...mosDef })
      const calls = many(`${prefix}-shared`, 100)
      const results = await Promise.all(calls.map((call) => crm.insert([call])))
      await crm.close()
      expect(results.map(([result]) => result?.InteractionId)).toEqual(calls.map((call) => call.InteractionId))
      expect(results.every(([result]) => result?.Status === "OK")).toBe(true)
      expect(proxy.tally.requests - proxy.tally.rateLimited).toBeLessThanOrEqual(21)
    },
    budget30s,
  )

  it(
    "through the Effect Layer too: 30 concurrent calls share requests, each getting its own outcome",
    async () => {
      proxy.reset()
      const calls = many(`${prefix}-effect`, 30)
      const program = Effect.flatMap(CtiClient, (crm) =>
        Effect.forEach(calls, (call) => crm.insertSettled([call]), { concurrency: "unbounded" }),
      )
      const outcomes = await Effect.runPromise(Effect.provide(program, layer({ endpoint: proxy.endpoint, ...mosDef })))
      expect(outcomes.map(([outcome]) => Either.map(outcome!, (result) => result.InteractionId))).toEqual(
        calls.map((call) => Either.right(call.InteractionId)),
      )
      expect(proxy.tally.requests - proxy.tally.rateLimited).toBeLessThanOrEqual(30 / 5 + 1)
    },
    budget30s,
  )

  it(
    "a call of 12 whose middle request is refused settles every interaction: only the one without access fails",
    async () => {
      // OKP/call.agent has Access Call Communications only: a chat in the middle request is refused, Access Denied,
      // and the client sends that request's interactions again one by one.
      proxy.reset()
      const crm = createClient({ endpoint: proxy.endpoint, username: DemoUsers.callAgent, password: DemoPassword })
      const calls = many(`${prefix}-mixed`, 12).map((call, i) =>
        i === 7 ? { ...call, ChannelType: "Inbound Chat" as const } : call,
      )
      const settled = await crm.insertSettled(calls)
      await crm.close()
      expect(
        settled.map((outcome) => (outcome.status === "fulfilled" ? outcome.value.Status : outcome.reason.reason)),
      ).toEqual([...Array(7).fill("OK"), "AccessDenied", ...Array(4).fill("OK")])
      expect((settled[7] as { reason: unknown }).reason).toBeInstanceOf(CtiFault)
      // Requests of 5, 5 and 2; the refused one's five again one by one.
      expect([...proxy.tally.sizes].sort()).toEqual([1, 1, 1, 1, 1, 2, 5, 5])
      expect((await lookup(calls[7]!.InteractionId))._tag).toBe("NotFound")
      expect((await lookup(calls[8]!.InteractionId))._tag).toBe("Found")
    },
    budget30s,
  )

  it(
    "a call aborted while its request is in flight: the others in that request get their results",
    async () => {
      const crm = createClient({ endpoint: proxy.endpoint, ...mosDef })
      const [a, b, c] = ["a", "b", "c"].map((call) => many(`${prefix}-abort-${call}`, 1))
      const held = proxy.hold(a![0]!.InteractionId)
      const controller = new AbortController()
      const calls = [crm.insert(a!), crm.insert(b!, { signal: controller.signal }), crm.insert(c!)]
      await held.arrived
      controller.abort()
      held.release()
      const [first, aborted, third] = await Promise.allSettled(calls)
      expect(first).toMatchObject({ status: "fulfilled", value: [{ Status: "OK" }] })
      expect(aborted).toMatchObject({ status: "rejected", reason: { name: "AbortError" } })
      expect(third).toMatchObject({ status: "fulfilled", value: [{ Status: "OK" }] })
      // b was in the request with a and c: the service logged it all the same.
      expect((await lookup(b![0]!.InteractionId))._tag).toBe("Found")
      await crm.close()
    },
    budget30s,
  )

  it(
    "a lost answer: the retried insert reports Activity already exists, its ActivityId and retried: true",
    async () => {
      const crm = createClient({ endpoint: proxy.endpoint, ...mosDef, retry: { initialBackoff: "20 millis" } })
      const [call] = many(`${prefix}-lost`, 1)
      proxy.loseAnswerOf(call!.InteractionId)
      const [result] = await crm.insert([call!])
      await crm.close()
      const found = await lookup(call!.InteractionId)
      expect(found._tag).toBe("Found")
      expect(result).toMatchObject({
        Status: "Activity already exists",
        retried: true,
        ActivityId: found._tag === "Found" ? found.activity.id : "?",
      })
    },
    budget30s,
  )

  it(
    "a process that logs a call and never closes its client still exits: an idle client holds no timer",
    async () => {
      // timeoutMs is ten minutes in the child: a timer left behind would keep it alive past this test's budget.
      const child = startChild(await forgetfulChild(), {
        client: prefix,
        endpoint: server.endpoint,
        ...mosDef,
        interactionId: `${prefix}-forgetful`,
      })
      try {
        expect(await child.exited).toBe(0)
        expect(child.lines).toEqual(["OK"])
      } finally {
        child.process.kill("SIGKILL")
      }
    },
    budget30s,
  )
})
