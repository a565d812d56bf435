import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CtiFault } from "@crmod-cti/core"
import { type ExchangeRecord, openOutbox } from "@crmod-cti/outbox"
import { type CrmServer, startCrmServer } from "@crmod-cti/testing"
import { afterAll, beforeAll, expect, it } from "vitest"

let server: CrmServer
beforeAll(async () => {
  server = await startCrmServer({ emulator: { lockout: false, limits: { rateLimiter: true } } })
})
afterAll(() => server.close())

it("counts every request the service's rate limiter refused, those the client retried by itself included, and shows the wire", async () => {
  let refusedSeen = 0
  const wire: Array<ExchangeRecord> = []
  // No pacing: requests go together and the service refuses some; the client waits their RequestWait and resends.
  const outbox = await openOutbox({
    endpoint: server.endpoint,
    username: "OKP/mos.def",
    password: "password",
    store: join(mkdtempSync(join(tmpdir(), "outbox-limited-")), "store"),
    pacing: false,
    pollIntervalMs: 10,
    onExchange: (exchange) => {
      if (exchange.error instanceof CtiFault && exchange.error.reason === "RateLimited") refusedSeen++
    },
  })
  outbox.on((event) => event.type === "exchange" && wire.push(event.exchange))
  const interactions = Array.from({ length: 40 }, (_, i) => ({
    InteractionId: `limited-${i}`,
    AgentOfferTime: 1_700_000_000,
    ChannelType: "Inbound Call" as const,
  }))
  const receipts = await outbox.enqueueInsert(interactions)
  await Promise.all(receipts.map((receipt) => receipt.delivered))
  const stats = await outbox.stats()
  await outbox.close()
  expect(refusedSeen).toBeGreaterThan(0)
  // The client retried them all itself: none reached the outbox as a failure.
  expect(stats).toMatchObject({ delivered: 40, retries: 0, rateLimited: refusedSeen })
  expect(wire.filter((exchange) => exchange.error?.startsWith("CtiFault RateLimited"))).toHaveLength(refusedSeen)
  for (const exchange of wire) {
    expect(exchange.request).toContain(">********</wsse:Password>")
    expect(exchange.request).not.toContain(">password<")
  }
})
