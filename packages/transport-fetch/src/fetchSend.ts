import { CtiTransportError, type HttpSend, type IncomingResponse } from "@crmod-cti/soap-http"
import * as Effect from "effect/Effect"

/** The `fetch` to send with: the global one by default, or any compatible implementation. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

// Node's fetch (undici) says what went wrong in `cause.code`; browsers say nothing beyond "Failed to fetch".
const causeCode = (error: unknown): string | undefined => {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause
  return typeof cause?.code === "string" ? cause.code : undefined
}

const reasonOf = (error: unknown): CtiTransportError["reason"] => {
  switch (causeCode(error)) {
    case "ECONNREFUSED":
      return "ConnectionRefused"
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
      return "ConnectionReset"
    case "ETIMEDOUT":
    case "UND_ERR_CONNECT_TIMEOUT":
    case "UND_ERR_HEADERS_TIMEOUT":
    case "UND_ERR_BODY_TIMEOUT":
      return "Timeout"
    default:
      return "Network"
  }
}

const describe = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error)
  const code = causeCode(error)
  return code === undefined ? message : `${message} (${code})`
}

const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init)

/**
 * `HttpSend` over `fetch`: browsers, Deno, Bun, workers and Node alike. `timeoutMs` bounds the whole exchange,
 * the reading of the answer included.
 */
export const fetchSend =
  (fetchImpl: FetchLike = globalFetch): HttpSend =>
  (request) =>
    Effect.async<IncomingResponse, CtiTransportError>((resume, interrupted) => {
      const controller = new AbortController()
      let timedOut = false
      const deadline = setTimeout(() => {
        timedOut = true
        controller.abort()
      }, request.timeoutMs)
      const onInterrupt = () => controller.abort()
      interrupted.addEventListener("abort", onInterrupt)
      const exchange = async (): Promise<IncomingResponse> => {
        const response = await fetchImpl(request.url, {
          method: "POST",
          headers: request.headers,
          body: request.body,
          signal: controller.signal,
        })
        const body = await response.text()
        return { status: response.status, contentType: response.headers.get("content-type") ?? undefined, body }
      }
      exchange()
        .then(
          (response) => resume(Effect.succeed(response)),
          (error: unknown) =>
            resume(
              Effect.fail(
                new CtiTransportError({
                  reason: timedOut ? "Timeout" : reasonOf(error),
                  endpoint: request.url,
                  message: timedOut
                    ? `${request.url}: no answer within ${request.timeoutMs} ms`
                    : `${request.url}: ${describe(error)}`,
                }),
              ),
            ),
        )
        .finally(() => {
          clearTimeout(deadline)
          interrupted.removeEventListener("abort", onInterrupt)
        })
    })
