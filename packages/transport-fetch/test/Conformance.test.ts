import { describe } from "vitest"
import { clients, fetchClient } from "./helpers/clients.js"
import { conformanceSuite } from "./helpers/conformance.js"
import { inProcess, onNodeServer } from "./helpers/servers.js"

// Every client against the CRM side over real HTTP (@crmod-cti/emulator-http's app on @hono/node-server), and the
// fetch client against the same app called in this process through `app.fetch`, as Deno, Bun and workers call it.
for (const [clientName, makeClient] of clients) {
  describe(`${clientName} → the app on @hono/node-server`, () => conformanceSuite(makeClient, onNodeServer))
}
describe("fetch client → app.fetch in-process", () => conformanceSuite(fetchClient, inProcess))
