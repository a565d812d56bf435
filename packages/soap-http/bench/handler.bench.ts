/**
 * What the request handler adds to the work it runs: `handle()` of a request inserting one new interaction, beside
 * the same work called directly (`decodeRequest`, sign-in + insert run to their `Exit`, `encodeInsertResponse`). The
 * request is the server benchmark's (packages/transport-node/bench/server.bench.mjs), the demo emulator behind it,
 * limiters off, its password verified once before. In one process, so that a difference of a microsecond shows,
 * which the server benchmark's noise hides. Run: `npx vitest bench --project soap-http --run`.
 */
import { DemoPassword, DemoUsers, makeDemoEmulator } from "@crmod-cti/emulator"
import { decodeRequest, encodeInsertResponse } from "@crmod-cti/soap-codec"
import { Effect, Either, Exit } from "effect"
import { bench, describe } from "vitest"
import { makeCtiRequestHandler, type ServerRequest } from "../src/index.js"

const emulator = await Effect.runPromise(
  makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false } }),
)
await Effect.runPromise(emulator.authenticate({ username: DemoUsers.mosDef, password: DemoPassword }))
const handler = makeCtiRequestHandler({ authenticator: emulator })

const envelope = (id: string) =>
  new TextEncoder().encode(
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"' +
      ' xmlns:cti="urn:crmondemand/ws/odctibs/ctiactivity/" xmlns:data="urn:/crmondemand/xml/ctiactivity/data">' +
      '<soapenv:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"' +
      ` soapenv:mustUnderstand="1"><wsse:UsernameToken><wsse:Username>${DemoUsers.mosDef}</wsse:Username>` +
      '<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">' +
      `${DemoPassword}</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header><soapenv:Body>` +
      `<cti:CTIActivityInsert_Input><data:ListOfInteraction><data:Interaction><data:InteractionId>${id}</data:InteractionId>` +
      "<data:AgentOfferTime>1287786900</data:AgentOfferTime><data:ChannelType>Inbound Call</data:ChannelType>" +
      "<data:Origin>+1 555 111 1212</data:Origin><data:Destination>18003849503</data:Destination>" +
      "<data:Queue>Support</data:Queue></data:Interaction></data:ListOfInteraction></cti:CTIActivityInsert_Input>" +
      "</soapenv:Body></soapenv:Envelope>",
  )

/** Each call a new interaction, so that every one inserts. */
const bodies = (prefix: string) => {
  let n = 0
  return () => envelope(`${prefix}-${(n++).toString(36)}`)
}

const request = (body: Uint8Array): ServerRequest => ({
  method: "POST",
  url: "/Services/Integration",
  origin: "http://127.0.0.1",
  header: (name) => (name === "content-length" ? String(body.byteLength) : undefined),
  readBody: async () => body,
})

const throughHandler = bodies("handler")
const direct = bodies("direct")

describe("one insert request: the handler, and the same work without it", () => {
  bench(
    "handle(): body → answer",
    async () => {
      const response = await handler.handle(request(throughHandler()))
      if (response.status !== 200) throw new Error(response.body)
    },
    { time: 3000, warmupTime: 1000 },
  )
  bench(
    "decodeRequest, sign-in + insert to an Exit, encodeInsertResponse",
    () => {
      const decoded = Either.getOrThrow(decodeRequest(direct()))
      if (decoded.operation !== "CTIActivityInsert") throw new Error(decoded.operation)
      const exit = Effect.runSyncExit(
        Effect.flatMap(emulator.authenticate(decoded.security), (session) =>
          session.service.insert(decoded.interactions),
        ),
      )
      if (!Exit.isSuccess(exit)) throw new Error(String(exit.cause))
      encodeInsertResponse(exit.value)
    },
    { time: 3000, warmupTime: 1000 },
  )
})
