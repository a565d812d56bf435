import * as http from "node:http"
import type { TLSSocket } from "node:tls"
import {
  type CtiRequestHandler,
  type CtiServerOptions,
  makeBodyCollector,
  makeCtiRequestHandler,
  makeTurnBatch,
  type ServerRequest,
} from "@crmod-cti/soap-http"

type BodyOutcome = Awaited<ReturnType<ServerRequest["readBody"]>>

/** Reads the body until it ends, passes `maxBytes` (then stops reading it), or the client goes away. */
const readBody = (req: http.IncomingMessage, maxBytes: number): Promise<BodyOutcome> =>
  new Promise((resolve) => {
    // Read already (by a middleware of the host, say): nothing more will come.
    if (req.readableEnded || req.destroyed) return resolve("aborted")
    const body = makeBodyCollector(maxBytes)
    const finish = (outcome: BodyOutcome) => {
      req.off("data", onData).off("end", onEnd).off("close", onClose)
      resolve(outcome)
    }
    const onData = (chunk: Buffer) => {
      if (body.add(chunk)) return
      req.pause()
      finish("too-large")
    }
    const onEnd = () => finish(body.bytes())
    const onClose = () => finish("aborted")
    req.on("data", onData).on("end", onEnd).on("close", onClose)
    // A request that breaks off emits `error` before `close`; without a listener it would throw.
    req.on("error", () => undefined)
  })

const originOf = (req: http.IncomingMessage): string => {
  const scheme = (req.socket as Partial<TLSSocket>).encrypted === true ? "https" : "http"
  const local = req.socket.localAddress ?? "127.0.0.1"
  const host = req.headers.host ?? `${local.includes(":") ? `[${local}]` : local}:${req.socket.localPort}`
  return `${scheme}://${host}`
}

const toServerRequest = (req: http.IncomingMessage): ServerRequest => ({
  method: req.method ?? "GET",
  url: req.url ?? "/",
  // Only the WSDL needs it.
  get origin() {
    return originOf(req)
  },
  header: (name) => {
    const value = req.headers[name]
    return Array.isArray(value) ? value.join(", ") : value
  },
  readBody: (maxBytes) => readBody(req, maxBytes),
})

/** What serves the requests that are not the CTI Activity Web service's. */
export type NodeFallback = (req: http.IncomingMessage, res: http.ServerResponse) => void

const notFound: NodeFallback = (_req, res) => {
  res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found")
}

/**
 * A `node:http` request listener serving the CTI Activity Web service (a handler, or the options to make one);
 * other requests go to `fallback` (a 404 by default), so a host application can mount its own pages beside it.
 */
export const ctiRequestListener = (
  handlerOrOptions: CtiRequestHandler | CtiServerOptions,
  fallback: NodeFallback = notFound,
): http.RequestListener => {
  const cti = "handle" in handlerOrOptions ? handlerOrOptions : makeCtiRequestHandler(handlerOrOptions)
  const batch = makeTurnBatch()
  return (req, res) => {
    if (!cti.matches(req.method ?? "GET", req.url ?? "/")) return fallback(req, res)
    void cti.handle(toServerRequest(req)).then((response) =>
      batch(() => {
        if (res.destroyed) return
        // Encoded once: its length is the header, and the bytes are what is written.
        const body = Buffer.from(response.body, "utf8")
        // A flat [name, value, …] list: Node writes it as it is, without validating an object's keys again.
        const headers: Array<string> = ["content-length", String(body.length)]
        for (const name in response.headers) headers.push(name, response.headers[name]!)
        // A body left unread (over the size limit) must not be taken for the next request on this connection.
        if (!req.complete) headers.push("connection", "close")
        res.writeHead(response.status, headers).end(body)
      }),
    )
  }
}

export interface NodeCtiServer {
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

export interface ListenOptions {
  /** Default `127.0.0.1`. */
  readonly host?: string
  /** Default 0: any free port. */
  readonly port?: number
  /** What serves the other requests (a 404 by default); `listen` only. */
  readonly fallback?: NodeFallback
  /** How long `close` waits for in-flight requests before cutting their connections (default 10 s). */
  readonly shutdownGraceMs?: number
}

/** Serve the CTI Activity Web service on `host` and `port` (by default 127.0.0.1 and any free port). */
export const listen = (options: CtiServerOptions, listenOptions: ListenOptions = {}): Promise<NodeCtiServer> => {
  // A client gets 15 s to send its headers and 30 s for its whole request (Node's defaults: 60 s and 300 s).
  const server = http.createServer(
    { keepAliveTimeout: 5_000, headersTimeout: 15_000, requestTimeout: 30_000 },
    ctiRequestListener(options, listenOptions.fallback),
  )
  return startServer(server, listenOptions)
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

/** Listen with any `http.Server` (one made with `ctiRequestListener`, say) and give it a graceful `close`. */
export const startServer = (server: http.Server, options: ListenOptions = {}): Promise<NodeCtiServer> => {
  const close = gracefulClose(server, options.shutdownGraceMs ?? 10_000)
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject)
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : (options.port ?? 0)
      const host = options.host ?? "127.0.0.1"
      resolve({ server, url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`, close })
    })
  })
}
