import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { layer, Outbox, type OutboxEvent } from "@crmod-cti/outbox"
import type { CrmServer } from "@crmod-cti/testing"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import { afterAll, beforeAll, expect, it } from "vitest"
import { startServer } from "./helpers/server.js"

let server: CrmServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())

it("is an Effect service: receipts whose delivered is an Effect, events as a Stream, closed with its scope", async () => {
  const interaction = { InteractionId: "layer-1", AgentOfferTime: 1_700_000_000, ChannelType: "Inbound Call" } as const
  const store = join(mkdtempSync(join(tmpdir(), "outbox-layer-")), "store")
  const program = Effect.gen(function* () {
    const outbox = yield* Outbox
    const events = yield* Effect.fork(
      Stream.runCollect(
        Stream.take(
          Stream.filter(outbox.events, (event) => event.type !== "exchange"),
          2,
        ),
      ),
    )
    yield* Effect.yieldNow()
    const [insert] = yield* outbox.enqueueInsert([interaction])
    const [wrapUp] = yield* outbox.enqueueWrapUp([interaction])
    const inserted = yield* insert?.delivered ?? Effect.die("no receipt")
    const wrapped = yield* wrapUp?.delivered ?? Effect.die("no receipt")
    yield* outbox.drained
    return { inserted, wrapped, events: Chunk.toArray(yield* Fiber.join(events)) as Array<OutboxEvent> }
  })
  const options = {
    endpoint: server.endpoint,
    username: "OKP/mos.def",
    password: "password",
    store,
    pollIntervalMs: 10,
  }
  const { inserted, wrapped, events } = await Effect.runPromise(Effect.provide(program, layer(options)))
  expect(inserted).toMatchObject({ Status: "OK", InteractionId: "layer-1" })
  expect(wrapped).toMatchObject({ Status: "OK" })
  expect(events.map((event) => event.type)).toEqual(["delivered", "delivered"])
  // The Layer's scope is closed: the store can be opened again.
  await Effect.runPromise(
    Effect.provide(
      Effect.flatMap(Outbox, (outbox) => outbox.pending),
      layer(options),
    ),
  )
})
