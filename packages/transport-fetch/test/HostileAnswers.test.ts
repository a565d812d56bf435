// CONTRACT §10, issue 13: a hostile or broken server cannot hold either client hostage. Each case runs against a
// node:http server on 127.0.0.1 that misbehaves on purpose.
import { gzipSync } from "node:zlib"
import { CtiFault, Faults, type Interaction } from "@crmod-cti/core"
import type { CtiClientOptions, PromiseCtiClient } from "@crmod-cti/soap-http"
import { scaled } from "@crmod-cti/testing"
import { createClient as createFetchClient } from "@crmod-cti/transport-fetch"
import { CtiTransportError, createClient as createNodeClient } from "@crmod-cti/transport-node"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  endlessAnswer,
  faultAnswer,
  type HostileServer,
  okAnswer,
  startHostileServer,
} from "./helpers/hostileServer.js"

// The test's budget, only to catch a hang, scaled by CTI_TEST_TIMEOUT_SCALE like every other.
const budget120s = scaled(120_000)

const call = (id: string): Interaction => ({
  InteractionId: id,
  AgentOfferTime: 1287786900,
  ChannelType: "Inbound Call",
})
const user = { username: "OKP/mos.def", password: "s3cret-pw" }
const MiB = 1024 * 1024

const attributeFlood =
  '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
  `<soap:Body ${Array.from({ length: 40_000 }, (_, i) => `a${i}="x"`).join(" ")}>` +
  '<ns:CTIActivityInsert_Output xmlns:ns="urn:crmondemand/ws/ctiactivity/"/></soap:Body></soap:Envelope>'

const huge = endlessAnswer(300 * MiB, false)
const hugeDeclared = endlessAnswer(300 * MiB, true)

const clients: ReadonlyArray<readonly [string, (options: CtiClientOptions) => PromiseCtiClient]> = [
  ["Node client", createNodeClient],
  ["fetch client", createFetchClient],
]

describe.each(clients)("The %s against a hostile server", (_name, createClient) => {
  let server: HostileServer
  let elsewhere: HostileServer
  let waits = 0

  beforeAll(async () => {
    elsewhere = await startHostileServer({ steal: okAnswer() })
    server = await startHostileServer({
      huge: huge.hostility,
      hugeDeclared: hugeDeclared.hostility,
      redirect307: (_req, res) => res.writeHead(307, { location: elsewhere.endpoint("steal") }).end(),
      redirect308: (_req, res) => res.writeHead(308, { location: elsewhere.endpoint("steal") }).end(),
      redirect302: (_req, res) => res.writeHead(302, { location: elsewhere.endpoint("steal") }).end(),
      // A 3xx that no runtime treats as a redirect: handed back as an answer.
      multipleChoices: (_req, res) => res.writeHead(300, { location: elsewhere.endpoint("steal") }).end(),
      // Eleven days of RequestWait for the first request, then answers.
      wait: (req, res, body) =>
        waits++ === 0 ? faultAnswer(Faults.rateLimited(999_999_999))(req, res, body) : okAnswer()(req, res, body),
      wrongEcho: okAnswer((results) => results.map((result) => ({ ...result, InteractionId: "someone else's" }))),
      missingResult: okAnswer((results) => results.slice(1)),
      reordered: okAnswer((results) => [...results].reverse()),
      // 40 000 attributes on one element, 430 KB: under the size cap, over the codec's bounds (CONTRACT §9).
      flood: (_req, res) => res.writeHead(200, { "content-type": "text/xml; charset=utf-8" }).end(attributeFlood),
    })
  })
  afterAll(async () => {
    await server?.close()
    await elsewhere?.close()
  })

  const failure = async (path: string, options: Partial<CtiClientOptions> = {}, count = 1) => {
    const client = createClient({ endpoint: server.endpoint(path), ...user, retry: false, ...options })
    const interactions = Array.from({ length: count }, (_, i) => call(`${path}-${i}`))
    const outcome = await client.insert(interactions).then(
      () => undefined,
      (error: unknown) => error,
    )
    await client.close()
    return outcome
  }

  it("an endless streamed answer fails TooLarge once past maxResponseBytes, and the rest is not read", async () => {
    huge.tally.written = 0
    const error = await failure("huge")
    expect(error).toBeInstanceOf(CtiTransportError)
    expect(error).toMatchObject({ reason: "TooLarge", status: 200 })
    // The server could write no more than the cap and what the sockets buffer before the client hung up.
    await until(() => huge.tally.closedEarly)
    expect(huge.tally.finished).toBe(false)
    expect(huge.tally.written).toBeLessThan(32 * MiB)
  })

  it("an answer announced longer than maxResponseBytes fails TooLarge without being read", async () => {
    hugeDeclared.tally.written = 0
    const error = await failure("hugeDeclared", { maxResponseBytes: 64 * 1024 })
    expect(error).toMatchObject({ _tag: "CtiTransportError", reason: "TooLarge" })
    await until(() => hugeDeclared.tally.closedEarly)
    expect(hugeDeclared.tally.finished).toBe(false)
  })

  it.each(["redirect302", "redirect307", "redirect308", "multipleChoices"])(
    "%s to another origin is not followed: the other origin gets nothing",
    async (path) => {
      const error = await failure(path)
      expect(error).toBeInstanceOf(CtiTransportError)
      expect(error).toMatchObject({ reason: "Redirect", message: expect.stringContaining("redirect, not followed") })
      expect(elsewhere.requests("steal")).toBe(0)
    },
  )

  it("a RequestWait of 11 days fails the call that got it at once; the client's next call is not held", async () => {
    waits = 0
    const client = createClient({ endpoint: server.endpoint("wait"), ...user })
    const error = await client.insert([call("wait-1")]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CtiFault)
    expect(error).toMatchObject({ reason: "RateLimited", requestWaitMs: 999_999_999 })
    const [result] = await client.insert([call("wait-2")])
    expect(result).toMatchObject({ Status: "OK", InteractionId: "wait-2" })
    expect(server.requests("wait")).toBe(2)
    await client.close()
  })

  it(
    "an answer flooded with 40 000 attributes fails the call with a CtiTransportError",
    async () => {
      const error = await failure("flood")
      expect(error).toBeInstanceOf(CtiTransportError)
      expect(error).toMatchObject({ status: 200 })
    },
    budget120s,
  )

  it("results for other interactions than those sent are a Server fault", async () => {
    expect(await failure("wrongEcho")).toEqual(
      Faults.serverError(
        'The response\'s activity 1 is for "someone else\'s" at 1287786900, not "wrongEcho-0" at 1287786900',
      ),
    )
    expect(await failure("missingResult", {}, 3)).toEqual(
      Faults.serverError("The response has 2 activities for 3 interactions"),
    )
    expect(await failure("reordered", {}, 2)).toMatchObject({ reason: "ServerError", faultCode: "Server" })
  })
})

describe("The fetch client against a compressed answer", () => {
  // fetch inflates a gzip answer itself: its Content-Length (1 KB here) says nothing of what it reads (1 MiB).
  const inflated = gzipSync(Buffer.alloc(MiB, " "))
  let server: HostileServer
  beforeAll(async () => {
    server = await startHostileServer({
      bomb: (_req, res) =>
        res
          .writeHead(200, {
            "content-type": "text/xml; charset=utf-8",
            "content-encoding": "gzip",
            "content-length": String(inflated.length),
          })
          .end(inflated),
    })
  })
  afterAll(async () => {
    await server?.close()
  })

  it("is counted as it is inflated: past maxResponseBytes it fails TooLarge, whatever its Content-Length", async () => {
    const client = createFetchClient({
      endpoint: server.endpoint("bomb"),
      ...user,
      retry: false,
      maxResponseBytes: 64 * 1024,
    })
    const error = await client.insert([call("bomb")]).catch((e: unknown) => e)
    await client.close()
    expect(error).toMatchObject({ _tag: "CtiTransportError", reason: "TooLarge" })
  })
})

describe.each(clients)("The %s refuses options it cannot work with, naming the option", (_name, createClient) => {
  const endpoint = "http://127.0.0.1:9/Services/Integration"

  it("an endpoint with credentials in it, without echoing them", () => {
    const make = () =>
      createClient({ endpoint: "https://OKP%2Fmos.def:hunter2@crm.example.com/Services/Integration", ...user })
    expect(make).toThrow(TypeError)
    expect(make).toThrow(/endpoint must not carry credentials/)
    expect(make).not.toThrow(/hunter2/)
  })

  it("a user name or password that is not a non-empty string (undefined is not sent as the text)", () => {
    expect(() => createClient({ endpoint, ...user, username: undefined as never })).toThrow(
      new TypeError("username must be a non-empty string, got undefined"),
    )
    expect(() => createClient({ endpoint, ...user, password: "" })).toThrow(
      new TypeError("password must be a non-empty string, got an empty string"),
    )
  })

  it.each([1e12, 0.5, 0, Number.POSITIVE_INFINITY])("timeoutMs %d: from 1 ms to 10 minutes", (timeoutMs) => {
    expect(() => createClient({ endpoint, ...user, timeoutMs })).toThrow(
      new RangeError(`timeoutMs must be a number from 1 to 600000, got ${timeoutMs}`),
    )
  })

  it("maxResponseBytes: a whole number of bytes up to 256 MiB", () => {
    expect(() => createClient({ endpoint, ...user, maxResponseBytes: 1024 * MiB })).toThrow(
      new RangeError(`maxResponseBytes must be an integer from 1 to ${256 * MiB}, got ${1024 * MiB}`),
    )
  })
})

/** Resolves once `condition` holds (checked every few milliseconds). */
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}
