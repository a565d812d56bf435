import * as http from "node:http"
import * as https from "node:https"
import { CtiTransportError, type HttpSend, type IncomingResponse } from "@crmod-cti/soap-http"
import * as Effect from "effect/Effect"
import type { NodeHttpAgentShape } from "./NodeHttpAgent.js"

type Reason = CtiTransportError["reason"]

const reasonOf = (error: NodeJS.ErrnoException): Reason => {
  switch (error.code) {
    case "ECONNREFUSED":
      return "ConnectionRefused"
    case "ECONNRESET":
    case "EPIPE":
    case "ERR_STREAM_PREMATURE_CLOSE":
      return "ConnectionReset"
    case "ETIMEDOUT":
      return "Timeout"
    default:
      return "Network"
  }
}

const isRedirect = (status: number) => status >= 300 && status < 400

/**
 * `HttpSend` over node:http/https through the given agents. The answer is read as it streams in and counted: past
 * `maxResponseBytes` (or announced longer by its `Content-Length`) the connection is destroyed and the rest never
 * read. A 3xx answer is refused unread. Aborting `signal` destroys the connection.
 */
export const nodeSend = (agents: NodeHttpAgentShape): HttpSend => {
  // A client sends every request to its one endpoint: its URL is read once.
  let endpoint: { readonly href: string; readonly url: URL } | undefined
  const urlOf = (href: string) => {
    if (endpoint?.href !== href) endpoint = { href, url: new URL(href) }
    return endpoint.url
  }
  return (request, signal) =>
    Effect.async<IncomingResponse, CtiTransportError>((resume) => {
      const url = urlOf(request.url)
      const secure = url.protocol === "https:"
      // The body goes as the string it is: node:http then writes the headers and the body as one chunk (a Buffer
      // would be a second one), encoded to UTF-8 once, by the socket's write.
      const body = request.body
      const limit = request.maxResponseBytes
      let settled = false
      let resent = false
      let current: http.ClientRequest | undefined

      const settle = (outcome: Effect.Effect<IncomingResponse, CtiTransportError>) => {
        if (settled) return false
        settled = true
        signal.removeEventListener("abort", onAbort)
        resume(outcome)
        return true
      }
      const fail = (reason: Reason, message: string, extra: { status?: number; cause?: unknown } = {}) => {
        const error = new CtiTransportError({ reason, endpoint: request.url, message, ...extra })
        if (settle(Effect.fail(error))) current?.destroy()
      }
      const onAbort = () => {
        settled = true
        current?.destroy()
      }
      signal.addEventListener("abort", onAbort)

      const read = (res: http.IncomingMessage) => {
        const status = res.statusCode ?? 0
        if (isRedirect(status)) {
          return fail("Redirect", `${request.url} answered HTTP ${status}: a redirect, not followed`, { status })
        }
        const tooLarge = () =>
          fail("TooLarge", `${request.url} answered more than maxResponseBytes (${limit} bytes)`, { status })
        if (Number(res.headers["content-length"] ?? 0) > limit) return tooLarge()
        const chunks: Array<Buffer> = []
        let length = 0
        res.on("data", (chunk: Buffer) => {
          length += chunk.length
          if (length > limit) return tooLarge()
          chunks.push(chunk)
        })
        res.on("end", () => {
          settle(
            Effect.succeed({
              status,
              contentType: res.headers["content-type"],
              body: Buffer.concat(chunks, length).toString("utf8"),
              ...(resent ? { resent } : {}),
            }),
          )
        })
        // A broken answer emits `error` then `close`; `close` reports it (an unheard `error` would throw).
        res.on("error", () => undefined)
        res.on("close", () => {
          if (!res.complete) fail("ConnectionReset", `${request.url}: the connection broke off during the answer`)
        })
      }

      const send = (firstTry: boolean): void => {
        let answered = false
        const req = (secure ? https : http).request(
          url,
          {
            method: "POST",
            agent: secure ? agents.https : agents.http,
            headers: { ...request.headers, "content-length": String(Buffer.byteLength(body, "utf8")) },
          },
          (res) => {
            answered = true
            read(res)
          },
        )
        current = req
        req.on("error", (error: NodeJS.ErrnoException) => {
          // A kept-alive socket that the server closed just as it was reused: the request most likely never reached
          // the service, so it is sent once more on a fresh connection (Node's documented remedy); the answer says
          // so, in case it did.
          if (firstTry && !answered && !settled && req.reusedSocket && error.code === "ECONNRESET") {
            resent = true
            return send(false)
          }
          fail(reasonOf(error), `${request.url}: ${error.code ?? error.message}`, { cause: error })
        })
        req.end(body)
      }

      if (signal.aborted) return
      send(true)
    })
}
