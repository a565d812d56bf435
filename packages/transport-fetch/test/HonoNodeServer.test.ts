import { describe } from "vitest"
import { clients } from "./helpers/clients.js"
import { conformanceSuite } from "./helpers/conformance.js"
import { honoServer } from "./helpers/servers.js"

// The fetch handler as it is served on Node by @hono/node-server, whose lightweight Request reads a declared-length
// body straight from the connection and whose Response is written without web streams: every client against it.
// A file of its own, because @hono/node-server replaces the global `Request` and `Response`.
for (const [clientName, makeClient] of clients) {
  describe(`${clientName} → fetch handler on @hono/node-server`, () => conformanceSuite(makeClient, honoServer))
}
