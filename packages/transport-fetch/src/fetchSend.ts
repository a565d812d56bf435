import { CtiTransportError, type HttpSend, type IncomingResponse } from "@crmod-cti/soap-http"
import * as Effect from "effect/Effect"

/** The `fetch` to send with: the global one by default, or any compatible implementation. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>

// Node's fetch (undici) says what went wrong in `cause.code`; browsers say nothing beyond "Failed to fetch".
const causeCode = (error: unknown): string | undefined => {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause
  return typeof cause?.code === "string" ? cause.code : undefined
}

// Node's fetch refuses a redirect it was told not to follow with this cause; a browser's, with "Failed to fetch".
const isRefusedRedirect = (error: unknown): boolean =>
  (error as { cause?: { message?: unknown } } | undefined)?.cause?.message === "unexpected redirect"

const reasonOf = (error: unknown): CtiTransportError["reason"] => {
  if (isRefusedRedirect(error)) return "Redirect"
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
  if (isRefusedRedirect(error)) return `${message}: the answer was a redirect, not followed`
  const code = causeCode(error)
  return code === undefined ? message : `${message} (${code})`
}

const globalFetch: FetchLike = (input, init) => globalThis.fetch(input, init)

/** A failure found in the answer itself, as opposed to one of the network. */
class Refused {
  constructor(readonly error: CtiTransportError) {}
}

/** The body as text, read chunk by chunk and refused as soon as it passes `limit` bytes (the rest is cancelled). */
const readText = async (response: Response, limit: number, tooLarge: () => Refused): Promise<string> => {
  if (Number(response.headers.get("content-length") ?? 0) > limit) {
    await response.body?.cancel().catch(() => undefined)
    throw tooLarge()
  }
  if (response.body === null) return ""
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ""
  let length = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    length += value.byteLength
    if (length > limit) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge()
    }
    text += decoder.decode(value, { stream: true })
  }
}

/**
 * How `fetch` is told not to follow redirects here. "error" where the runtime has it: with any other mode the fetch
 * standard has Node's `fetch` clone each request, copying its body through a second stream, a seventh of the client's
 * CPU per interaction. Cloudflare Workers refuse "error" (their `Request` throws), so there it is "manual", and the
 * 3xx they hand back is refused like any other.
 */
const redirectMode = (): RequestRedirect => {
  try {
    new Request("http://localhost/", { redirect: "error" })
    return "error"
  } catch {
    return "manual"
  }
}

/**
 * `HttpSend` over `fetch`: browsers, Deno, Bun, workers and Node alike. Redirects are never followed: `fetch` refuses
 * them itself (`redirect: "error"`, or `"manual"` where the runtime lacks it), and any 3xx answer is refused here. The
 * answer is streamed and refused past `maxResponseBytes`, and aborting `signal` aborts the fetch.
 */
export const fetchSend = (fetchImpl: FetchLike = globalFetch): HttpSend => {
  const redirect = redirectMode()
  return (request, signal) =>
    Effect.async<IncomingResponse, CtiTransportError>((resume) => {
      const refuse = (reason: "Redirect" | "TooLarge", message: string, status: number) =>
        new Refused(new CtiTransportError({ reason, endpoint: request.url, message, status }))
      const exchange = async (): Promise<IncomingResponse> => {
        const response = await fetchImpl(request.url, {
          method: "POST",
          headers: request.headers,
          body: request.body,
          redirect,
          signal,
        })
        const status = response.status
        if (response.type === "opaqueredirect" || (status >= 300 && status < 400)) {
          await response.body?.cancel().catch(() => undefined)
          throw refuse("Redirect", `${request.url} answered HTTP ${status}: a redirect, not followed`, status)
        }
        const body = await readText(response, request.maxResponseBytes, () =>
          refuse(
            "TooLarge",
            `${request.url} answered more than maxResponseBytes (${request.maxResponseBytes} bytes)`,
            status,
          ),
        )
        return { status, contentType: response.headers.get("content-type") ?? undefined, body }
      }
      exchange().then(
        (response) => resume(Effect.succeed(response)),
        (error: unknown) =>
          resume(
            Effect.fail(
              error instanceof Refused
                ? error.error
                : new CtiTransportError({
                    reason: reasonOf(error),
                    endpoint: request.url,
                    message: `${request.url}: ${describe(error)}`,
                    cause: error,
                  }),
            ),
          ),
      )
    })
}
