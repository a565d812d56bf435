// The server of the client benchmark, in its own process: the demo emulator behind the CRM side's app on Node,
// limiters off. Prints its URL as JSON on stdout and serves until its standard input closes.
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { makeCtiApp, serve } from "@crmod-cti/emulator-http"
import { Effect } from "effect"

const emulator = await Effect.runPromise(
  makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false } }),
)
const server = await serve(makeCtiApp({ authenticator: emulator }))
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)
process.stdin.resume()
process.stdin.on("end", () => process.exit(0))
