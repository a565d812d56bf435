// CONTRACT §12, issue 17: one user's clients in several processes share the user's limits through a real Redis,
// against the emulator over HTTP with its rate limiter on. A proxy in front of the service counts what it saw and
// what the service refused for the rate; the fleet's processes are children of a small fixture.
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import { Faults } from "@crmod-cti/core"
import { DemoPassword, DemoUsers } from "@crmod-cti/emulator"
import { encodeFault, encodeInsertResponse } from "@crmod-cti/soap-codec"
import {
  bundleScript,
  type Child,
  type CountingProxy,
  type CrmServer,
  type RedisServer,
  scaled,
  startChild,
  startCountingProxy,
  startCrmServer,
  startRedis,
} from "@crmod-cti/testing"
import { CtiClient, createClient, NodeCtiClient, type SharedLimits } from "@crmod-cti/transport-node"
import { Effect, Logger } from "effect"
import { Redis } from "ioredis"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { answeredScript, claimScript } from "../src/internal/slotScripts.js"

let server: CrmServer
let proxy: CountingProxy
let redis: RedisServer
let script: string
const children: Array<Child> = []
const mosDef = { username: DemoUsers.mosDef, password: DemoPassword }

beforeAll(async () => {
  ;[server, redis, script] = await Promise.all([
    startCrmServer({ emulator: { limits: { rateLimiter: true, operationsAllotment: false } } }),
    startRedis(),
    bundleScript(fileURLToPath(new URL("./fixtures/fleetChild.ts", import.meta.url))),
  ])
  proxy = await startCountingProxy(server.endpoint)
})
afterEach(() => {
  for (const child of children.splice(0)) child.process.kill("SIGKILL")
})
afterAll(async () => {
  await proxy?.close()
  await server?.close()
  await redis?.stop()
})

interface Outcome {
  readonly ok: number
  readonly failures: ReadonlyArray<string>
}

/** Starts a child of one user at `endpoint` logging one interaction once it is sent SIGUSR2. */
const oneCallChild = async (endpoint: string, sharedLimits: SharedLimits) => {
  const child = startChild(script, {
    endpoint,
    ...mosDef,
    prefix: `hold-${Math.random()}`.slice(0, 12),
    count: 1,
    sharedLimits,
  })
  children.push(child)
  await child.waitFor((line) => line === "ready")
  return child
}

/** Starts `processes` children of one user, each logging `count` interactions at once, together; their outcomes. */
const fleet = async (
  processes: number,
  count: number,
  sharedLimits: SharedLimits | undefined,
  during?: (started: ReadonlyArray<Child>) => Promise<void>,
) => {
  const started = Array.from({ length: processes }, (_, i) =>
    startChild(script, {
      endpoint: proxy.endpoint,
      ...mosDef,
      prefix: `fleet-${Math.random().toString(36).slice(2)}-${i}`,
      count,
      ...(sharedLimits === undefined ? {} : { sharedLimits }),
    }),
  )
  children.push(...started)
  await Promise.all(started.map((child) => child.waitFor((line) => line === "ready")))
  // The limits of the user are clear again before the fleet starts.
  await new Promise((resolve) => setTimeout(resolve, 1_100))
  proxy.reset()
  for (const child of started) child.process.kill("SIGUSR2")
  await during?.(started)
  const lines = await Promise.all(started.map((child) => child.waitFor((line) => line.startsWith("result "))))
  return {
    outcomes: lines.map((line) => JSON.parse(line.slice("result ".length)) as Outcome),
    children: started,
  }
}

const waitUntil = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

const prefixOf = (name: string) => `test-${name}-${Math.random().toString(36).slice(2, 8)}:`
/** InteractionIds of their own for each run (the emulator keeps what every test logged). */
const idsOf = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}`

describe("sharedLimits: one user's clients in three processes", () => {
  it(
    "draw their turns from Redis: under 2% of the requests refused for the rate, every insert OK; without it, the storm",
    async () => {
      // 1 200 interactions, about 245 requests: enough that 2% is four refusals, not two, so that a busy machine's
      // one or two late stamps do not decide the test.
      const shared = await fleet(3, 400, { redis: redis.url, keyPrefix: prefixOf("three") })
      const withShared = { ...proxy.tally }
      expect(shared.outcomes).toEqual([0, 1, 2].map(() => ({ ok: 400, failures: [] })))
      expect(withShared.rateLimited).toBeLessThan(withShared.requests * 0.02)

      // Fewer calls show the storm as well: each process paces itself at the user's full rate, together three times
      // the limit, and much of it is refused.
      const alone = await fleet(3, 60, undefined)
      const without = { ...proxy.tally }
      expect(alone.outcomes).toEqual([0, 1, 2].map(() => ({ ok: 60, failures: [] })))
      const share = (tally: typeof without) => tally.rateLimited / tally.requests
      expect(share(without)).toBeGreaterThan(0.2)
      expect(share(without)).toBeGreaterThan(10 * Math.max(share(withShared), 0.01))
    },
    scaled(60_000),
  )

  it(
    "one process alone is not held to a share: its requests come as often as without Redis",
    async () => {
      const spacing = () => {
        const gaps = proxy.tally.arrivals.slice(1).map((at, i) => at - proxy.tally.arrivals[i]!)
        return gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)]!
      }
      await fleet(1, 60, { redis: redis.url, keyPrefix: prefixOf("alone") })
      const shared = spacing()
      const sharedRequests = proxy.tally.requests
      await fleet(1, 60, undefined)
      const local = spacing()
      // A fixed split in three would put three times the limit's 50 ms between its requests.
      expect(sharedRequests).toBeLessThanOrEqual(60 / 5 + 2)
      expect(shared).toBeLessThan(local * 1.5)
    },
    scaled(30_000),
  )

  it(
    "Redis killed mid-run, then back: every insert OK, paced alone meanwhile, each change logged once",
    async () => {
      const alone: Array<number> = []
      const {
        outcomes,
        children: [child],
      } = await fleet(1, 100, { redis: redis.url, keyPrefix: prefixOf("killed") }, async () => {
        await waitUntil(() => proxy.tally.requests >= 3)
        redis.process.kill("SIGKILL")
        const killedAt = proxy.tally.requests
        await waitUntil(() => proxy.tally.requests >= killedAt + 5)
        // The requests sent alone, but for the first (it may have been granted by Redis before the kill).
        alone.push(...proxy.tally.arrivals.slice(killedAt + 1))
        await redis.restart()
      })
      expect(outcomes).toEqual([{ ok: 100, failures: [] }])
      // Alone, at a quarter of the limit: 200 ms between requests rather than 50.
      const gaps = alone.slice(1).map((at, i) => at - alone[i]!)
      expect(gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)]).toBeGreaterThan(150)
      const lines = child!.lines
      expect(lines.filter((line) => line.includes("cannot be reached"))).toHaveLength(1)
      expect(lines.filter((line) => line.includes("level=WARN"))).toHaveLength(1)
      expect(lines.filter((line) => line.includes("level=INFO") && line.includes("answers again"))).toHaveLength(1)
    },
    scaled(30_000),
  )
})

describe("sharedLimits: a RequestWait one process is answered", () => {
  it(
    "holds back the user's other processes too",
    async () => {
      // The service answers the first request with a RequestWait of two seconds, and every other one with OK.
      let requests = 0
      const service = http.createServer((request, response) => {
        const chunks: Array<Buffer> = []
        request.on("data", (chunk: Buffer) => chunks.push(chunk))
        request.on("end", () => {
          requests += 1
          const ids = [
            ...Buffer.concat(chunks)
              .toString()
              .matchAll(/<(?:\w+:)?InteractionId>([^<]*)</g),
          ].map((m) => m[1]!)
          const body =
            requests === 1
              ? encodeFault(Faults.rateLimited(2_000))
              : encodeInsertResponse(
                  ids.map((id) => ({ Status: "OK", InteractionId: id, AgentOfferTime: 1_760_000_000, ActivityId: id })),
                )
          response.writeHead(requests === 1 ? 500 : 200, { "content-type": "text/xml; charset=utf-8" }).end(body)
        })
      })
      await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve))
      const endpoint = `http://127.0.0.1:${(service.address() as AddressInfo).port}/Services/Integration`
      try {
        const sharedLimits = { redis: redis.url, keyPrefix: prefixOf("hold") }
        const other = await oneCallChild(endpoint, sharedLimits)
        const crm = createClient({ endpoint, ...mosDef, sharedLimits })
        const held = crm.insert(calls(idsOf("held"), 1))
        await waitUntil(() => requests === 1)
        other.process.kill("SIGUSR2")
        // Well within the two seconds the service asked for, the other process has sent nothing.
        await new Promise((resolve) => setTimeout(resolve, 700))
        expect(requests).toBe(1)
        expect((await held)[0]?.Status).toBe("OK")
        expect(await other.waitFor((line) => line.startsWith("result "))).toBe('result {"ok":1,"failures":[]}')
        expect(requests).toBe(3)
        await crm.close()
      } finally {
        service.closeAllConnections()
        await new Promise((resolve) => service.close(resolve))
      }
    },
    scaled(20_000),
  )
})

/** Runs `use` with a client of the Effect layer whose log lines are collected. */
const withLayer = <A>(
  sharedLimits: SharedLimits,
  username: string,
  use: (client: typeof CtiClient.Service) => Effect.Effect<A, unknown>,
) => {
  const logs: Array<string> = []
  const logger = Logger.make(({ logLevel, message }) => logs.push(`${logLevel.label} ${String(message)}`))
  return Effect.runPromise(
    Effect.flatMap(CtiClient, use).pipe(
      Effect.provide(NodeCtiClient.layer({ endpoint: proxy.endpoint, username, password: DemoPassword, sharedLimits })),
      Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
    ),
  ).then((value) => ({ value, logs }))
}

const calls = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    InteractionId: `${prefix}-${i}`,
    AgentOfferTime: 1_760_000_000,
    ChannelType: "Inbound Call" as const,
  }))

describe("sharedLimits' Redis", () => {
  it(
    "with a password and a key prefix: the turns are kept under the prefix; a wrong password paces alone",
    async () => {
      const guarded = await startRedis({ password: "s3cret:pass" })
      try {
        const keyPrefix = prefixOf("password")
        const { value, logs } = await withLayer({ redis: guarded.url, keyPrefix }, mosDef.username, (client) =>
          Effect.forEach(calls(idsOf("password"), 10), (call) => client.insert([call]), { concurrency: "unbounded" }),
        )
        expect(value.map(([result]) => result?.Status)).toEqual(Array(10).fill("OK"))
        expect(logs.filter((line) => line.startsWith("WARN"))).toEqual([])
        const inspect = new Redis(guarded.url)
        const keys = await inspect.keys("*")
        inspect.disconnect()
        expect(keys.length).toBeGreaterThan(0)
        expect(keys.every((key) => key.startsWith(keyPrefix))).toBe(true)

        const wrong = guarded.url.replace("s3cret", "wrong")
        const refused = await withLayer({ redis: wrong }, mosDef.username, (client) =>
          Effect.forEach(calls(idsOf("refused"), 3), (call) => client.insert([call]), { concurrency: "unbounded" }),
        )
        expect(refused.value.map(([result]) => result?.Status)).toEqual(Array(3).fill("OK"))
        expect(refused.logs.filter((line) => line.startsWith("WARN"))).toHaveLength(1)
        expect(refused.logs.join("\n")).not.toContain("wrong")
      } finally {
        await guarded.stop()
      }
    },
    scaled(20_000),
  )

  it(
    "operationsAllotment: once less than a tenth is left, the company's other users wait too",
    async () => {
      // A service without a rate limiter: a refused request retried would count its operations twice (the fleet
      // counts what it sends), and the first client would then cross the tenth before its last request and wait.
      const quiet = await startCrmServer()
      const counted = await startCountingProxy(quiet.endpoint)
      const attempt = async (operationsAllotment: number | undefined) => {
        const sharedLimits: SharedLimits = {
          redis: redis.url,
          keyPrefix: prefixOf("allotment"),
          ...(operationsAllotment === undefined ? {} : { operationsAllotment }),
        }
        const first = createClient({ endpoint: counted.endpoint, ...mosDef, sharedLimits })
        // 46 of 50: four left, less than a tenth.
        // One call: requests of five but the last, and the last one leaves four.
        await first.insert(calls(idsOf("allotment-a"), 46))
        await first.close()
        counted.reset()
        const other = createClient({
          endpoint: counted.endpoint,
          username: DemoUsers.callAgent,
          password: DemoPassword,
          sharedLimits,
        })
        // Without an allotment the call is simply awaited (a busy machine only makes it slower); with one, half a
        // second shows it held back: the company's next turn is seconds away.
        const signal = operationsAllotment === undefined ? undefined : AbortSignal.timeout(scaled(500))
        const outcome = await other.insert(calls(idsOf("allotment-b"), 1), signal === undefined ? {} : { signal }).then(
          () => "sent",
          () => "waiting",
        )
        await other.close()
        return { outcome, requests: counted.tally.requests }
      }
      try {
        expect(await attempt(undefined)).toEqual({ outcome: "sent", requests: 1 })
        expect(await attempt(50)).toEqual({ outcome: "waiting", requests: 0 })
      } finally {
        await counted.close()
        await quiet.close()
      }
    },
    scaled(20_000),
  )

  it(
    "a slot due within a poll of the last answered request is granted ahead; the next claim waits the spacing after it",
    async () => {
      const connection = new Redis(redis.url)
      try {
        const prefix = prefixOf("ahead")
        const keys = ["stamps", "last", "hold", "slow", "margin", "latency"].map((key) => `${prefix}${key}`)
        const [seconds, micros] = await connection.time()
        const now = Number(seconds) * 1000 + Number(micros) / 1000
        // ARGV as RedisSlots passes them, but for a spacing and a poll of 5 s (so that the time a command takes does
        // not matter).
        const claim = async (id: string) => {
          const args = [id, 10, 20, 5_000, 5_000, 60_000, 0.4, 1_000, 250, 30]
          const [granted, ms] = (await connection.eval(claimScript, 6, ...keys, ...args)) as [number, string]
          return [granted, Number(ms)] as const
        }
        // The last request answered, counted as stamped 1 s from now: the next one is due in 6 s, more than a poll.
        await connection.rpush(keys[0]!, String(now + 1_000))
        await connection.hset(keys[1]!, { id: "last", at: now, sent: now, margin: 10, answered: "1" })
        const [early, asksAgainIn] = await claim("early")
        expect(early).toBe(0)
        expect(asksAgainIn).toBeGreaterThan(5_000)
        // Counted as stamped now: the next one is due in 5 s, within a poll.
        await connection.lset(keys[0]!, -1, String(now))
        const [ahead, dueIn] = await claim("ahead")
        expect(ahead).toBe(1)
        expect(dueIn).toBeGreaterThan(0)
        const [other, otherIn] = await claim("other")
        expect(other).toBe(0)
        expect(otherIn).toBeGreaterThan(dueIn)
      } finally {
        connection.disconnect()
      }
    },
    scaled(10_000),
  )

  it(
    "a claim waiting on an unanswered request is told to ask again when it is answered, not only at its next poll",
    async () => {
      const connection = new Redis(redis.url)
      const listening = new Redis(redis.url)
      try {
        const prefix = prefixOf("answers")
        const keys = ["stamps", "last", "hold", "slow", "margin", "latency"].map((key) => `${prefix}${key}`)
        const channel = `${prefix}answers`
        const [seconds, micros] = await connection.time()
        const now = Number(seconds) * 1000 + Number(micros) / 1000
        // Sent a second ago, unanswered, within its (long) margin: the next claim polls.
        await connection.rpush(keys[0]!, String(now))
        await connection.hset(keys[1]!, {
          id: "last",
          at: now - 1_000,
          sent: now - 1_000,
          margin: 60_000,
          answered: "0",
        })
        const args = ["next", 10, 20, 50, 5, 60_000, 0.4, 1_000, 250, 30]
        expect(await connection.eval(claimScript, 6, ...keys, ...args)).toEqual([0, "5", "answer"])
        await listening.subscribe(channel)
        const told = new Promise((resolve) => listening.once("message", resolve))
        const answered = await connection.eval(
          answeredScript,
          3,
          keys[0]!,
          keys[1]!,
          keys[5]!,
          "last",
          60_000,
          1,
          channel,
        )
        expect(answered).toBe(1)
        await told
      } finally {
        connection.disconnect()
        listening.disconnect()
      }
    },
    scaled(10_000),
  )

  it("a bad sharedLimits is a clear error naming the field and its value, the password masked", () => {
    const options = { endpoint: proxy.endpoint, ...mosDef }
    const made = (sharedLimits: unknown) => () =>
      createClient({ ...options, sharedLimits: sharedLimits as SharedLimits })
    expect(made({ redis: "http://:hunter2@cache:6379" })).toThrow(
      'sharedLimits.redis must be a redis:// or rediss:// URL (redis://[:password@]host:port[/db]), got "http://:***@cache:6379/"',
    )
    expect(made({ redis: "redis://:hunter2@cache:6379/x" })).toThrow(/got "redis:\/\/:\*\*\*@cache:6379\/x"$/)
    expect(made({ redis: "not a url at:hunter2@" })).toThrow("got (a text that is not a URL, not shown)")
    expect(made({ redis: 6379 })).toThrow("sharedLimits.redis must be a redis:// or rediss:// URL, got 6379")
    expect(made({ redis: redis.url, keyPrefix: "" })).toThrow("sharedLimits.keyPrefix must be a string of 1 to 256")
    expect(made({ redis: redis.url, operationsAllotment: 0.5 })).toThrow(
      "sharedLimits.operationsAllotment must be a positive integer, got 0.5",
    )
    expect(() =>
      Effect.runSync(
        Effect.provide(CtiClient, NodeCtiClient.layer({ ...options, sharedLimits: { redis: "redis:cache" } })),
      ),
    ).toThrow(/sharedLimits\.redis .* got "redis:cache"/)
  })
})
