// Issue 17 says "measure before choosing" between one Lua script of our own and a well-kept library for the fleet's
// shared slots: this bench measures ours (`sharedLimits`) beside `@effect/experimental`'s RateLimiter (Redis store)
// and rate-limiter-flexible's RateLimiterRedis (ioredis), each as a slot source of the same client (`librarySlots`),
// on the harness of `fleet.bench.ts`: 1, 3 and 6 processes of one user, 600 interactions, the emulator's rate
// limiter on behind the counting proxy. Sources run interleaved within each round, rounds one after another.
//
//   npx --yes pnpm@10 --filter @crmod-cti/transport-node bench:alternatives
//   (BENCH_FLEET_INTERACTIONS, default 600; BENCH_FLEET_PROCESSES, default 1,3,6; BENCH_ROUNDS, default 3;
//    BENCH_SOURCES, default all of `sources` below; BENCH_MARGIN_MS, the pacer's margin, default its own 10 ms)
import { fileURLToPath } from "node:url"
import { bundleScripts } from "@crmod-cti/testing"
import { startFleet } from "./fleetHarness.js"
import type { LibraryConfig } from "./librarySlots.js"

const interactions = Number(process.env.BENCH_FLEET_INTERACTIONS ?? 600)
const fleets = (process.env.BENCH_FLEET_PROCESSES ?? "1,3,6").split(",").map(Number)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const marginMs = process.env.BENCH_MARGIN_MS === undefined ? undefined : Number(process.env.BENCH_MARGIN_MS)

/** The slot sources measured: ours, and each library as a user might set it up for "20 a second, 50 ms apart". */
const sources: Record<string, LibraryConfig | "ours"> = {
  ours: "ours",
  // 1 per (50 ms + a margin): the service's spacing, which implies its 20 a second. "fixed-window" with a limit of 1
  // is a GCRA (each grant one window after the last); the token bucket refills on a grid.
  "effect fixed-window 1/(50ms+margin)": {
    library: "effect",
    shape: "spacing",
    algorithm: "fixed-window",
    extraMs: "margin",
  },
  "effect fixed-window 1/55ms": { library: "effect", shape: "spacing", algorithm: "fixed-window", extraMs: 5 },
  "effect fixed-window 1/60ms": { library: "effect", shape: "spacing", algorithm: "fixed-window", extraMs: 10 },
  "effect fixed-window 1/70ms": { library: "effect", shape: "spacing", algorithm: "fixed-window", extraMs: 20 },
  "effect token-bucket 1/60ms": { library: "effect", shape: "spacing", algorithm: "token-bucket", extraMs: 10 },
  "effect fixed-window 20/s": { library: "effect", shape: "window", algorithm: "fixed-window" },
  // Its Redis store counts whole seconds (a `duration` of 0.05 is floored to 0: the key never expires, and every
  // consume after the first is refused), so 50 ms apart can only come from `execEvenly`.
  "flexible 20/s": { library: "rate-limiter-flexible", points: 20, execEvenly: false },
  "flexible 20/s execEvenly": { library: "rate-limiter-flexible", points: 20, execEvenly: true },
  "flexible 18/s execEvenly": { library: "rate-limiter-flexible", points: 18, execEvenly: true },
}
const chosen = (process.env.BENCH_SOURCES?.split(",") ?? Object.keys(sources)).map((name) => {
  const source = sources[name]
  if (source === undefined) throw new Error(`No source ${name}: one of ${Object.keys(sources).join(", ")}`)
  return [name, source] as const
})

const [ourChild, libraryChild] = await bundleScripts([
  fileURLToPath(new URL("../test/fixtures/fleetChild.ts", import.meta.url)),
  fileURLToPath(new URL("./fleetLibraryChild.ts", import.meta.url)),
])
const fleet = await startFleet()
const margin = marginMs === undefined ? {} : { marginMs }

type Row = { round: number; processes: number; source: string } & Awaited<ReturnType<typeof fleet.run>>

try {
  const rows: Array<Row> = []
  for (let round = 1; round <= rounds; round++) {
    for (const processes of fleets) {
      for (const [name, source] of chosen) {
        const row = await fleet.run(
          source === "ours" ? ourChild! : libraryChild!,
          processes,
          interactions,
          (keyPrefix) =>
            source === "ours"
              ? { sharedLimits: { redis: fleet.redisUrl, keyPrefix }, ...margin }
              : { redis: fleet.redisUrl, keyPrefix, library: source, ...margin },
        )
        rows.push({ round, processes, source: name, ...row })
        console.log(JSON.stringify(rows.at(-1)))
      }
    }
  }
  console.log(
    `\nOne user's fleet, ${interactions} interactions in all, one call each, the rate limiter on, ` +
      `${rounds} round(s), the pacer's margin ${marginMs ?? "10 (its default)"} ms:`,
  )
  console.table(rows)
  const mean = (values: ReadonlyArray<number>) => values.reduce((sum, value) => sum + value, 0) / values.length
  const summary = fleets.flatMap((processes) =>
    chosen.map(([name]) => {
      const runs = rows.filter((row) => row.processes === processes && row.source === name)
      const requests = runs.reduce((sum, row) => sum + row.requests, 0)
      const refused = runs.reduce((sum, row) => sum + row["rate-limited"], 0)
      const perSecond = runs.map((row) => row["interactions/s"])
      return {
        processes,
        source: name,
        "interactions/s (mean)": Number(mean(perSecond).toFixed(1)),
        range: `${Math.min(...perSecond)}–${Math.max(...perSecond)}`,
        "of the ceiling": `${mean(perSecond).toFixed(0)}%`,
        "requests (mean)": Math.round(requests / runs.length),
        "refused for the rate": `${((refused / requests) * 100).toFixed(2)}%`,
        "client CPU µs/interaction": Math.round(mean(runs.map((row) => row["client CPU µs/interaction"]))),
        "Redis CPU µs/interaction": Math.round(mean(runs.map((row) => row["Redis CPU µs/interaction"]))),
      }
    }),
  )
  console.log("\nMeans over the rounds:")
  console.table(summary)
} finally {
  await fleet.close()
}
