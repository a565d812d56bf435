import type * as http from "node:http"

export interface Listening {
  /** `http://host:port`. */
  readonly url: string
  /** Stops accepting connections, lets requests in flight finish, and ends what is left after `graceMs`. */
  readonly close: () => Promise<void>
}

/**
 * Listens on `host:port` (0: any free port); rejects with the listen error (`EADDRINUSE`…). Once closing, each
 * answer in flight ends its connection, so that closing waits for no keep-alive.
 */
export const listen = (server: http.Server, host: string, port: number, graceMs = 10_000): Promise<Listening> => {
  const inFlight = new Set<http.ServerResponse>()
  let closed: Promise<void> | undefined
  const endAfter = (res: http.ServerResponse) => {
    if (!res.headersSent) res.setHeader("connection", "close")
    else res.once("finish", () => res.socket?.end())
  }
  // Prepended, so that it runs before the listener that answers the request.
  server.prependListener("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight.add(res)
    res.once("close", () => inFlight.delete(res))
    if (closed !== undefined) endAfter(res)
  })
  const close = () => {
    closed ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error === undefined ? resolve() : reject(error)))
      for (const res of inFlight) endAfter(res)
      server.closeIdleConnections()
      setTimeout(() => server.closeAllConnections(), graceMs).unref()
    })
    return closed
  }
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      server.off("error", reject)
      const address = server.address()
      const bound = typeof address === "object" && address !== null ? address.port : port
      resolve({ url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`, close })
    })
  })
}
