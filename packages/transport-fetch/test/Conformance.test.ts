import { describe } from "vitest"
import { clients } from "./helpers/clients.js"
import { conformanceSuite } from "./helpers/conformance.js"
import { servers } from "./helpers/servers.js"

// Every client against every server: node → node, node → fetch, fetch → node, fetch → fetch.
for (const [clientName, makeClient] of clients) {
  for (const [serverName, makeServer] of servers) {
    describe(`${clientName} → ${serverName}`, () => conformanceSuite(makeClient, makeServer))
  }
}
