import { CtiFault, Faults } from "@crmod-cti/core"
import { decodeRequest, encodeInsertResponse, SoapActions } from "@crmod-cti/soap-codec"
import { CtiTransportError, makeCtiClient, type CtiClientOptions, type HttpSend } from "@crmod-cti/soap-http"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Either, Exit, Fiber, Scope, TestClock } from "effect"
import { calls, endpoint, faultReply, okReply, scripted, transportError, user, xml } from "./helpers.js"

const client = (send: HttpSend, options: Partial<CtiClientOptions> = {}) =>
  makeCtiClient({ endpoint, ...user, ...options }, send)

/** Runs an effect to its end while moving the TestClock on by `ms`. */
const withTime = <A, E>(effect: Effect.Effect<A, E>, ms = 60_000) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust(ms)
    return yield* Fiber.join(fiber)
  })

describe("Every request carries the WS-Security UsernameToken, the SOAPAction and text/xml", () => {
  it.scoped("both operations", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted()
      const crm = yield* client(send, { pacing: false })
      yield* crm.insert(calls(1))
      yield* crm.wrapUp(calls(1))
      expect(sent.map(({ request }) => request.headers)).toEqual([
        { "content-type": "text/xml; charset=utf-8", soapaction: `"${SoapActions.CTIActivityInsert}"` },
        { "content-type": "text/xml; charset=utf-8", soapaction: `"${SoapActions.CTIActivityWrapUp}"` },
      ])
      for (const { request } of sent) {
        expect(Either.getOrThrow(decodeRequest(request.body)).security).toEqual(user)
        expect(request.url).toBe(endpoint)
        expect(request.maxResponseBytes).toBe(1024 * 1024)
      }
    }),
  )

  it.scoped("the ClientName header, when the client has a name", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted()
      yield* (yield* client(send, { clientName: "Softphone <1> & co", pacing: false })).insert(calls(1))
      expect(Either.getOrThrow(decodeRequest(sent[0]!.request.body)).clientName).toBe("Softphone <1> & co")
    }),
  )
})

describe("Any number of interactions: requests of five, results in the interactions' order", () => {
  it.scoped("12 interactions are requests of 5, 5 and 2", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted()
      const results = yield* (yield* client(send, { pacing: false })).insert(calls(12))
      expect(sent.map(({ request }) => Either.getOrThrow(decodeRequest(request.body)).interactions.length)).toEqual([
        5, 5, 2,
      ])
      expect(results.map((result) => result.InteractionId)).toEqual(calls(12).map((i) => i.InteractionId))
    }),
  )

  it("order is kept when later requests are answered first, and concurrency is bounded", async () => {
    const scope = Effect.runSync(Scope.make())
    let inFlight = 0
    let most = 0
    const send: HttpSend = (request) =>
      Effect.gen(function* () {
        inFlight += 1
        most = Math.max(most, inFlight)
        const first = Either.getOrThrow(decodeRequest(request.body)).interactions[0]!.InteractionId
        // The first request answers last.
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, first === "C1" ? 60 : 5)))
        inFlight -= 1
        return okReply(request)
      })
    const crm = Effect.runSync(Scope.extend(client(send, { pacing: false, concurrency: 3 }), scope))
    const results = await Effect.runPromise(crm.insert(calls(23)))
    await Effect.runPromise(Scope.close(scope, Exit.void))
    expect(results.map((result) => result.InteractionId)).toEqual(calls(23).map((i) => i.InteractionId))
    expect(most).toBe(3)
  })

  it.scoped("no interactions: no request", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted()
      expect(yield* (yield* client(send)).insert([])).toEqual([])
      expect(sent).toEqual([])
    }),
  )

  it.scoped("a response with fewer results than interactions is a Server fault", () =>
    Effect.gen(function* () {
      const { send } = scripted((request) =>
        okReply({ ...request, body: request.body.replace(/<data:Interaction>.*?<\/data:Interaction>/, "") }),
      )
      const error = yield* Effect.flip((yield* client(send, { pacing: false })).insert(calls(3)))
      expect(error).toEqual(Faults.serverError("The response has 2 activities for 3 interactions"))
    }),
  )
})

describe("Invalid interactions are refused before anything is sent, with the server's fault", () => {
  it.scoped("an invalid value in the 7th interaction: nothing is sent, not even the first five", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted()
      const interactions = calls(8).map((interaction, i) =>
        i === 6 ? { ...interaction, ChannelType: "Fax" as "Inbound Call" } : interaction,
      )
      const error = yield* Effect.flip((yield* client(send)).insert(interactions))
      expect(error).toEqual(Faults.invalidValue("Fax", "ChannelType"))
      expect(sent).toEqual([])
    }),
  )

  it.scoped("wrap-up interactions are checked by the wrap-up rules", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted()
      const error = yield* Effect.flip((yield* client(send)).wrapUp([{ ...calls(1)[0]!, Queue: "Support" } as never]))
      expect(error.message).toBe("Caught exception while handling request: unexpected element: Queue")
      expect(sent).toEqual([])
    }),
  )
})

describe("Pacing under CRM On Demand's rate limit (20 a second, 50 ms apart)", () => {
  it.scoped("requests start at least 50 ms apart, and no more than 20 in a second", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted()
      const crm = yield* client(send, { concurrency: 5 })
      yield* withTime(crm.insert(calls(5 * 25)))
      const starts = sent.map(({ at }) => at)
      expect(starts).toHaveLength(25)
      for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(50)
      for (let i = 20; i < starts.length; i++) expect(starts[i]! - starts[i - 20]!).toBeGreaterThanOrEqual(1000)
    }),
  )
})

describe("Retries: RequestWait, allotment back-off, transient failures", () => {
  it.scoped("the rate-limit fault: retried after exactly RequestWait", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted((request, n) =>
        n === 1 ? faultReply(Faults.rateLimited(120)) : okReply(request),
      )
      const results = yield* withTime((yield* client(send, { pacing: false })).insert(calls(1)))
      expect(results[0]?.Status).toBe("OK")
      expect(sent.map(({ at }) => at)).toEqual([0, 120])
    }),
  )

  it.scoped("a paced client holds its other requests back for RequestWait too", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted((request, n) =>
        n === 1 ? faultReply(Faults.rateLimited(300)) : okReply(request),
      )
      yield* withTime((yield* client(send, { concurrency: 2 })).insert(calls(10)))
      expect(
        sent
          .map(({ at }) => at)
          .slice(1)
          .every((at) => at >= 300),
      ).toBe(true)
    }),
  )

  it.scoped("an unpaced client holds its other calls back for RequestWait too", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted((request, n) =>
        n === 1 ? faultReply(Faults.rateLimited(300)) : okReply(request),
      )
      const crm = yield* client(send, { pacing: false })
      const insert = yield* Effect.fork(crm.insert(calls(1, "A")))
      yield* TestClock.adjust(10)
      const wrapUp = yield* Effect.fork(crm.wrapUp(calls(1, "B")))
      yield* TestClock.adjust(60_000)
      yield* Fiber.join(insert)
      yield* Fiber.join(wrapUp)
      expect(sent.map(({ at }) => at)).toEqual([0, 300, 300])
    }),
  )

  it.scoped("allotment faults back off exponentially, then fail with the fault", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted(() => faultReply(Faults.operationsAllotment(10)))
      const crm = yield* client(send, { pacing: false, retry: { maxRetries: 3, initialBackoff: "1 second" } })
      const error = yield* withTime(Effect.flip(crm.insert(calls(1))))
      expect(error).toEqual(Faults.operationsAllotment(10))
      expect(sent.map(({ at }) => at)).toEqual([0, 1000, 3000, 7000])
    }),
  )

  const transient = [
    ["a connection reset", transportError("ConnectionReset")],
    ["a timeout", transportError("Timeout")],
    ["a network failure", transportError("Network")],
  ] as const
  for (const [what, error] of transient) {
    it.scoped(`${what} is retried`, () =>
      Effect.gen(function* () {
        const { send, sent } = scripted((request, n) => (n === 1 ? error : okReply(request)))
        const results = yield* withTime((yield* client(send, { pacing: false })).insert(calls(1)))
        expect(results[0]?.Status).toBe("OK")
        expect(sent).toHaveLength(2)
      }),
    )
  }

  const gateway = (status: number) => ({ status, contentType: "text/html", body: "<html><body>down</body></html>" })
  it.scoped("502, 503 and 504 pages are retried; other HTML pages are not", () =>
    Effect.gen(function* () {
      for (const status of [502, 503, 504]) {
        const { send, sent } = scripted((request, n) => (n === 1 ? gateway(status) : okReply(request)))
        yield* withTime((yield* client(send, { pacing: false })).insert(calls(1)))
        expect(sent).toHaveLength(2)
      }
      const { send, sent } = scripted(() => gateway(404))
      const error = yield* withTime(Effect.flip((yield* client(send, { pacing: false })).insert(calls(1))))
      expect(error).toMatchObject({ reason: "HtmlPage", status: 404 })
      expect(sent).toHaveLength(1)
    }),
  )

  it.scoped("a refused connection and client faults are not retried", () =>
    Effect.gen(function* () {
      for (const reply of [transportError("ConnectionRefused"), faultReply(Faults.authenticationFailed())]) {
        const { send, sent } = scripted(() => reply)
        yield* withTime(Effect.flip((yield* client(send, { pacing: false })).insert(calls(1))))
        expect(sent).toHaveLength(1)
      }
    }),
  )

  it.scoped("the caller's own transient errors are retried besides the client's", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted((request, n) =>
        n === 1 ? faultReply(Faults.serverError("busy")) : okReply(request),
      )
      const retry = { isTransient: (error: unknown) => (error as { message?: string }).message === "busy" }
      yield* withTime((yield* client(send, { pacing: false, retry })).insert(calls(1)))
      expect(sent).toHaveLength(2)
    }),
  )

  it.scoped("retry.maxElapsed bounds the time a call spends retrying, and the last error is the result", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted(() => transportError("Timeout"))
      const crm = yield* client(send, { pacing: false, retry: { maxElapsed: "5 seconds" } })
      const error = yield* withTime(Effect.flip(crm.insert(calls(1))))
      expect(error).toMatchObject({ reason: "Timeout" })
      // Back-offs of 1 s and 2 s fit in 5 s; the next (4 s) would end at 7 s.
      expect(sent.map(({ at }) => at)).toEqual([0, 1000, 3000])
    }),
  )

  it.scoped("retry: false fails at once", () =>
    Effect.gen(function* () {
      const { send, sent } = scripted(() => transportError("Timeout"))
      const error = yield* Effect.flip((yield* client(send, { pacing: false, retry: false })).insert(calls(1)))
      expect(error).toBeInstanceOf(CtiTransportError)
      expect(sent).toHaveLength(1)
    }),
  )
})

describe("Answers that are not the service's are CtiTransportErrors naming the endpoint and status", () => {
  const cases = [
    [
      "an HTML page with 200",
      { status: 200, contentType: "text/html", body: "<!DOCTYPE html><html></html>" },
      "HtmlPage",
    ],
    ["JSON", { status: 200, contentType: "application/json", body: '{"ok":true}' }, "NotXml"],
    ["an empty body", { status: 204, contentType: undefined, body: "" }, "NotXml"],
    ["XML that is not SOAP", xml("<ok/>"), "NotSoap"],
    [
      "the other operation's answer",
      xml(
        '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><CTIActivityWrapUp_Output/></e:Body></e:Envelope>',
      ),
      "UnexpectedResponse",
    ],
  ] as const
  for (const [what, reply, reason] of cases) {
    it.scoped(what, () =>
      Effect.gen(function* () {
        const { send } = scripted(() => reply)
        const error = yield* Effect.flip((yield* client(send, { pacing: false, retry: false })).insert(calls(1)))
        expect(error).toBeInstanceOf(CtiTransportError)
        expect(error).toMatchObject({ reason, endpoint, status: reply.status })
        expect(error.message.startsWith(`${endpoint} answered HTTP ${reply.status}: `)).toBe(true)
      }),
    )
  }

  it.scoped("a fault is the service's answer whatever the HTTP status", () =>
    Effect.gen(function* () {
      const { send } = scripted(() => faultReply(Faults.accessDenied(), 200))
      const error = yield* Effect.flip((yield* client(send, { pacing: false })).insert(calls(1)))
      expect(error).toEqual(Faults.accessDenied())
    }),
  )
})

describe("The client's options are checked when it is made", () => {
  it.scoped("the endpoint must be an http(s) URL", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(makeCtiClient({ endpoint: "mailto:crm@example.com", ...user }, scripted().send))
      const defect = Exit.isFailure(exit) ? Cause.squash(exit.cause) : undefined
      expect(defect).toBeInstanceOf(TypeError)
      expect((defect as TypeError).message).toBe('endpoint must be an http(s) URL, got "mailto:crm@example.com"')
    }),
  )

  const refused = [
    [{ timeoutMs: 0 }, "timeoutMs must be a number from 1 to 600000, got 0"],
    [{ timeoutMs: Number.NaN }, "timeoutMs must be a number from 1 to 600000, got NaN"],
    [{ concurrency: 0 }, "concurrency must be a positive integer, got 0"],
    [{ retry: { maxRetries: -1 } }, "maxRetries must be a non-negative integer, got -1"],
    [
      { retry: { maxElapsed: "a while" } },
      'maxElapsed must be a duration (milliseconds, or text such as "30 seconds"), got "a while"',
    ],
    [{ pacing: { maxPerSecond: 0 } }, "maxPerSecond must be a positive integer, got 0"],
  ] as const
  for (const [options, message] of refused) {
    it.scoped(`${JSON.stringify(options)}: ${message}`, () =>
      Effect.gen(function* () {
        const exit = yield* Effect.exit(client(scripted().send, options as Partial<CtiClientOptions>))
        expect(exit).toEqual(Exit.die(new RangeError(message)))
      }),
    )
  }
})

describe("CONTRACT §10: an answer that does not carry one activity per interaction is a Server fault", () => {
  it.scoped("six activities answering a request of one are refused without being read as results", () =>
    Effect.gen(function* () {
      const six = Array.from({ length: 6 }, (_, i) => ({
        Status: "OK" as const,
        ActivityId: `A-${i}`,
        InteractionId: `I-${i}`,
        AgentOfferTime: 1_700_000_000,
      }))
      const { send } = scripted(() => xml(encodeInsertResponse(six)))
      const error = yield* Effect.flip((yield* client(send, { pacing: false, retry: false })).insert(calls(1)))
      expect(error).toBeInstanceOf(CtiFault)
      expect(error).toMatchObject({ faultCode: "Server", reason: "ServerError" })
      expect(error.message).toContain("more than 5")
    }),
  )
})
