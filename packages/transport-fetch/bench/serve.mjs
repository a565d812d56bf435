// The server of the client benchmarks, in its own process: the demo emulator behind the CRM side's app on Node.
// Limiters off, unless `--limiters` (rate limiter on, allotment off). Prints its URL as JSON on stdout and serves
// until its standard input closes; each line `stats` it reads is answered with the requests and rate-limit faults
// its service saw so far, as JSON.
import { createInterface } from "node:readline"
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { makeCtiApp, serve } from "@crmod-cti/emulator-http"
import { Effect } from "effect"

const limiters = process.argv.includes("--limiters")
const emulator = await Effect.runPromise(
  makeDemoEmulator({ limits: { rateLimiter: limiters, operationsAllotment: false } }),
)
const stats = { requests: 0, rateLimited: 0 }
const counted = (service) => ({
  ...service,
  insert: (interactions) => {
    stats.requests += 1
    return Effect.tapError(service.insert(interactions), (fault) =>
      Effect.sync(() => {
        if (fault.reason === "RateLimited") stats.rateLimited += 1
      }),
    )
  },
})
const server = await serve(
  makeCtiApp({
    authenticator: {
      authenticate: (token) =>
        Effect.map(emulator.authenticate(token), (session) => ({ ...session, service: counted(session.service) })),
    },
  }),
)
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)
const input = createInterface({ input: process.stdin })
input.on("line", (line) => {
  if (line.trim() === "stats") process.stdout.write(`${JSON.stringify(stats)}\n`)
})
input.on("close", () => process.exit(0))
