import { Faults, type Interaction } from "@crmod-cti/core"
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { makeCtiApp } from "@crmod-cti/emulator-http"
import { CtiClient } from "@crmod-cti/soap-http"
import { createClient, CtiTransportError, Fetch, FetchCtiClient, type FetchLike } from "@crmod-cti/transport-fetch"
import { Effect, Layer } from "effect"
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest"
import { mosDef } from "./helpers/servers.js"

const endpoint = "https://crm.example.test/Services/Integration"
const call: Interaction = { InteractionId: "FETCH-1", AgentOfferTime: 1287786900, ChannelType: "Inbound Call" }

let handler: (request: Request) => Response | Promise<Response>
beforeAll(async () => {
  const emulator = await Effect.runPromise(makeDemoEmulator({ limits: { rateLimiter: false } }))
  const app = makeCtiApp({ authenticator: emulator })
  handler = (request) => app.fetch(request)
})

/** A `fetch` that hands each request to the CRM side's app in this process, recording what was sent. */
const inProcessFetch = () => {
  const seen: Array<Request> = []
  const fetchImpl: FetchLike = (input, init) => {
    const request = new Request(input, init)
    seen.push(request.clone())
    return Promise.resolve(handler(request))
  }
  return { fetchImpl, seen }
}

describe("The fetch client sends with the fetch it is given", () => {
  it("createClient({ fetch }): a POST of text/xml with the SOAPAction to the endpoint", async () => {
    const { fetchImpl, seen } = inProcessFetch()
    const crm = createClient({ endpoint, ...mosDef, fetch: fetchImpl })
    expect((await crm.insert([call]))[0]?.Status).toBe("OK")
    const [request] = seen
    expect(request?.method).toBe("POST")
    expect(request?.url).toBe(endpoint)
    expect(request?.headers.get("content-type")).toBe("text/xml; charset=utf-8")
    expect(request?.headers.get("soapaction")).toBe(
      '"document/urn:crmondemand/ws/odctibs/ctiactivity/:CTIActivityInsert"',
    )
    expect(await request?.text()).toContain("<wsse:Username>OKP/mos.def</wsse:Username>")
  })

  it("the Fetch service of a Layer is replaceable", async () => {
    const { fetchImpl, seen } = inProcessFetch()
    const results = await Effect.runPromise(
      Effect.flatMap(CtiClient, (client) => client.wrapUp([{ ...call, InteractionId: "FETCH-NONE" }])).pipe(
        Effect.provide(
          FetchCtiClient.layerWithoutFetch({ endpoint, ...mosDef }).pipe(
            Layer.provide(Layer.succeed(Fetch, fetchImpl)),
          ),
        ),
      ),
    )
    expect(results[0]?.Status).toBe("Activity not found")
    expect(seen).toHaveLength(1)
  })

  it("rejections are the typed errors", async () => {
    const { fetchImpl } = inProcessFetch()
    const error = await createClient({ endpoint, ...mosDef, password: "x", fetch: fetchImpl })
      .insert([call])
      .catch((e: unknown) => e)
    expect(error).toEqual(Faults.authenticationFailed())
  })
})

describe("createClient refuses what it cannot work with, with the error itself", () => {
  it("an endpoint that is not an http(s) URL: a TypeError; an option out of range: a RangeError naming it", () => {
    expect(() => createClient({ endpoint: "crm.example.test", ...mosDef })).toThrow(
      new TypeError('endpoint must be an http(s) URL, got "crm.example.test"'),
    )
    expect(() => createClient({ endpoint, ...mosDef, pacing: { minSpacingMs: -50 } })).toThrow(
      new RangeError("minSpacingMs must be a non-negative number, got -50"),
    )
  })
})

describe("Redirects are never followed, whatever the runtime's fetch offers", () => {
  /** A `fetch` that answers every request with `status`, recording the redirect mode it was told. */
  const answering = (status: number) => {
    const modes: Array<RequestRedirect | undefined> = []
    const fetchImpl: FetchLike = (_input, init) => {
      modes.push(init.redirect)
      return Promise.resolve(new Response(null, { status, headers: { location: "https://elsewhere.example.test/" } }))
    }
    return { fetchImpl, modes }
  }
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('where the runtime has it, fetch itself refuses them ("error")', async () => {
    const { fetchImpl, modes } = answering(200)
    await createClient({ endpoint, ...mosDef, retry: false, fetch: fetchImpl })
      .insert([call])
      .catch(() => undefined)
    expect(modes).toEqual(["error"])
  })

  it('where its Request refuses "error" (Cloudflare Workers), fetch hands the 3xx back ("manual") and it is refused', async () => {
    vi.stubGlobal(
      "Request",
      class WorkersRequest extends Request {
        constructor(input: RequestInfo | URL, init?: RequestInit) {
          if (init?.redirect === "error")
            throw new TypeError('Invalid redirect value, must be one of "follow" or "manual"')
          super(input, init)
        }
      },
    )
    const { fetchImpl, modes } = answering(307)
    const error = await createClient({ endpoint, ...mosDef, retry: false, fetch: fetchImpl })
      .insert([call])
      .catch((e: unknown) => e)
    expect(modes).toEqual(["manual"])
    expect(error).toMatchObject({
      _tag: "CtiTransportError",
      reason: "Redirect",
      status: 307,
      message: `${endpoint} answered HTTP 307: a redirect, not followed`,
    })
  })

  it("Node's refusal of a redirect is a Redirect error", async () => {
    const refusal = new TypeError("fetch failed", { cause: new Error("unexpected redirect") })
    const error = await createClient({ endpoint, ...mosDef, retry: false, fetch: () => Promise.reject(refusal) })
      .insert([call])
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      reason: "Redirect",
      message: `${endpoint}: fetch failed: the answer was a redirect, not followed`,
      cause: refusal,
    })
  })
})

describe("fetch failures are CtiTransportErrors", () => {
  const failing =
    (error: unknown): FetchLike =>
    () =>
      Promise.reject(error)

  it("a browser's bare TypeError is a Network error naming the endpoint", async () => {
    const error = await createClient({
      endpoint,
      ...mosDef,
      retry: false,
      fetch: failing(new TypeError("Failed to fetch")),
    })
      .insert([call])
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CtiTransportError)
    expect(error).toMatchObject({ reason: "Network", endpoint, message: `${endpoint}: Failed to fetch` })
  })

  it("Node's causes are told apart", async () => {
    const cases = [
      ["ECONNREFUSED", "ConnectionRefused"],
      ["ECONNRESET", "ConnectionReset"],
      ["UND_ERR_SOCKET", "ConnectionReset"],
      ["UND_ERR_CONNECT_TIMEOUT", "Timeout"],
      ["ENOTFOUND", "Network"],
    ] as const
    for (const [code, reason] of cases) {
      const failure = new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) })
      const error = await createClient({ endpoint, ...mosDef, retry: false, fetch: failing(failure) })
        .insert([call])
        .catch((e: unknown) => e)
      expect(error).toMatchObject({ reason, message: `${endpoint}: fetch failed (${code})` })
    }
  })

  it("timeoutMs aborts the fetch", async () => {
    let aborted = false
    const hanging: FetchLike = (_input, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => {
          aborted = true
          reject(new DOMException("This operation was aborted", "AbortError"))
        })
      })
    const error = await createClient({ endpoint, ...mosDef, retry: false, timeoutMs: 50, fetch: hanging })
      .insert([call])
      .catch((e: unknown) => e)
    expect(aborted).toBe(true)
    expect(error).toMatchObject({ reason: "Timeout", message: `${endpoint}: no answer within 50 ms` })
  })

  it("a call's AbortSignal aborts its fetch, and the call rejects with the signal's reason", async () => {
    let aborted = false
    let started = false
    const hanging: FetchLike = (_input, init) =>
      new Promise(() => {
        started = true
        init.signal?.addEventListener("abort", () => {
          aborted = true
        })
      })
    const controller = new AbortController()
    const pending = createClient({ endpoint, ...mosDef, pacing: false, fetch: hanging })
      .insert([call], { signal: controller.signal })
      .catch((e: unknown) => e)
    while (!started) await new Promise((resolve) => setImmediate(resolve))
    controller.abort()
    expect(await pending).toMatchObject({ name: "AbortError" })
    expect(aborted).toBe(true)
  })

  it("interrupting the call aborts the fetch", async () => {
    let aborted = false
    const hanging: FetchLike = (_input, init) =>
      new Promise(() => {
        init.signal?.addEventListener("abort", () => {
          aborted = true
        })
      })
    const program = Effect.flatMap(CtiClient, (client) => client.insert([call])).pipe(
      Effect.timeout("30 millis"),
      Effect.provide(
        FetchCtiClient.layerWithoutFetch({ endpoint, ...mosDef }).pipe(Layer.provide(Layer.succeed(Fetch, hanging))),
      ),
    )
    await Effect.runPromise(Effect.either(program))
    expect(aborted).toBe(true)
  })
})
