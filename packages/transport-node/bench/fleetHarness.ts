// The fleet benches' harness: the emulator with its rate limiter on (20 requests/s, 50 ms apart per user: a ceiling
// of 100 interactions/s) behind a proxy that counts the requests it saw and those it refused for the rate, a Redis of
// the bench's own, and a run of one user's processes (children that do what `runFleetProcess` says).
import { DemoPassword, DemoUsers } from "@crmod-cti/emulator"
import { startChild, startCountingProxy, startCrmServer, startRedis } from "@crmod-cti/testing"
import { Redis } from "ioredis"

/** The interactions/s the rate limit allows one user: 20 requests a second of 5 interactions. */
const CeilingPerSecond = 100

export const startFleet = async () => {
  const server = await startCrmServer({ emulator: { limits: { rateLimiter: true, operationsAllotment: false } } })
  const proxy = await startCountingProxy(server.endpoint)
  const redis = await startRedis()
  // To read Redis's own CPU time (`INFO cpu`): its share of the cost of a shared source.
  const info = new Redis(redis.url)
  const redisCpuMs = async () => {
    const text = await info.info("cpu")
    const seconds = (name: string) => Number(text.match(new RegExp(`${name}:([\\d.]+)`))?.[1] ?? 0)
    return (seconds("used_cpu_user") + seconds("used_cpu_sys")) * 1000
  }

  /**
   * Runs `processes` children of `script` (one user), `interactions` in all, each child's config made by `configOf`
   * (its part of the interactions, a key prefix fresh for the run); they start together on a signal. Interactions/s
   * run from the signal to the last child's last answer.
   */
  const run = async (
    script: string,
    processes: number,
    interactions: number,
    configOf: (keyPrefix: string) => object,
  ) => {
    const keyPrefix = `bench-${processes}-${Date.now()}:`
    const count = Math.round(interactions / processes)
    const children = Array.from({ length: processes }, (_, i) =>
      startChild(script, {
        endpoint: proxy.endpoint,
        username: DemoUsers.mosDef,
        password: DemoPassword,
        prefix: `${keyPrefix}${i}`.replace(/[^\w-]/g, "-"),
        count,
        ...configOf(keyPrefix),
      }),
    )
    try {
      await Promise.all(children.map((child) => child.waitFor((line) => line === "ready")))
      // The user's last second of requests is behind it before the run starts.
      await new Promise((resolve) => setTimeout(resolve, 1_100))
      proxy.reset()
      const redisCpuAtStart = await redisCpuMs()
      const started = performance.now()
      for (const child of children) child.process.kill("SIGUSR2")
      const results = await Promise.all(children.map((child) => child.waitFor((line) => line.startsWith("result "))))
      const seconds = (performance.now() - started) / 1000
      const redisCpu = (await redisCpuMs()) - redisCpuAtStart
      const ok = results.reduce((sum, line) => sum + (JSON.parse(line.slice("result ".length)) as { ok: number }).ok, 0)
      const cpuLines = await Promise.all(children.map((child) => child.waitFor((line) => line.startsWith("cpu "))))
      const cpu = cpuLines.reduce((sum, line) => sum + Number(line.slice("cpu ".length)), 0)
      const { requests, rateLimited } = proxy.tally
      return {
        "interactions OK": ok,
        "interactions/s": Number((ok / seconds).toFixed(1)),
        "of the ceiling": `${((ok / seconds / CeilingPerSecond) * 100).toFixed(0)}%`,
        requests,
        "rate-limited": rateLimited,
        share: `${((rateLimited / requests) * 100).toFixed(2)}%`,
        "client CPU µs/interaction": Math.round((cpu * 1000) / ok),
        "Redis CPU µs/interaction": Math.round((redisCpu * 1000) / ok),
      }
    } finally {
      for (const child of children) child.process.kill("SIGKILL")
    }
  }

  const close = async () => {
    info.disconnect()
    await proxy.close()
    await server.close()
    await redis.stop()
  }
  return { redisUrl: redis.url, run, close }
}
