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
import { bundleScript } from "@crmod-cti/testing"
import { startFleet } from "./fleetHarness.js"

const interactions = Number(process.env.BENCH_FLEET_INTERACTIONS ?? 600)
const fleets = (process.env.BENCH_FLEET_PROCESSES ?? "1,3,6").split(",").map(Number)
const modes = (process.env.BENCH_FLEET_SHARED ?? "yes,no").split(",").map((mode) => mode === "yes")
const script = await bundleScript(fileURLToPath(new URL("../test/fixtures/fleetChild.ts", import.meta.url)))
const fleet = await startFleet()

const run = async (processes: number, shared: boolean) => ({
  processes,
  sharedLimits: shared ? "yes" : "no",
  ...(await fleet.run(script, processes, interactions, (keyPrefix) =>
    shared ? { sharedLimits: { redis: fleet.redisUrl, keyPrefix } } : {},
  )),
})

try {
  const rows = []
  for (const processes of fleets) {
    for (const shared of modes) rows.push(await run(processes, shared))
  }
  console.log(`\nOne user's fleet, ${interactions} interactions in all, one call each, the rate limiter on:`)
  console.table(rows)
} finally {
  await fleet.close()
}
