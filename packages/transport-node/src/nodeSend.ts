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

/**
 * `HttpSend` over node:http/https through the given agents. `timeoutMs` bounds the whole exchange, from sending to
 * the last byte of the answer (a server that trickles bytes times out too); the answer is read as UTF-8.
 */
export const nodeSend =
  (agents: NodeHttpAgentShape): HttpSend =>
  (request) =>
    Effect.async<IncomingResponse, CtiTransportError>((resume) => {
      const url = new URL(request.url)
      const secure = url.protocol === "https:"
      const body = Buffer.from(request.body, "utf8")
      let settled = false
      let current: http.ClientRequest | undefined

      const settle = (outcome: Effect.Effect<IncomingResponse, CtiTransportError>) => {
        if (settled) return false
        settled = true
        clearTimeout(deadline)
        resume(outcome)
        return true
      }
      const fail = (reason: Reason, message: string) => {
        if (settle(Effect.fail(new CtiTransportError({ reason, endpoint: request.url, message })))) current?.destroy()
      }
      const deadline = setTimeout(
        () => fail("Timeout", `${request.url}: no answer within ${request.timeoutMs} ms`),
        request.timeoutMs,
      )

      const send = (firstTry: boolean): void => {
        let answered = false
        const req = (secure ? https : http).request(
          url,
          {
            method: "POST",
            agent: secure ? agents.https : agents.http,
            headers: { ...request.headers, "content-length": String(body.length) },
          },
          (res) => {
            answered = true
            const chunks: Array<Buffer> = []
            res.on("data", (chunk: Buffer) => chunks.push(chunk))
            res.on("end", () => {
              settle(
                Effect.succeed({
                  status: res.statusCode ?? 0,
                  contentType: res.headers["content-type"],
                  body: Buffer.concat(chunks).toString("utf8"),
                }),
              )
            })
            // A broken answer emits `error` then `close`; `close` reports it (an unheard `error` would throw).
            res.on("error", () => undefined)
            res.on("close", () => {
              if (!res.complete) fail("ConnectionReset", `${request.url}: the connection broke off during the answer`)
            })
          },
        )
        current = req
        req.on("error", (error: NodeJS.ErrnoException) => {
          // A kept-alive socket that the server closed just as it was reused: the request never reached the
          // service, so it is sent once more on a fresh connection (Node's documented remedy).
          if (firstTry && !answered && !settled && req.reusedSocket && error.code === "ECONNRESET") return send(false)
          fail(reasonOf(error), `${request.url}: ${error.code ?? error.message}`)
        })
        req.end(body)
      }

      send(true)
      return Effect.sync(() => {
        settled = true
        clearTimeout(deadline)
        current?.destroy()
      })
    })
