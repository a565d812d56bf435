// CONTRACT §12: the outbox takes the client's `sharedLimits` and hands it to its client, so that outboxes in many
// processes share one user's limits through Redis (the limits themselves are transport-node's, tested there).
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { openOutbox } from "@crmod-cti/outbox"
import { type CrmServer, type RedisServer, startRedis } from "@crmod-cti/testing"
import { Redis } from "ioredis"
import { afterAll, beforeAll, expect, it } from "vitest"
import { startServer } from "./helpers/server.js"

let server: CrmServer
let redis: RedisServer
beforeAll(async () => {
  ;[server, redis] = await Promise.all([startServer(), startRedis()])
})
afterAll(async () => {
  await server?.close()
  await redis?.stop()
})

const options = () => ({
  endpoint: server.endpoint,
  username: "OKP/mos.def",
  password: "password",
  store: join(mkdtempSync(join(tmpdir(), "outbox-")), "store"),
  pollIntervalMs: 10,
})

it("delivers through slots drawn from Redis, under the key prefix given", async () => {
  const outbox = await openOutbox({ ...options(), sharedLimits: { redis: redis.url, keyPrefix: "outbox-shared:" } })
  const receipts = await outbox.enqueueInsert(
    [1, 2, 3].map((n) => ({
      InteractionId: `shared-${n}`,
      AgentOfferTime: 1_700_000_000,
      ChannelType: "Inbound Call",
    })),
  )
  await expect(Promise.all(receipts.map((receipt) => receipt.delivered))).resolves.toHaveLength(3)
  await outbox.close()
  const inspect = new Redis(redis.url)
  const keys = await inspect.keys("*")
  inspect.disconnect()
  expect(keys.length).toBeGreaterThan(0)
  expect(keys.every((key) => key.startsWith("outbox-shared:"))).toBe(true)
})

it("refuses a bad sharedLimits with the client's error, naming the field, the password masked", async () => {
  await expect(openOutbox({ ...options(), sharedLimits: { redis: "redis//:hunter2@cache" } })).rejects.toThrow(
    "sharedLimits.redis must be a redis:// or rediss:// URL (redis://[:password@]host:port[/db]), got (a text that is not a URL, not shown)",
  )
  await expect(openOutbox({ ...options(), sharedLimits: { redis: "tcp://:hunter2@cache:6379" } })).rejects.toThrow(
    'got "tcp://:***@cache:6379"',
  )
})
