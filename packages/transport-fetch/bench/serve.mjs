// The server of the client benchmark, in its own process: the demo emulator behind transport-node's server,
// limiters off. Prints its URL as JSON on stdout and serves until its standard input closes.
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { listen } from "@crmod-cti/transport-node"
import { Effect } from "effect"

const emulator = await Effect.runPromise(
  makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false } }),
)
const server = await listen({ authenticator: emulator })
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)
process.stdin.resume()
process.stdin.on("end", () => process.exit(0))
