// The fetch handler in its own process, for transport-node's server benchmark: the demo emulator (limiters off)
// behind `makeCtiFetchHandler`, its answers batched per turn (`batchAnswers`), served on Node by @hono/node-server —
// as the package's README tells users of the fetch handler on Node to serve it.
// Its Request reads a declared-length body straight from the connection and its Response writes a string body
// directly, with no web streams, as long as the handler does not ask for `request.body` (it does not). Prints its URL
// as JSON on stdout and serves until its standard input closes.
import * as http from "node:http"
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { batchAnswers, makeCtiFetchHandler } from "@crmod-cti/transport-fetch"
import { getRequestListener } from "@hono/node-server"
import { Effect } from "effect"

const emulator = await Effect.runPromise(
  makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false } }),
)
const server = http.createServer(getRequestListener(batchAnswers(makeCtiFetchHandler({ authenticator: emulator }))))
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`)
})
process.stdin.resume()
process.stdin.on("end", () => process.exit(0))
