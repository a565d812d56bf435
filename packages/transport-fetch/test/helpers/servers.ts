import * as http from "node:http"
import * as net from "node:net"
import type { CtiAuthenticator } from "@crmod-cti/core"
import { DemoPassword, DemoUsers, type EmulatorOptions, makeDemoEmulator } from "@crmod-cti/emulator"
import { type CtiAppOptions, makeCtiApp, ServicePath, serve } from "@crmod-cti/emulator-http"
import type { FetchLike } from "@crmod-cti/transport-fetch"
import { getRequestListener } from "@hono/node-server"
import { Effect } from "effect"

export interface RunningServer {
  /** `http://127.0.0.1:<port>`, or the made-up origin of an in-process app. */
  readonly url: string
  /** The service URL: `<url>/Services/Integration`. */
  readonly endpoint: string
  /** The `fetch` that reaches it: the global one over real HTTP, or one that calls the app in this process. */
  readonly fetch: FetchLike
  readonly close: () => Promise<void>
}

/** Starts the CRM side over HTTP for the given options. */
export type ServerFactory = (options: CtiAppOptions) => Promise<RunningServer>

const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init)

/** `@crmod-cti/emulator-http`'s app on @hono/node-server, on 127.0.0.1 and a free port. */
export const onNodeServer: ServerFactory = async (options) => {
  const server = await serve(makeCtiApp(options))
  return { url: server.url, endpoint: `${server.url}${ServicePath}`, fetch: globalFetch, close: server.close }
}

let inProcessApps = 0

/**
 * The app in this process, through `app.fetch` (as Deno.serve, Bun.serve and workers call it): its `fetch` hands
 * the requests for its made-up origin to the app, and any other to the global `fetch`.
 */
export const inProcess: ServerFactory = async (options) => {
  const app = makeCtiApp(options)
  inProcessApps += 1
  const url = `http://crm-${inProcessApps}.test`
  const fetch: FetchLike = (input, init) =>
    new URL(input).origin === url ? Promise.resolve(app.fetch(new Request(input, init))) : globalFetch(input, init)
  return { url, endpoint: `${url}${ServicePath}`, fetch, close: async () => undefined }
}

type Authenticator = CtiAuthenticator["Type"]

/** An authenticator that counts its calls: one per request that reaches authentication. */
export interface CountingAuthenticator extends Authenticator {
  readonly calls: () => number
}

export const counting = (authenticator: Authenticator): CountingAuthenticator => {
  let calls = 0
  return {
    authenticate: (token) =>
      Effect.suspend(() => {
        calls += 1
        return authenticator.authenticate(token)
      }),
    calls: () => calls,
  }
}

/** The demo emulator (limiters off unless the options say otherwise), its requests counted. */
export const demoAuthenticator = (options: EmulatorOptions = {}): Promise<CountingAuthenticator> =>
  Effect.runPromise(
    Effect.map(
      makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false }, ...options }),
      (emulator) => counting(emulator),
    ),
  )

export const mosDef = { username: DemoUsers.mosDef, password: DemoPassword } as const
export const callAgent = { username: DemoUsers.callAgent, password: DemoPassword } as const

const listenOn = (server: http.Server | net.Server): Promise<string> =>
  new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo
      resolve(`http://127.0.0.1:${address.port}`)
    })
  })

const closing = (server: http.Server | net.Server) => (): Promise<void> =>
  new Promise((resolve) => {
    if (server instanceof http.Server) server.closeAllConnections()
    server.close(() => resolve())
  })

export const badGatewayPage =
  "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"

/**
 * A gateway answering `502` with an HTML page (as proxies and load balancers do) for its first `failures`
 * requests, then passing requests on to `recovered` (or failing for ever without one).
 */
export const badGateway = async (
  failures = Number.POSITIVE_INFINITY,
  recovered?: CtiAppOptions,
): Promise<RunningServer & { readonly requests: () => number }> => {
  let requests = 0
  const app = recovered === undefined ? undefined : makeCtiApp(recovered)
  const service = app === undefined ? undefined : getRequestListener((request) => app.fetch(request))
  const server = http.createServer((req, res) => {
    requests += 1
    if (requests <= failures || service === undefined) {
      req.resume()
      res.writeHead(502, { "content-type": "text/html" }).end(badGatewayPage)
    } else void service(req, res)
  })
  const url = await listenOn(server)
  return { url, endpoint: `${url}${ServicePath}`, fetch: globalFetch, close: closing(server), requests: () => requests }
}

/** A server that reads requests and never answers. */
export const silentServer = async (): Promise<RunningServer> => {
  const server = http.createServer((req) => req.resume())
  const url = await listenOn(server)
  return { url, endpoint: `${url}${ServicePath}`, fetch: globalFetch, close: closing(server) }
}

/** A server that starts an answer, then resets the connection (TCP RST) halfway through it. */
export const resettingServer = async (): Promise<RunningServer> => {
  const server = net.createServer((socket) => {
    socket.once("data", () => {
      socket.write("HTTP/1.1 200 OK\r\ncontent-type: text/xml; charset=utf-8\r\ncontent-length: 1000\r\n\r\n<env:Env")
      setTimeout(() => socket.resetAndDestroy(), 20)
    })
  })
  const url = await listenOn(server)
  return { url, endpoint: `${url}${ServicePath}`, fetch: globalFetch, close: closing(server) }
}

/** An endpoint on which nothing listens: a port that was free a moment ago. */
export const refusedEndpoint = async (): Promise<string> => {
  const server = net.createServer()
  const url = await listenOn(server)
  await closing(server)()
  return `${url}${ServicePath}`
}
