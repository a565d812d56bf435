import {
  type CtiRequestHandler,
  type CtiServerOptions,
  makeBodyCollector,
  makeCtiRequestHandler,
  type ServerRequest,
} from "@crmod-cti/soap-http"

type BodyOutcome = Awaited<ReturnType<ServerRequest["readBody"]>>

/**
 * Reads the body until it ends, passes `maxBytes` (then cancels the rest), or the stream fails. A body with a
 * declared length (the handler has already refused one over the limit) is read in one step: the runtime's HTTP
 * framing ends it at that length, and the size is checked again anyway. That step never asks for `request.body`:
 * lightweight `Request` objects (@hono/node-server's on Node) then read the bytes straight from the connection
 * instead of building a web stream over it.
 */
const readBody = async (request: Request, maxBytes: number): Promise<BodyOutcome> => {
  if (request.bodyUsed) return "aborted"
  if (request.headers.has("content-length")) {
    try {
      const body = new Uint8Array(await request.arrayBuffer())
      return body.byteLength > maxBytes ? "too-large" : body
    } catch {
      return "aborted"
    }
  }
  if (request.body === null) return new Uint8Array(0)
  const reader = request.body.getReader()
  const body = makeBodyCollector(maxBytes)
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return body.bytes()
      if (!body.add(value)) {
        void reader.cancel().catch(() => undefined)
        return "too-large"
      }
    }
  } catch {
    return "aborted"
  }
}

/** A server as the fetch API sees it: Deno.serve, Bun.serve, workers, service workers. */
export type FetchHandler = (request: Request) => Promise<Response>

const notFound: FetchHandler = async () =>
  new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } })

/**
 * The CTI Activity Web service as a `(Request) => Promise<Response>` handler (a handler, or the options to make
 * one); other requests go to `fallback` (a 404 by default). The WSDL's `soap:address` is the request URL's origin.
 */
export const makeCtiFetchHandler = (
  handlerOrOptions: CtiRequestHandler | CtiServerOptions,
  fallback: FetchHandler = notFound,
): FetchHandler => {
  const cti = "handle" in handlerOrOptions ? handlerOrOptions : makeCtiRequestHandler(handlerOrOptions)
  return async (request) => {
    const url = new URL(request.url)
    const pathAndQuery = url.pathname + url.search
    if (!cti.matches(request.method, pathAndQuery)) return fallback(request)
    const response = await cti.handle({
      method: request.method,
      url: pathAndQuery,
      origin: url.origin,
      header: (name) => request.headers.get(name) ?? undefined,
      readBody: (maxBytes) => readBody(request, maxBytes),
    })
    // HEAD and the like carry no body, whatever the handler wrote.
    const body = request.method === "HEAD" ? null : response.body
    return new Response(body, { status: response.status, headers: response.headers })
  }
}
