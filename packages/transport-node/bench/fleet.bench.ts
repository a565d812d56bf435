// The fleet's figures (issue 17): one user's clients in 1, 3 and 6 processes, with and without `sharedLimits`,
// against the emulator over HTTP with its rate limiter on (20 requests/s, 50 ms apart per user: a ceiling of 100
// interactions/s). Each process logs its share of the interactions, one call each, all at once; a proxy in front of
// the service counts the requests it saw and those it refused for the rate. Aggregate interactions/s run from the
// signal that starts the processes together to the last one's last answer.
//
//   npx --yes pnpm@10 --filter @crmod-cti/transport-node bench
//   (BENCH_FLEET_INTERACTIONS, default 600; BENCH_FLEET_PROCESSES, default 1,3,6; BENCH_FLEET_SHARED, default yes,no)
//
// The goal with shared limits: at least 90% of the ceiling, under 1% of the requests refused for the rate.
import { fileURLToPath } from "node:url"
import { DemoPassword, DemoUsers } from "@crmod-cti/emulator"
import { bundleScript, startChild, startCountingProxy, startCrmServer, startRedis } from "@crmod-cti/testing"

const interactions = Number(process.env.BENCH_FLEET_INTERACTIONS ?? 600)
const fleets = (process.env.BENCH_FLEET_PROCESSES ?? "1,3,6").split(",").map(Number)
const modes = (process.env.BENCH_FLEET_SHARED ?? "yes,no").split(",").map((mode) => mode === "yes")
const script = await bundleScript(fileURLToPath(new URL("../test/fixtures/fleetChild.ts", import.meta.url)))
const server = await startCrmServer({ emulator: { limits: { rateLimiter: true, operationsAllotment: false } } })
const proxy = await startCountingProxy(server.endpoint)
const redis = await startRedis()

const run = async (processes: number, shared: boolean) => {
  const keyPrefix = `bench-${processes}-${Date.now()}:`
  const count = Math.round(interactions / processes)
  const children = Array.from({ length: processes }, (_, i) =>
    startChild(script, {
      endpoint: proxy.endpoint,
      username: DemoUsers.mosDef,
      password: DemoPassword,
      prefix: `${keyPrefix}${i}`.replace(/[^\w-]/g, "-"),
      count,
      ...(shared ? { sharedLimits: { redis: redis.url, keyPrefix } } : {}),
    }),
  )
  try {
    await Promise.all(children.map((child) => child.waitFor((line) => line === "ready")))
    // The user's last second of requests is behind it before the run starts.
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    proxy.reset()
    const started = performance.now()
    for (const child of children) child.process.kill("SIGUSR2")
    const results = await Promise.all(children.map((child) => child.waitFor((line) => line.startsWith("result "))))
    const seconds = (performance.now() - started) / 1000
    const ok = results.reduce((sum, line) => sum + (JSON.parse(line.slice("result ".length)) as { ok: number }).ok, 0)
    const { requests, rateLimited } = proxy.tally
    return {
      processes,
      sharedLimits: shared ? "yes" : "no",
      "interactions OK": ok,
      "interactions/s": Number((ok / seconds).toFixed(1)),
      "of the ceiling": `${((ok / seconds / 100) * 100).toFixed(0)}%`,
      requests,
      "rate-limited": rateLimited,
      share: `${((rateLimited / requests) * 100).toFixed(2)}%`,
    }
  } finally {
    for (const child of children) child.process.kill("SIGKILL")
  }
}

try {
  const rows = []
  for (const processes of fleets) {
    for (const shared of modes) rows.push(await run(processes, shared))
  }
  console.log(`\nOne user's fleet, ${interactions} interactions in all, one call each, the rate limiter on:`)
  console.table(rows)
} finally {
  await proxy.close()
  await server.close()
  await redis.stop()
}
