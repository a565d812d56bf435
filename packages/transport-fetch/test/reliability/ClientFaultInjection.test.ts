import { CtiFault, type Interaction } from "@crmod-cti/core"
import type { CtiClientOptions, PromiseCtiClient, RetryOptions } from "@crmod-cti/soap-http"
import { scaled } from "@crmod-cti/testing"
import { createClient as createFetchClient } from "@crmod-cti/transport-fetch"
import { CtiTransportError, createClient as createNodeClient } from "@crmod-cti/transport-node"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type DemoService, mosDef, startDemoService } from "./helpers/demoService.js"
import { type Misbehaviour, type MisbehavingProxy, startMisbehavingProxy } from "./helpers/misbehavingProxy.js"

// The test's budget, only to catch a hang, scaled by CTI_TEST_TIMEOUT_SCALE like every other.
const budget15s = scaled(15_000)

const TimeoutMs = 300

/** Retries on (the client's default policy) with back-offs short enough for a test bounded in time. */
const retrying = (maxRetries: number): RetryOptions => ({
  maxRetries,
  initialBackoff: "20 millis",
  maxBackoff: "100 millis",
})

interface ClientUnderTest {
  readonly client: PromiseCtiClient
  readonly close: () => Promise<void>
}

const transports: ReadonlyArray<readonly [string, (options: CtiClientOptions) => ClientUnderTest]> = [
  [
    "Node client",
    (options) => {
      const client = createNodeClient(options)
      return { client, close: client.close }
    },
  ],
  [
    "fetch client",
    (options) => {
      const client = createFetchClient(options)
      return { client, close: client.close }
    },
  ],
]

const Channels = ["Inbound Call", "Inbound Email", "Inbound Chat", "Callback", "Inbound Voicemail"] as const

const interactionsOf = (prefix: string, count: number): ReadonlyArray<Interaction> =>
  Array.from({ length: count }, (_, i) => ({
    InteractionId: `${prefix}-${i}`,
    AgentOfferTime: 1_700_000_000 + i,
    ChannelType: Channels[i % Channels.length]!,
  }))

/**
 * The batch's requests of five, each met by its own script. Whatever the service did before the connection broke
 * stays done, so a retry after a cut answer finds the activities: `Activity already exists`.
 */
const BatchScripts: ReadonlyArray<{
  readonly first: ReadonlyArray<Misbehaviour>
}> = [
  { first: ["cutMidResponse"] },
  { first: ["badGateway", "badGateway"] },
  { first: ["stall"] },
  { first: ["rateLimited", "answerLate"] },
  { first: ["answerLate", "cutMidResponse", "rateLimited"] },
]

describe("The clients against a misbehaving server (issue 6: fault injection)", () => {
  let service: DemoService
  let proxy: MisbehavingProxy

  beforeAll(async () => {
    service = await startDemoService()
    proxy = await startMisbehavingProxy(service.server.url, { lateMs: TimeoutMs + 200 })
    // Sign the demo user in once, so that the first scripted request is not slowed by scrypt.
    const warm = createNodeClient({ endpoint: service.endpoint, ...mosDef, retry: false })
    await warm.insert(interactionsOf("warm", 1)).finally(warm.close)
  })

  afterAll(async () => {
    await proxy?.close()
    await service?.server.close()
  })

  describe.each(transports)("the %s", (name, make) => {
    const prefix = name.startsWith("Node") ? "node" : "fetch"

    it(
      "completes a batch of 23 interactions through cut answers, 502 pages, stalls, late answers and rate limits, each logged exactly once",
      async () => {
        const interactions = interactionsOf(prefix, 23)
        const keys = BatchScripts.map((_, batch) => interactions[batch * 5]!.InteractionId)
        for (const [batch, { first }] of BatchScripts.entries()) {
          proxy.script(keys[batch]!, { first, afterwards: "forward" })
        }
        const { client, close } = make({
          endpoint: proxy.endpoint,
          ...mosDef,
          timeoutMs: TimeoutMs,
          retry: retrying(5),
          pacing: { minSpacingMs: 50, maxPerSecond: 20 },
        })

        const results = await client.insert(interactions).finally(close)
        await proxy.idle()

        // In the order of the interactions. Concurrent requests share their retries, so an interaction may go again in
        // another request than its first: a new one answers OK, or, after an exchange whose answer was lost,
        // `Activity already exists` marked as retried (it is this call's own activity).
        expect(results.map((result) => [result.InteractionId, result.AgentOfferTime])).toEqual(
          interactions.map((interaction) => [interaction.InteractionId, interaction.AgentOfferTime]),
        )
        for (const result of results) {
          if (result.Status === "OK") continue
          expect(result, result.InteractionId).toMatchObject({ Status: "Activity already exists", retried: true })
        }
        // Every scripted failure was met.
        for (const [batch, { first }] of BatchScripts.entries()) {
          expect(proxy.attempts(keys[batch]!).slice(0, first.length), keys[batch]).toEqual(first)
        }
        for (const [i, interaction] of interactions.entries()) {
          const found = await service.lookup(interaction)
          expect(found._tag, interaction.InteractionId).toBe("Found")
          expect(found._tag === "Found" && found.activity.id).toBe(results[i]!.ActivityId)
        }
      },
      budget15s,
    )

    describe("gives up after its retries with the typed error when the failures never stop", () => {
      const giveUp = async (misbehaviour: Misbehaviour, what: string, budget: RetryOptions = {}) => {
        const interactions = interactionsOf(`${prefix}-${what}`, 1)
        proxy.script(interactions[0]!.InteractionId, { first: [], afterwards: misbehaviour })
        const { client, close } = make({
          endpoint: proxy.endpoint,
          ...mosDef,
          timeoutMs: TimeoutMs,
          retry: { ...retrying(2), ...budget },
          pacing: { minSpacingMs: 50, maxPerSecond: 20 },
        })
        const error = await client.insert(interactions).then(
          () => undefined,
          (rejection: unknown) => rejection,
        )
        await close()
        await proxy.idle()
        return {
          error,
          attempts: proxy.attempts(interactions[0]!.InteractionId),
          lookup: await service.lookup(interactions[0]!),
        }
      }

      it("always 502: CtiTransportError HtmlPage with the status, naming the endpoint", async () => {
        const { error, attempts, lookup } = await giveUp("badGateway", "502")
        expect(error).toBeInstanceOf(CtiTransportError)
        expect(error).toMatchObject({ reason: "HtmlPage", status: 502, endpoint: proxy.endpoint })
        expect((error as CtiTransportError).message).toContain(proxy.endpoint)
        expect(attempts).toEqual(["badGateway", "badGateway", "badGateway"])
        expect(lookup._tag).toBe("NotFound")
      })

      it("always stalling: CtiTransportError Timeout, naming the endpoint", async () => {
        const { error, attempts, lookup } = await giveUp("stall", "stall")
        expect(error).toBeInstanceOf(CtiTransportError)
        expect(error).toMatchObject({ reason: "Timeout", endpoint: proxy.endpoint })
        expect((error as CtiTransportError).message).toContain(proxy.endpoint)
        expect(attempts).toEqual(["stall", "stall", "stall"])
        expect(lookup._tag).toBe("NotFound")
      })

      it("always cut mid-answer: CtiTransportError ConnectionReset, though the service logged the activity", async () => {
        const { error, attempts, lookup } = await giveUp("cutMidResponse", "cut")
        expect(error).toBeInstanceOf(CtiTransportError)
        expect(error).toMatchObject({ reason: "ConnectionReset", endpoint: proxy.endpoint })
        expect(attempts).toEqual(["cutMidResponse", "cutMidResponse", "cutMidResponse"])
        expect(lookup._tag).toBe("Found")
      })

      it("always rate-limited: the RateLimited CtiFault with its RequestWait, once retry.maxElapsed is spent", async () => {
        // RequestWait is retried for as long as the call's budget lasts, not a number of times: with no back-off
        // retries allowed at all, the request still goes again (how often within 400 ms is the machine's business).
        const { error, attempts, lookup } = await giveUp("rateLimited", "rate", { maxRetries: 0, maxElapsed: 400 })
        expect(error).toBeInstanceOf(CtiFault)
        expect(error).toMatchObject({ reason: "RateLimited", requestWaitMs: 30 })
        expect(attempts.length).toBeGreaterThan(1)
        expect(new Set(attempts)).toEqual(new Set(["rateLimited"]))
        expect(lookup._tag).toBe("NotFound")
      })
    })
  })
})
