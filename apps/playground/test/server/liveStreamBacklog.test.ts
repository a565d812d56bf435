import { DemoUsers, FastPasswordHasher, IdGenerator, makeEmulator } from "@crmod-cti/emulator"
import { scaled } from "@crmod-cti/testing"
import { Effect, Option } from "effect"
import { Hono } from "hono"
import { describe, expect, it, vi } from "vitest"
import { makeLiveStreams } from "../../src/server/events/LiveStreams.js"

// The streams alone, in-process: a client that reads nothing is a response whose body nobody pulls.
const setUp = async () => {
  const emulator = await Effect.runPromise(
    makeEmulator({ passwordHasher: FastPasswordHasher, limits: { rateLimiter: false } }).pipe(
      Effect.provide(IdGenerator.Default),
    ),
  )
  const user = Option.getOrThrow(await Effect.runPromise(emulator.administration.user(DemoUsers.mosDef)))
  const streams = makeLiveStreams(emulator, { maxBacklog: 5 })
  const app = new Hono()
  app.get("/events", async (c) => {
    const opened = await streams.open(c, {
      session: { id: "session", signInId: user.signInId, csrfToken: "token" },
      user,
    })
    return opened instanceof Response ? opened : c.text(String(opened), 429)
  })
  let counter = 0
  const insertCalls = (count: number) =>
    Effect.runPromise(
      emulator.serviceFor(DemoUsers.mosDef).insert(
        Array.from({ length: count }, () => ({
          InteractionId: `backlog-${++counter}`,
          AgentOfferTime: 1_700_000_000,
          ChannelType: "Inbound Call" as const,
        })),
      ),
    )
  return { app, streams, insertCalls }
}

describe("A live stream whose client reads nothing ends, instead of piling up changes", () => {
  it("ends the stream once its backlog is full, freeing its place", async () => {
    const { app, streams, insertCalls } = await setUp()
    await app.request("/events")
    expect(streams.size()).toBe(1)
    for (let round = 0; round < 2; round++) await insertCalls(5)
    await vi.waitFor(() => expect(streams.size()).toBe(0), { timeout: scaled(4_000) })
  })

  it("keeps the stream of a client that reads", async () => {
    const { app, streams, insertCalls } = await setUp()
    const response = await app.request("/events")
    const reader = response.body?.getReader()
    let received = ""
    const decoder = new TextDecoder()
    const reading = (async () => {
      for (;;) {
        const chunk = await reader?.read()
        if (chunk === undefined || chunk.done) return
        received += decoder.decode(chunk.value)
      }
    })()
    const changes = () => received.match(/event: change/g)?.length ?? 0
    // More than twice the backlog, one change at a time, each read before the next.
    for (let round = 1; round <= 12; round++) {
      await insertCalls(1)
      await vi.waitFor(() => expect(changes()).toBe(round))
    }
    expect(streams.size()).toBe(1)
    streams.closeAll()
    await reading
  })
})
