import * as http from "node:http"
import * as net from "node:net"
import type { CtiAuthenticator } from "@crmod-cti/core"
import { DemoPassword, DemoUsers, type EmulatorOptions, makeDemoEmulator } from "@crmod-cti/emulator"
import { type CtiServerOptions, ServicePath } from "@crmod-cti/soap-http"
import { batchAnswers, makeCtiFetchHandler } from "@crmod-cti/transport-fetch"
import { ctiRequestListener, listen, startServer } from "@crmod-cti/transport-node"
import { getRequestListener } from "@hono/node-server"
import { Effect } from "effect"
import { fetchHandlerListener } from "./bridge.js"

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  /** The service URL: `<url>/Services/Integration`. */
  readonly endpoint: string
  readonly close: () => Promise<void>
}

/** Starts the CTI Activity Web service for the given options on 127.0.0.1, on a free port. */
export type ServerFactory = (options: CtiServerOptions) => Promise<RunningServer>

const running = (server: { url: string; close: () => Promise<void> }): RunningServer => ({
  url: server.url,
  endpoint: `${server.url}${ServicePath}`,
  close: server.close,
})

/** transport-node's `listen`. */
export const nodeServer: ServerFactory = async (options) => running(await listen(options))

/** transport-fetch's `makeCtiFetchHandler`, served through a node:http bridge. */
export const fetchServer: ServerFactory = async (options) =>
  running(await startServer(http.createServer(fetchHandlerListener(makeCtiFetchHandler(options)))))

/**
 * transport-fetch's `makeCtiFetchHandler` on @hono/node-server, as a user of the fetch handler serves it on Node.
 * It replaces the global `Request` and `Response` with its lightweight ones: use it in a test file of its own.
 */
/** The fetch handler as its README serves it on Node: on @hono/node-server, its answers batched per turn. */
export const honoServer: ServerFactory = async (options) =>
  running(await startServer(http.createServer(getRequestListener(batchAnswers(makeCtiFetchHandler(options))))))

export const servers: ReadonlyArray<readonly [string, ServerFactory]> = [
  ["node server", nodeServer],
  ["fetch handler", fetchServer],
]

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
  recovered?: CtiServerOptions,
): Promise<RunningServer & { readonly requests: () => number }> => {
  let requests = 0
  const service = recovered === undefined ? undefined : ctiRequestListener(recovered)
  const server = http.createServer((req, res) => {
    requests += 1
    if (requests <= failures || service === undefined) {
      req.resume()
      res.writeHead(502, { "content-type": "text/html" }).end(badGatewayPage)
    } else service(req, res)
  })
  const url = await listenOn(server)
  return { url, endpoint: `${url}${ServicePath}`, close: closing(server), requests: () => requests }
}

/** A server that reads requests and never answers. */
export const silentServer = async (): Promise<RunningServer> => {
  const server = http.createServer((req) => req.resume())
  const url = await listenOn(server)
  return { url, endpoint: `${url}${ServicePath}`, close: closing(server) }
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
  return { url, endpoint: `${url}${ServicePath}`, close: closing(server) }
}

/** An endpoint on which nothing listens: a port that was free a moment ago. */
export const refusedEndpoint = async (): Promise<string> => {
  const server = net.createServer()
  const url = await listenOn(server)
  await closing(server)()
  return `${url}${ServicePath}`
}
