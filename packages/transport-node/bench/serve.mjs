// One server of the benchmark, in its own process: `node bench/serve.mjs <ours|soap|bare>` prints its URL as
// JSON on stdout and serves until its standard input closes. Imports the BUILT packages (`dist`).
import * as http from "node:http"
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { ctiActivityWsdl, encodeInsertResponse } from "@crmod-cti/soap-codec"
import { listen } from "@crmod-cti/transport-node"
import { Effect } from "effect"
import * as soap from "soap"

const kind = process.argv[2]
const servicePath = "/Services/Integration"

const listening = (server) =>
  new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`)))

/** Ours: the demo emulator behind transport-node's server, limiters off (CTI_LIMITERS=off). */
const ours = async () => {
  const emulator = await Effect.runPromise(
    makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false } }),
  )
  return (await listen({ authenticator: emulator })).url
}

/**
 * The same service written with the `soap` package from our WSDL: the UsernameToken checked, activities kept in a
 * Map by identity, `OK` or `Activity already exists` with the id.
 */
const soapServer = async () => {
  const server = http.createServer()
  const url = await listening(server)
  const activities = new Map()
  let next = 0
  const insert = ({ ListOfInteraction }) => ({
    ListOfActivity: {
      Activity: [ListOfInteraction.Interaction].flat().map(({ InteractionId, AgentOfferTime }) => {
        const key = `${InteractionId}\u0000${AgentOfferTime}`
        const known = activities.get(key)
        const ActivityId = known ?? `1QA2-${(++next).toString(36).toUpperCase()}`
        if (known === undefined) activities.set(key, ActivityId)
        return known === undefined
          ? {
              Status: "OK",
              InteractionId,
              AgentOfferTime,
              ActivityId,
              ScreenPopRecordId: ActivityId,
              ScreenPopRecordType: "Activity",
            }
          : { Status: "Activity already exists", InteractionId, AgentOfferTime, ActivityId }
      }),
    },
  })
  const service = { CTIActivity: { CTIActivity: { CTIActivityInsert: insert, CTIActivityWrapUp: () => ({}) } } }
  const soapServer = soap.listen(server, servicePath, service, ctiActivityWsdl(`${url}${servicePath}`))
  soapServer.authenticate = (security) => {
    const token = security?.UsernameToken
    const password = typeof token?.Password === "string" ? token.Password : token?.Password?.$value
    return token?.Username === "OKP/mos.def" && password === "password"
  }
  return url
}

/** Bare node:http: reads the body and answers a canned insert response. */
const bare = async () => {
  const canned = Buffer.from(
    encodeInsertResponse([
      {
        Status: "OK",
        InteractionId: "1",
        AgentOfferTime: 1287786900,
        ActivityId: "1QA2-1",
        ScreenPopRecordId: "1QA2-1",
        ScreenPopRecordType: "Activity",
      },
    ]),
  )
  const server = http.createServer((req, res) => {
    req.resume()
    req.on("end", () =>
      res.writeHead(200, { "content-type": "text/xml; charset=utf-8", "content-length": canned.length }).end(canned),
    )
  })
  return listening(server)
}

const servers = { ours, soap: soapServer, bare }
if (!(kind in servers)) throw new Error(`usage: serve.mjs ${Object.keys(servers).join("|")}`)
const url = await servers[kind]()
process.stdout.write(`${JSON.stringify({ url })}\n`)
process.stdin.resume()
process.stdin.on("end", () => process.exit(0))
