import { CtiFault, Faults, type Interaction } from "@crmod-cti/core"
import { DemoIds } from "@crmod-cti/emulator"
import { decodeInsertResponse } from "@crmod-cti/soap-codec"
import { type CtiClientOptions, type CtiClientShape, CtiTransportError } from "@crmod-cti/soap-http"
import { Effect, Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { ClientFactory } from "./clients.js"
import {
  badGateway,
  callAgent,
  type CountingAuthenticator,
  demoAuthenticator,
  mosDef,
  type RunningServer,
  refusedEndpoint,
  resettingServer,
  type ServerFactory,
  silentServer,
} from "./servers.js"
import { rawRequest, scaled, securityOf } from "@crmod-cti/testing"
import { calls, chapterInsert, chapterWrapUp, post } from "./soap.js"

const either = <A, E>(effect: Effect.Effect<A, E>): Promise<Either.Either<A, E>> =>
  Effect.runPromise(Effect.either(effect))

const failure = async <A, E>(effect: Effect.Effect<A, E>): Promise<E> =>
  Either.match(await either(effect), {
    onLeft: (error) => error,
    onRight: (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`)
    },
  })

const success = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect)

const fast = { retry: false, pacing: false } as const

/**
 * What every pairing of a client and a server must do, over real HTTP on 127.0.0.1, against the demo emulator:
 * the two operations, batching, every fault as its typed error, and transport failures as typed errors.
 */
export const conformanceSuite = (makeClient: ClientFactory, makeServer: ServerFactory): void => {
  let authenticator: CountingAuthenticator
  let server: RunningServer
  const opened: Array<() => Promise<void>> = []

  beforeAll(async () => {
    authenticator = await demoAuthenticator()
    server = await makeServer({ authenticator })
  })
  afterAll(async () => {
    for (const close of opened.reverse()) await close()
    await server.close()
  })

  /** A client of `server` (or of the given endpoint, reached through `via`), closed after the suite. */
  const client = async (
    options: Partial<CtiClientOptions> = {},
    via: Pick<RunningServer, "fetch"> = server,
  ): Promise<CtiClientShape> => {
    const running = await makeClient({ endpoint: server.endpoint, ...mosDef, ...options }, via.fetch)
    opened.push(running.close)
    return running.client
  }
  const started = async <S extends { readonly close: () => Promise<void> }>(made: Promise<S>): Promise<S> => {
    const running = await made
    opened.push(running.close)
    return running
  }

  describe("CTIActivityInsert", () => {
    it("the chapter's sample request gets the chapter's sample response", async () => {
      const results = await success((await client()).insert(chapterInsert("7000000000")))
      expect(results.map((result) => result.Status)).toEqual(["OK", "OK", "OK", "OK"])
      expect(results.map((result) => result.InteractionId)).toEqual(
        chapterInsert("7000000000").map((interaction) => interaction.InteractionId),
      )
      const [call, chat, email, voicemail] = results
      for (const found of [call, voicemail]) {
        expect(found).toMatchObject({
          ContactId: DemoIds.fredHong,
          ContactFullName: "Fred Hong",
          ScreenPopRecordType: "Contact",
          ScreenPopRecordId: DemoIds.fredHong,
        })
      }
      for (const alone of [chat, email]) {
        expect(alone?.ScreenPopRecordType).toBe("Activity")
        expect(alone?.ScreenPopRecordId).toBe(alone?.ActivityId)
      }
    })

    it("an identity inserted again answers Activity already exists with the same ActivityId", async () => {
      const crm = await client({ clientName: "conformance <suite> & co" })
      const [first] = await success(crm.insert(calls("again", 1)))
      const [second] = await success(crm.insert(calls("again", 1)))
      expect(first?.Status).toBe("OK")
      expect(second).toEqual({
        Status: "Activity already exists",
        InteractionId: "again-1",
        AgentOfferTime: 1700000000,
        ActivityId: first?.ActivityId,
      })
    })
  })

  describe("CTIActivityWrapUp", () => {
    it("wraps up the chapter's sample activities once", async () => {
      const crm = await client()
      const first = await success(crm.wrapUp(chapterWrapUp))
      expect(first).toEqual(chapterWrapUp.map(({ ChannelType: _, ...identity }) => ({ Status: "OK", ...identity })))
      const again = await success(crm.wrapUp(chapterWrapUp))
      expect(again.map((result) => result.Status)).toEqual(Array(4).fill("Activity has already been wrapped up"))
    })

    it("an unknown identity is Activity not found", async () => {
      const [result] = await success(
        (await client()).wrapUp([{ InteractionId: "nowhere", AgentOfferTime: 1, ChannelType: "Inbound Call" }]),
      )
      expect(result?.Status).toBe("Activity not found")
    })
  })

  describe("Any number of interactions: requests of five, results in order", () => {
    it("12 interactions are 3 requests, and the results keep the interactions' order", async () => {
      const crm = await client({ concurrency: 3 })
      const before = authenticator.calls()
      const interactions = calls("batch", 12)
      const results = await success(crm.insert(interactions))
      expect(authenticator.calls() - before).toBe(3)
      expect(results.map((result) => result.InteractionId)).toEqual(interactions.map((i) => i.InteractionId))
      expect(results.every((result) => result.Status === "OK")).toBe(true)
      const wrapped = await success(crm.wrapUp(interactions))
      expect(authenticator.calls() - before).toBe(6)
      expect(wrapped.map((result) => [result.InteractionId, result.Status])).toEqual(
        interactions.map((i) => [i.InteractionId, "OK"]),
      )
    })

    it("no interactions send no request", async () => {
      const before = authenticator.calls()
      expect(await success((await client()).insert([]))).toEqual([])
      expect(authenticator.calls()).toBe(before)
    })
  })

  describe("Faults are the contract's, as typed CtiFaults", () => {
    it("wrong credentials", async () => {
      const fault = await failure((await client({ password: "wrong" })).insert(calls("creds", 1)))
      expect(fault).toEqual(Faults.authenticationFailed())
    })

    // Invalid input is refused before sending, with exactly the fault the server gives for the same values.
    const invalid: ReadonlyArray<readonly [string, Record<string, unknown>, CtiFault]> = [
      [
        "a channel type outside the LOV",
        { ChannelType: "Inbound Fax" },
        Faults.invalidValue("Inbound Fax", "ChannelType"),
      ],
      [
        "an InteractionId over 30 characters",
        { InteractionId: "x".repeat(31) },
        Faults.invalidValue("x".repeat(31), "InteractionId"),
      ],
      ["a CreateServiceRequest that is not a boolean", { CreateServiceRequest: "yes" }, Faults.invalidBoolean("yes")],
      [
        "an AgentOfferTime that is not epoch seconds",
        { AgentOfferTime: "soon" },
        Faults.invalidValue("soon", "AgentOfferTime"),
      ],
      ["an empty InteractionId", { InteractionId: "" }, Faults.requiredField("InteractionId")],
      ["no ChannelType", { ChannelType: undefined }, Faults.missingElement("ChannelType")],
    ]
    for (const [what, change, expected] of invalid) {
      it(`${what} is refused before sending, as the server would`, async () => {
        const interaction = { ...calls("invalid", 1)[0], ...change } as unknown as Interaction
        const before = authenticator.calls()
        const fault = await failure((await client()).insert([interaction]))
        expect(authenticator.calls()).toBe(before)
        expect(fault).toEqual(expected)
        const raw = Object.entries(interaction)
          .filter(([, value]) => value !== undefined)
          .map(([name, value]) => `<data:${name}>${String(value)}</data:${name}>`)
          .join("")
        const answer = await post(server.endpoint, rawRequest(securityOf(mosDef), [raw]), {}, server.fetch)
        expect(answer.status).toBe(500)
        expect(Either.flip(decodeInsertResponse(answer.body))).toEqual(Either.right(expected))
      })
    }

    it("Access Denied for a chat by a user with Access Call Communications only", async () => {
      const crm = await client(callAgent)
      const [call] = await success(crm.insert(calls("agent-call", 1)))
      expect(call?.Status).toBe("OK")
      const chat = { InteractionId: "agent-chat", AgentOfferTime: 1, ChannelType: "Inbound Chat" } as const
      expect(await failure(crm.insert([chat]))).toEqual(Faults.accessDenied())
    })

    it("the operations allotment, once used up", async () => {
      const small = await started(
        makeServer({ authenticator: await demoAuthenticator({ limits: { operationsAllotment: 3 } }) }),
      )
      const crm = await client(
        { endpoint: small.endpoint, retry: { maxRetries: 1, initialBackoff: "10 millis" } },
        small,
      )
      expect((await success(crm.insert(calls("allot", 3)))).length).toBe(3)
      const fault = await failure(crm.insert(calls("allot-more", 1)))
      expect(fault).toEqual(Faults.operationsAllotment(3))
      expect(fault.message).toBe(
        "The Web Services Operations Allotment of 3 Operations has been reached or there is insufficient capacity remaining to process your request.(SBL-SBL-70172)",
      )
    })

    // The first request of a user pays for the password hash; later ones reach the rate limiter at once.
    const rateLimitedServer = async (rateLimiter: { perSecond: number; minSpacingMs: number }) => {
      const limited = await demoAuthenticator({ limits: { rateLimiter, operationsAllotment: false } })
      const running = await started(makeServer({ authenticator: limited }))
      await success((await client({ endpoint: running.endpoint }, running)).insert(calls("warm-up", 1)))
      return { limited, running }
    }

    it("the rate limiter: the client waits RequestWait and retries until it is let through", async () => {
      const { limited, running } = await rateLimitedServer({ perSecond: 20, minSpacingMs: 100 })
      const before = limited.calls()
      const unpaced = await client({ endpoint: running.endpoint, pacing: false, concurrency: 3 }, running)
      const results = await success(unpaced.insert(calls("rate", 12)))
      expect(results.map((result) => result.InteractionId)).toEqual(calls("rate", 12).map((i) => i.InteractionId))
      expect(results.map((result) => result.Status)).toEqual(Array(12).fill("OK"))
      expect(limited.calls() - before).toBeGreaterThan(3)
    })

    it("the rate limiter's fault, when retrying is off, carries RequestWait", async () => {
      const { running } = await rateLimitedServer({ perSecond: 1, minSpacingMs: 1000 })
      const fault = await failure(
        (await client({ endpoint: running.endpoint, ...fast }, running)).insert(calls("rate-off", 1)),
      )
      expect(fault).toBeInstanceOf(CtiFault)
      expect(fault).toMatchObject({ reason: "RateLimited", errorCode: "SBL-ODU-01005", faultCode: "Server" })
      const wait = (fault as CtiFault).requestWaitMs ?? 0
      expect(wait).toBeGreaterThan(0)
      expect(wait).toBeLessThanOrEqual(1000)
      expect(fault).toEqual(Faults.rateLimited(wait))
    })
  })

  describe("Transport failures are CtiTransportErrors naming the endpoint", () => {
    it("an HTML 502 page from a gateway", async () => {
      const gateway = await started(badGateway())
      const error = await failure((await client({ endpoint: gateway.endpoint, ...fast })).insert(calls("gw", 1)))
      expect(error).toBeInstanceOf(CtiTransportError)
      expect(error).toMatchObject({ reason: "HtmlPage", status: 502, endpoint: gateway.endpoint })
      expect(error.message).toContain(gateway.endpoint)
      expect(error.message).toContain("Bad Gateway")
    })

    it("a 502 is retried, and the call succeeds once the gateway recovers", async () => {
      const gateway = await started(badGateway(2, { authenticator }))
      const crm = await client({ endpoint: gateway.endpoint, retry: { initialBackoff: "10 millis" } })
      const [result] = await success(crm.insert(calls("gw-recovers", 1)))
      expect(result?.Status).toBe("OK")
      expect(gateway.requests()).toBe(3)
    })

    it("a connection refused", async () => {
      const endpoint = await refusedEndpoint()
      const error = await failure((await client({ endpoint, ...fast })).insert(calls("refused", 1)))
      expect(error).toBeInstanceOf(CtiTransportError)
      expect(error).toMatchObject({ reason: "ConnectionRefused", endpoint })
      expect(error.message).toContain(endpoint)
    })

    it("a server that never answers times out", async () => {
      const silent = await started(silentServer())
      const started_ = Date.now()
      const error = await failure(
        (await client({ endpoint: silent.endpoint, ...fast, timeoutMs: 200 })).insert(calls("silent", 1)),
      )
      expect(error).toBeInstanceOf(CtiTransportError)
      expect(error).toMatchObject({ reason: "Timeout", endpoint: silent.endpoint })
      expect(error.message).toBe(`${silent.endpoint}: no answer within 200 ms`)
      expect(Date.now() - started_).toBeLessThan(scaled(2000))
    })

    it("a connection reset in the middle of the answer", async () => {
      const resetting = await started(resettingServer())
      const error = await failure((await client({ endpoint: resetting.endpoint, ...fast })).insert(calls("reset", 1)))
      expect(error).toBeInstanceOf(CtiTransportError)
      expect(error).toMatchObject({ reason: "ConnectionReset", endpoint: resetting.endpoint })
    })
  })
}
