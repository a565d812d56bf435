import type * as http from "node:http"
import type { FetchHandler } from "@crmod-cti/transport-fetch"

/**
 * The request body as a web stream that reads the socket only as fast as the handler pulls, and that, when the
 * handler cancels it (a body over the size limit), stops reading without destroying the connection, so that the
 * handler's answer still goes out.
 */
const bodyStream = (req: http.IncomingMessage): ReadableStream<Uint8Array> => {
  let done = false
  const finish = (action: () => void) => {
    if (done) return
    done = true
    action()
  }
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause()
      req.on("data", (chunk: Buffer) => {
        if (done) return
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
        if ((controller.desiredSize ?? 0) <= 0) req.pause()
      })
      req.on("end", () => finish(() => controller.close()))
      req.on("error", () => undefined)
      req.on("close", () => finish(() => controller.error(new Error("The client went away"))))
    },
    pull() {
      req.resume()
    },
    cancel() {
      done = true
      req.pause()
    },
  })
}

const toRequest = (req: http.IncomingMessage): Request => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one)
  }
  const method = req.method ?? "GET"
  const hasBody = method !== "GET" && method !== "HEAD"
  return new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method,
    headers,
    ...(hasBody ? { body: bodyStream(req), duplex: "half" } : {}),
  } as RequestInit)
}

/**
 * A node:http listener that serves a fetch handler (what Deno.serve or Bun.serve do natively): IncomingMessage →
 * Request, Response → ServerResponse.
 */
export const fetchHandlerListener =
  (handler: FetchHandler): http.RequestListener =>
  (req, res) => {
    void handler(toRequest(req)).then(async (response) => {
      const body = Buffer.from(await response.arrayBuffer())
      if (res.destroyed) return
      res.writeHead(response.status, {
        ...Object.fromEntries(response.headers),
        "content-length": String(body.length),
        ...(req.complete ? {} : { connection: "close" }),
      })
      res.end(body)
    })
  }
