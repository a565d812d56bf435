// One server of the benchmark, in its own process: `node bench/serve.mjs <ours|soap|lean>` prints its URL as JSON on
// stdout and serves until its standard input closes. Imports the BUILT packages (`dist`).
import * as http from "node:http"
import { validateInsertRequest } from "@crmod-cti/core"
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { makeCtiApp, serve } from "@crmod-cti/emulator-http"
import { ctiActivityWsdl } from "@crmod-cti/soap-codec"
import { Effect, Either } from "effect"
import * as soap from "soap"

const kind = process.argv[2]
const servicePath = "/Services/Integration"

/** The demo emulator, limiters off (CTI_LIMITERS=off). */
const emulator = () =>
  Effect.runPromise(
    makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false, concurrentRequests: false } }),
  )

/** Ours: the demo emulator behind the CTI app on @hono/node-server, as users serve it on Node. */
const ours = async () => (await serve(makeCtiApp({ authenticator: await emulator() }))).url

/**
 * The same service written with the `soap` package from our WSDL, doing the same work as ours: the UsernameToken
 * signed in by the same demo emulator, the interactions validated by the core's validator, inserted by the
 * emulator's service, and its results answered through the WSDL. Only the HTTP and SOAP layers differ.
 */
const soapServer = async () => {
  const crm = await emulator()
  const server = http.createServer()
  const url = await new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`)),
  )
  const sessions = new WeakMap()
  const raw = (interaction) =>
    Object.fromEntries(Object.entries(interaction).map(([name, value]) => [name, String(value)]))
  const fault = (message) => ({ Fault: { faultcode: "soap:Client", faultstring: message } })
  const insert = async ({ ListOfInteraction }, _callback, _headers, req) => {
    const interactions = validateInsertRequest([ListOfInteraction?.Interaction ?? []].flat().map(raw))
    if (Either.isLeft(interactions)) throw fault(interactions.left.message)
    const results = await Effect.runPromise(Effect.either(sessions.get(req).service.insert(interactions.right)))
    if (Either.isLeft(results)) throw fault(results.left.message)
    return { ListOfActivity: { Activity: results.right } }
  }
  const service = { CTIActivity: { CTIActivity: { CTIActivityInsert: insert, CTIActivityWrapUp: () => ({}) } } }
  const soapServer = soap.listen(server, servicePath, service, ctiActivityWsdl(`${url}${servicePath}`))
  soapServer.authenticate = async (security, _done, req) => {
    const token = security?.UsernameToken
    const password = typeof token?.Password === "string" ? token.Password : token?.Password?.$value
    const signedIn = await Effect.runPromise(
      Effect.either(crm.authenticate({ username: token?.Username ?? "", password: password ?? "" })),
    )
    if (Either.isLeft(signedIn)) return false
    sessions.set(req, signedIn.right)
    return true
  }
  return url
}

/**
 * A `soap`-package server that does less than ours: no sign-in (the security header is not read), no validation, each
 * interaction put in a Map and answered OK. The floor for a server users run: the playground must stay at least as
 * fast as this (BENCHMARKS.md, "Server").
 */
const leanServer = async () => {
  const server = http.createServer()
  const url = await new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`)),
  )
  const activities = new Map()
  const insert = ({ ListOfInteraction }) => {
    const results = [ListOfInteraction?.Interaction ?? []].flat().map((interaction) => {
      const ActivityId = `L-${activities.size}`
      activities.set(String(interaction.InteractionId), ActivityId)
      return {
        Status: "OK",
        InteractionId: interaction.InteractionId,
        AgentOfferTime: interaction.AgentOfferTime,
        ActivityId,
      }
    })
    return { ListOfActivity: { Activity: results } }
  }
  const service = { CTIActivity: { CTIActivity: { CTIActivityInsert: insert, CTIActivityWrapUp: () => ({}) } } }
  soap.listen(server, servicePath, service, ctiActivityWsdl(`${url}${servicePath}`))
  return url
}

const servers = { ours, soap: soapServer, lean: leanServer }
if (!(kind in servers)) throw new Error(`usage: serve.mjs ${Object.keys(servers).join("|")}`)
const url = await servers[kind]()
process.stdout.write(`${JSON.stringify({ url })}\n`)
process.stdin.resume()
process.stdin.on("end", () => process.exit(0))
