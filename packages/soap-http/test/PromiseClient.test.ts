import { CtiFault, Faults } from "@crmod-cti/core"
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { makeCtiApp } from "@crmod-cti/emulator-http"
import {
  type CtiClientShape,
  CtiTransportError,
  type HttpSend,
  makeCtiClient,
  makePromiseClient,
  toPromiseClient,
} from "@crmod-cti/soap-http"
import { Effect, Scope } from "effect"
import { describe, expect, it } from "vitest"
import { calls, endpoint, inProcess, scripted, transportError, user } from "./helpers.js"

const promiseClient = async (password: string = user.password) => {
  const emulator = await Effect.runPromise(makeDemoEmulator({ limits: { rateLimiter: false } }))
  const send = inProcess(makeCtiApp({ authenticator: emulator }))
  return makePromiseClient({ endpoint, ...user, password }, send)
}

describe("The Promise API, for callers who do not use Effect", () => {
  it("resolves with the results of both operations", async () => {
    const crm = await promiseClient()
    expect((await crm.insert(calls(7))).map((result) => result.Status)).toEqual(Array(7).fill("OK"))
    expect((await crm.wrapUp(calls(7))).map((result) => result.Status)).toEqual(Array(7).fill("OK"))
    await crm.close()
  })

  it("rejects with the CtiFault itself, not a wrapper", async () => {
    const crm = await promiseClient("wrong")
    const error = await crm.insert(calls(1)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CtiFault)
    expect(error).toEqual(Faults.authenticationFailed())
    await crm.close()
  })

  it("rejects with the CtiTransportError itself", async () => {
    const { send } = scripted(() => transportError("ConnectionRefused"))
    const crm = makePromiseClient({ endpoint, ...user, retry: false }, send)
    const error = await crm.wrapUp(calls(1)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CtiTransportError)
    expect(error).toMatchObject({ reason: "ConnectionRefused", endpoint })
    await crm.close()
  })
})

/** An `HttpSend` whose n-th request (from 1) never gets an answer; it records sends and interruptions. */
const hangingAt = (hangs: number) => {
  const sent: Array<number> = []
  const interrupted: Array<number> = []
  const { send: answer } = scripted()
  const send: HttpSend = (request, signal) => {
    sent.push(sent.length + 1)
    const n = sent.length
    return n === hangs
      ? Effect.onInterrupt(Effect.never, () => Effect.sync(() => interrupted.push(n)))
      : answer(request, signal)
  }
  return { send, sent, interrupted }
}

/** Resolves once `condition` holds, checking after each turn of the event loop. */
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}

describe("The Promise API: a call is cancelled by its AbortSignal", () => {
  it("a signal already aborted: the call rejects with its reason and sends nothing", async () => {
    const { send, sent } = hangingAt(1)
    const crm = makePromiseClient({ endpoint, ...user, pacing: false }, send)
    const controller = new AbortController()
    controller.abort()
    const error = await crm.insert(calls(1), { signal: controller.signal }).catch((e: unknown) => e)
    expect(error).toBe(controller.signal.reason)
    expect(error).toMatchObject({ name: "AbortError" })
    expect(sent).toEqual([])
  })

  it("aborted while a request is in flight: the request is cancelled and the call rejects with the reason", async () => {
    const { send, sent, interrupted } = hangingAt(1)
    const crm = makePromiseClient({ endpoint, ...user, pacing: false }, send)
    const controller = new AbortController()
    const call = crm.wrapUp(calls(1), { signal: controller.signal }).catch((e: unknown) => e)
    await until(() => sent.length === 1)
    const reason = new Error("the agent closed the softphone")
    controller.abort(reason)
    expect(await call).toBe(reason)
    expect(interrupted).toEqual([1])
  })

  it("no further batch starts: the batches answered before stay answered, the rest are never sent", async () => {
    // Eleven interactions are three requests of at most five, one after another; the second never gets an answer.
    const { send, sent, interrupted } = hangingAt(2)
    const crm = makePromiseClient({ endpoint, ...user, pacing: false, concurrency: 1 }, send)
    const controller = new AbortController()
    const call = crm.insert(calls(11), { signal: controller.signal }).catch((e: unknown) => e)
    await until(() => sent.length === 2)
    controller.abort()
    expect(await call).toMatchObject({ name: "AbortError" })
    expect(sent).toEqual([1, 2])
    expect(interrupted).toEqual([2])
  })

  it("a signal that is never aborted changes nothing", async () => {
    const { send } = hangingAt(0)
    const crm = makePromiseClient({ endpoint, ...user, pacing: false }, send)
    const results = await crm.insert(calls(6), { signal: new AbortController().signal })
    expect(results.map((result) => result.Status)).toEqual(Array(6).fill("OK"))
  })

  it("an unexpected defect rejects with the error itself, not a wrapper", async () => {
    const boom = new Error("the transport broke")
    const crm = makePromiseClient({ endpoint, ...user, pacing: false }, () => Effect.die(boom))
    expect(await crm.insert(calls(1)).catch((e: unknown) => e)).toBe(boom)
  })
})

describe("close() ends the client", () => {
  it("calls not answered yet and calls made afterwards reject with a clear error", async () => {
    const { send, sent } = hangingAt(1)
    const crm = makePromiseClient({ endpoint, ...user }, send)
    const pending = crm.insert(calls(1)).catch((e: unknown) => e)
    await until(() => sent.length === 1)
    await crm.close()
    expect(await pending).toEqual(new Error("The CTI client is closed"))
    expect(await crm.insertSettled(calls(1)).catch((e: unknown) => e)).toEqual(new Error("The CTI client is closed"))
  })
})

describe("toPromiseClient of a client made elsewhere (a wrapper, a test double)", () => {
  it("runs each call as its Effect: results, the typed error, and an aborted call's request cancelled", async () => {
    const { send, sent, interrupted } = hangingAt(2)
    const scope = Effect.runSync(Scope.make())
    const client = Effect.runSync(Scope.extend(makeCtiClient({ endpoint, ...user, pacing: false }, send), scope))
    const crm = toPromiseClient({ ...client } satisfies CtiClientShape, scope)
    expect((await crm.insert(calls(2))).map((result) => result.Status)).toEqual(["OK", "OK"])
    const fax = { ...calls(1)[0]!, ChannelType: "Fax" as "Inbound Call" }
    expect(await crm.insert([fax]).catch((e: unknown) => e)).toEqual(Faults.invalidValue("Fax", "ChannelType"))
    const controller = new AbortController()
    const call = crm.wrapUpSettled(calls(1), { signal: controller.signal }).catch((e: unknown) => e)
    await until(() => sent.length === 2)
    controller.abort()
    expect(await call).toMatchObject({ name: "AbortError" })
    await until(() => interrupted.length === 1)
    expect(sent).toEqual([1, 2])
    await crm.close()
  })
})
