// One server of the benchmark, in its own process: `node bench/serve.mjs <ours|soap|bare|parse|decode>` prints its
// URL as JSON on stdout and serves until its standard input closes. Imports the BUILT packages (`dist`).
import * as http from "node:http"
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { ctiActivityWsdl, decodeRequest, encodeInsertResponse } from "@crmod-cti/soap-codec"
import { listen } from "@crmod-cti/transport-node"
import { validateInsertRequest } from "@crmod-cti/core"
import { Effect, Either, Exit } from "effect"
import * as soap from "soap"
import { makeCodecParser } from "../../soap-codec/bench/codec-parser.mjs"

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

/** A sign-in or a request of the emulator, synchronously when it can be (as our server runs it), else as a promise. */
const run = (effect) => {
  const exit = Effect.runSyncExit(effect)
  return Exit.isSuccess(exit) ? exit.value : Effect.runPromise(effect)
}

/**
 * The same service written with the `soap` package from our WSDL, doing the same work as ours (issue 6: "doing the
 * same work"): the UsernameToken signed in by the same demo emulator, the interactions validated by the core's
 * validator, inserted by the emulator's service, and its results answered through the WSDL. Only the SOAP layer
 * differs. (Session 1 measured a `soap` server that compared the token with a constant and kept a `Map`: see
 * BENCHMARKS.md.)
 */
const soapServer = async () => {
  const emulator = await Effect.runPromise(
    makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false } }),
  )
  const server = http.createServer()
  const url = await listening(server)
  const sessions = new WeakMap()
  const raw = (interaction) =>
    Object.fromEntries(Object.entries(interaction).map(([name, value]) => [name, String(value)]))
  const insert = ({ ListOfInteraction }, _callback, _headers, req) => {
    const interactions = validateInsertRequest([ListOfInteraction?.Interaction ?? []].flat().map(raw))
    if (Either.isLeft(interactions))
      throw { Fault: { faultcode: "soap:Client", faultstring: interactions.left.message } }
    const results = run(Effect.either(sessions.get(req).service.insert(interactions.right)))
    const answer = (outcome) => {
      if (Either.isLeft(outcome)) throw { Fault: { faultcode: "soap:Client", faultstring: outcome.left.message } }
      return { ListOfActivity: { Activity: outcome.right } }
    }
    return results instanceof Promise ? results.then(answer) : answer(results)
  }
  const service = { CTIActivity: { CTIActivity: { CTIActivityInsert: insert, CTIActivityWrapUp: () => ({}) } } }
  const soapServer = soap.listen(server, servicePath, service, ctiActivityWsdl(`${url}${servicePath}`))
  soapServer.authenticate = (security, _done, req) => {
    const token = security?.UsernameToken
    const password = typeof token?.Password === "string" ? token.Password : token?.Password?.$value
    const signedIn = run(
      Effect.either(emulator.authenticate({ username: token?.Username ?? "", password: password ?? "" })),
    )
    const decide = (outcome) => {
      if (Either.isLeft(outcome)) return false
      sessions.set(req, outcome.right)
      return true
    }
    return signedIn instanceof Promise ? signedIn.then(decide) : decide(signedIn)
  }
  return url
}

// The canned insert response of `bare`, `parse` and `decode`.
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

/** node:http reading the whole body, doing `work` with it, and answering the canned insert response. */
const cannedServer = (work) => {
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on("data", (chunk) => chunks.push(chunk))
    req.on("end", () => {
      work(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))
      res.writeHead(200, { "content-type": "text/xml; charset=utf-8", "content-length": canned.length }).end(canned)
    })
  })
  return listening(server)
}

/** Bare node:http: reads the body and answers a canned insert response. */
const bare = () => cannedServer(() => undefined)

/** Step 1 of ours: `bare` plus fast-xml-parser's parse of the body, with the codec's options (the design's ceiling). */
const parse = () => {
  const parser = makeCodecParser()
  return cannedServer((body) => parser.parse(body.toString("utf8")))
}

/**
 * Step 2 of ours: `bare` plus the codec's whole `decodeRequest` — the pre-scan, the parse, namespaces, envelope,
 * WS-Security and the core's validation — without signing in or inserting.
 */
const decode = () =>
  cannedServer((body) => {
    const decoded = decodeRequest(body)
    if (Either.isLeft(decoded)) throw new Error(decoded.left.message)
  })

const servers = { ours, soap: soapServer, bare, parse, decode }
if (!(kind in servers)) throw new Error(`usage: serve.mjs ${Object.keys(servers).join("|")}`)
const url = await servers[kind]()
process.stdout.write(`${JSON.stringify({ url })}\n`)
process.stdin.resume()
process.stdin.on("end", () => process.exit(0))
