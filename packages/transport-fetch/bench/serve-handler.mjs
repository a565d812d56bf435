// The fetch handler in its own process, for transport-node's server benchmark: the demo emulator (limiters off)
// behind `makeCtiFetchHandler`, served on Node through a small node:http → Request → Response bridge (what
// `@hono/node-server` and the like do). Prints its URL as JSON on stdout and serves until its standard input closes.
import * as http from "node:http"
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { makeCtiFetchHandler } from "@crmod-cti/transport-fetch"
import { Effect } from "effect"

const emulator = await Effect.runPromise(
  makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false } }),
)
const handler = makeCtiFetchHandler({ authenticator: emulator })

// The body is read by node:http first and handed over as bytes (as @hono/node-server does for a body of known
// length): a web stream over the Node stream (`Readable.toWeb`) would cost more than the handler itself.
const readAll = (req) =>
  new Promise((resolve, reject) => {
    const chunks = []
    req.on("data", (chunk) => chunks.push(chunk))
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)))
    req.on("error", reject)
  })

const server = http.createServer(async (req, res) => {
  const headers = new Headers()
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1])
  const hasBody = req.method !== "GET" && req.method !== "HEAD"
  const request = new Request(`http://${req.headers.host}${req.url}`, {
    method: req.method,
    headers,
    ...(hasBody ? { body: await readAll(req) } : {}),
  })
  const response = await handler(request)
  const body = Buffer.from(await response.arrayBuffer())
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), "content-length": body.length })
  res.end(body)
})
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`)
})
process.stdin.resume()
process.stdin.on("end", () => process.exit(0))
