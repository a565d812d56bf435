import * as http from "node:http"
import { requirePositiveInteger } from "@crmod-cti/core"
import { getRequestListener } from "@hono/node-server"

/** What a Node server holds its ground with (`CONTRACT.md` §9); every figure in milliseconds but `maxConnections`. */
export interface NodeServerLimits {
  /** Time a client has to send its request headers. */
  readonly headersTimeout: number
  /** Time a client has to send its whole request. */
  readonly requestTimeout: number
  /**
   * How often Node checks the two timeouts above: they hold within their figure plus this one (Node's default is
   * 30 s, too slow for them to mean anything).
   */
  readonly connectionsCheckingInterval: number
  /** How long an idle keep-alive connection stays open. */
  readonly keepAliveTimeout: number
  /** Connections open at once; the next is refused. */
  readonly maxConnections: number
}

/**
 * The contract's limits: a client gets 10 s to send its request headers and 30 s for its whole request (Node's
 * defaults are 60 s and 300 s), checked every 2 s so that they hold within 12 s and 32 s; 1 000 connections.
 */
export const NodeServerLimits: NodeServerLimits = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  connectionsCheckingInterval: 2_000,
  keepAliveTimeout: 5_000,
  maxConnections: 1_000,
}

export interface ServeOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string
  /** Default 0: any free port. */
  readonly port?: number
  /** How long `close` waits for in-flight requests before cutting their connections (default 10 s). */
  readonly shutdownGraceMs?: number
  /** Figures to use instead of `NodeServerLimits`' (tests scale the timeouts and the interval that checks them). */
  readonly limits?: Partial<NodeServerLimits>
}

export interface RunningServer {
  readonly server: http.Server
  /** `http://<host>:<port>` once listening. */
  readonly url: string
  /**
   * Stops accepting connections, lets in-flight requests finish (their connections then close), closes idle
   * keep-alive connections at once, and resolves when every connection is closed. Connections still busy after
   * `shutdownGraceMs` are cut.
   */
  readonly close: () => Promise<void>
}

/** Anything with a fetch handler: a Hono app, or `{ fetch }`. */
export interface FetchApp {
  readonly fetch: (request: Request) => Response | Promise<Response>
}

/** Tracks a server's responses so that `close` can finish the in-flight ones on connections that then close. */
const gracefulClose = (server: http.Server, graceMs: number): (() => Promise<void>) => {
  const inFlight = new Set<http.ServerResponse>()
  let closed: Promise<void> | undefined
  const closeAfter = (res: http.ServerResponse) => {
    if (!res.headersSent) res.setHeader("connection", "close")
    else res.once("finish", () => res.socket?.end())
  }
  // Prepended, so that it runs before the listener that answers the request.
  server.prependListener("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight.add(res)
    res.once("close", () => inFlight.delete(res))
    if (closed !== undefined) closeAfter(res)
  })
  return () => {
    closed ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)))
      for (const res of inFlight) closeAfter(res)
      server.closeIdleConnections()
      setTimeout(() => server.closeAllConnections(), graceMs).unref()
    })
    return closed
  }
}

const checkedLimits = (limits: Partial<NodeServerLimits> = {}): NodeServerLimits => {
  const all = { ...NodeServerLimits, ...limits }
  for (const [name, value] of Object.entries(all)) requirePositiveInteger(`limits.${name}`, value)
  return all
}

/**
 * Serves a `node:http` request listener on `host` and `port` (by default 127.0.0.1 and any free port) with the
 * limits of `NodeServerLimits` (or those of `options.limits`) and a graceful `close`.
 */
export const serveListener = (listener: http.RequestListener, options: ServeOptions = {}): Promise<RunningServer> => {
  const { maxConnections, ...serverOptions } = checkedLimits(options.limits)
  const server = http.createServer(serverOptions, listener)
  server.maxConnections = maxConnections
  const close = gracefulClose(server, options.shutdownGraceMs ?? 10_000)
  const host = options.host ?? "127.0.0.1"
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject)
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : (options.port ?? 0)
      resolve({ server, url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`, close })
    })
  })
}

/**
 * Serves an app (`makeCtiApp`'s, or a Hono app that mounts it) on Node through `@hono/node-server`, with the
 * limits of `NodeServerLimits` (or those of `options.limits`) and a graceful `close`.
 */
export const serve = (app: FetchApp, options: ServeOptions = {}): Promise<RunningServer> =>
  serveListener(
    getRequestListener((request) => app.fetch(request)),
    options,
  )
