import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CtiFault, type Interaction } from "@crmod-cti/core"
import { type OutboxEvent, OutboxError, openOutbox, type PromiseOutbox } from "@crmod-cti/outbox"
import type { CrmServer } from "@crmod-cti/testing"
import * as Effect from "effect/Effect"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { startServer } from "./helpers/server.js"
import { type CountingProxy, freePort, startProxy } from "./helpers/proxy.js"

const call = (id: string, channel: Interaction["ChannelType"] = "Inbound Call"): Interaction => ({
  InteractionId: id,
  AgentOfferTime: 1_700_000_000,
  ChannelType: channel,
})

const quick = { pollIntervalMs: 10, backoff: { initialMs: 10, maxMs: 100 } }
const storeDir = () => join(mkdtempSync(join(tmpdir(), "outbox-")), "store")

let server: CrmServer
const opened: Array<PromiseOutbox> = []
const open = async (options: Partial<Parameters<typeof openOutbox>[0]> = {}) => {
  const outbox = await openOutbox({
    endpoint: server.endpoint,
    username: "OKP/mos.def",
    password: "password",
    store: storeDir(),
    ...quick,
    ...options,
  })
  opened.push(outbox)
  return outbox
}

const activity = (id: string) =>
  Effect.runPromise(
    server.emulator.queries.findActivity(
      { signInId: "OKP/mos.def" },
      { InteractionId: id, AgentOfferTime: 1_700_000_000 },
    ),
  )

beforeAll(async () => {
  server = await startServer()
})
afterEach(async () => {
  await Promise.all(opened.splice(0).map((outbox) => outbox.close()))
})
afterAll(() => server.close())

describe("openOutbox", () => {
  it("delivers an insert and its wrap-up, resolving each receipt with its result, and removes them", async () => {
    const outbox = await open()
    const [insert] = await outbox.enqueueInsert([call("basic-1")])
    const [wrapUp] = await outbox.enqueueWrapUp([call("basic-1")])
    await expect(insert?.delivered).resolves.toMatchObject({ Status: "OK", InteractionId: "basic-1" })
    await expect(wrapUp?.delivered).resolves.toMatchObject({ Status: "OK", InteractionId: "basic-1" })
    await outbox.drained()
    expect(await outbox.pending()).toBe(0)
    const found = await activity("basic-1")
    expect(found._tag === "Found" && found.activity.wrappedUpAt !== undefined).toBe(true)
    expect(await outbox.stats()).toMatchObject({ pending: 0, delivered: 2, deadLetters: {}, paused: null })
  })

  it("refuses a call with an invalid interaction and stores none of it", async () => {
    const outbox = await open({ endpoint: "http://127.0.0.1:9/Services/Integration" })
    const invalid = { ...call("invalid-1"), ChannelType: "Carrier Pigeon" } as unknown as Interaction
    const refused = await outbox.enqueueInsert([call("valid-1"), invalid]).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(CtiFault)
    expect(refused).toMatchObject({ reason: "InvalidValue" })
    expect(await outbox.pending()).toBe(0)
  })

  it("stores nothing new for an identity already pending for the same operation", async () => {
    const outbox = await open({ endpoint: "http://127.0.0.1:9/Services/Integration" })
    await outbox.enqueueInsert([call("twice-1")])
    await outbox.enqueueInsert([call("twice-1"), call("twice-1")])
    await outbox.enqueueWrapUp([call("twice-1")])
    expect(await outbox.pending()).toBe(2)
  })

  it("refuses a second open of the same directory with a clear error", async () => {
    const store = storeDir()
    await open({ store })
    const second = await open({ store }).catch((error: unknown) => error)
    expect(second).toBeInstanceOf(OutboxError)
    expect(second).toMatchObject({ reason: "StoreInUse" })
    expect((second as OutboxError).message).toContain(store)
  })
})

describe("delivery", () => {
  let proxy: CountingProxy | undefined
  afterEach(async () => {
    await proxy?.close()
    proxy = undefined
  })

  it("keeps everything while the service is down for the whole enqueue, and delivers it all once it is up", async () => {
    const port = await freePort()
    const outbox = await open({ endpoint: `http://127.0.0.1:${port}/Services/Integration` })
    const retried = new Promise<void>((resolve) => outbox.on((event) => event.type === "retrying" && resolve()))
    const ids = Array.from({ length: 12 }, (_, i) => `outage-${i}`)
    const receipts = await outbox.enqueueInsert(ids.map((id) => call(id)))
    await outbox.enqueueWrapUp(ids.map((id) => call(id)))
    await retried
    expect(await outbox.pending()).toBe(24)
    proxy = await startProxy(server.url, port)
    await outbox.drained()
    for (const receipt of receipts) await expect(receipt.delivered).resolves.toMatchObject({ Status: "OK" })
    for (const id of ids) {
      const found = await activity(id)
      expect(found._tag === "Found" && found.activity.wrappedUpAt !== undefined).toBe(true)
      expect(proxy.sent.get(`insert:${id}`)).toBe(1)
    }
    expect((await outbox.stats()).retries).toBeGreaterThan(0)
  })

  it("retries an insert whose answer was lost, and takes `Activity already exists` for delivered", async () => {
    proxy = await startProxy(server.url)
    // The client's own retries off: every failure reaches the outbox, which retries it.
    const outbox = await open({ endpoint: proxy.endpoint, retry: false })
    proxy.setLoseAnswers(true)
    const retried = new Promise<void>((resolve) => outbox.on((event) => event.type === "retrying" && resolve()))
    const [receipt] = await outbox.enqueueInsert([call("lost-1")])
    await retried
    proxy.setLoseAnswers(false)
    // Its first attempt created it: the caller pops it as its own (CONTRACT §10).
    await expect(receipt?.delivered).resolves.toMatchObject({
      Status: "Activity already exists",
      ActivityId: expect.any(String),
      retried: true,
    })
    await outbox.drained()
    expect(proxy.sent.get("insert:lost-1")).toBeGreaterThanOrEqual(2)
    expect(await activity("lost-1")).toMatchObject({ _tag: "Found" })
  })

  it("takes `Activity already exists` at the first attempt for delivered, not as its own (another logged it)", async () => {
    await Effect.runPromise(server.emulator.serviceFor("OKP/mos.def").insert([call("before-1")]))
    const outbox = await open()
    const [receipt] = await outbox.enqueueInsert([call("before-1")])
    const result = await receipt?.delivered
    expect(result).toMatchObject({ Status: "Activity already exists", ActivityId: expect.any(String) })
    expect(result).not.toHaveProperty("retried")
  })

  it("keeps dead letters for a user without the channel's privilege, and retries them by hand", async () => {
    const outbox = await open({ username: "OKP/call.agent" })
    const events: Array<OutboxEvent> = []
    outbox.on((event) => events.push(event))
    const [chat] = await outbox.enqueueInsert([call("dead-chat-1", "Inbound Chat")])
    const [phone] = await outbox.enqueueInsert([call("dead-call-1")])
    const [chatWrapUp] = await outbox.enqueueWrapUp([call("dead-chat-1", "Inbound Chat")])
    const refused = await chat?.delivered.catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(CtiFault)
    expect(refused).toMatchObject({ reason: "AccessDenied", message: "Access Denied" })
    await expect(chatWrapUp?.delivered).rejects.toMatchObject({ reason: "AccessDenied" })
    await expect(phone?.delivered).resolves.toMatchObject({ Status: "OK" })
    await outbox.drained()
    const dead = await outbox.deadLetters()
    expect(JSON.parse(JSON.stringify(dead))).toEqual([
      {
        operation: "insert",
        interaction: call("dead-chat-1", "Inbound Chat"),
        fault: { reason: "AccessDenied", faultCode: "Client", errorCode: "SBL-ODS-50091", message: "Access Denied" },
        at: expect.any(Number),
      },
      {
        operation: "wrapUp",
        interaction: call("dead-chat-1", "Inbound Chat"),
        fault: { reason: "AccessDenied", faultCode: "Client", errorCode: "SBL-ODS-50091", message: "Access Denied" },
        at: expect.any(Number),
      },
    ])
    expect((await outbox.stats()).deadLetters).toEqual({ AccessDenied: 2 })
    expect(events.filter((event) => event.type === "deadLetter")).toHaveLength(1)
    expect((await activity("dead-chat-1"))._tag).toBe("NotFound")

    await Effect.runPromise(
      server.emulator.administration.setPrivileges({ signInId: "OKP/mos.def" }, "OKP/call.agent", [
        "Access Call Communications",
        "Access Chat Communications",
      ]),
    )
    expect(await outbox.retryDeadLetters((letter) => letter.fault.reason === "AccessDenied")).toBe(2)
    await outbox.drained()
    expect(await outbox.deadLetters()).toEqual([])
    const found = await activity("dead-chat-1")
    expect(found._tag === "Found" && found.activity.wrappedUpAt !== undefined).toBe(true)
  })

  it("pauses on a refused password, keeping everything pending, until new credentials are given", async () => {
    proxy = await startProxy(server.url)
    const outbox = await open({ endpoint: proxy.endpoint, password: "wrong" })
    const paused = new Promise<OutboxEvent>((resolve) =>
      outbox.on((event) => event.type === "paused" && resolve(event)),
    )
    const [receipt] = await outbox.enqueueInsert([call("paused-1")])
    expect(await paused).toMatchObject({ fault: { reason: "AuthenticationFailed" } })
    const stats = await outbox.stats()
    expect(stats).toMatchObject({ pending: 1, paused: { reason: "AuthenticationFailed" }, deadLetters: {} })
    const sentWhilePaused = proxy.forwarded()
    await outbox.enqueueInsert([call("paused-2")])
    expect(await outbox.pending()).toBe(2)
    expect(proxy.forwarded()).toBe(sentWhilePaused)
    await outbox.setCredentials({ password: "password" })
    await expect(receipt?.delivered).resolves.toMatchObject({ Status: "OK" })
    await outbox.drained()
    expect((await outbox.stats()).paused).toBeNull()
  })
})
