import type * as Effect from "effect/Effect"
import type { CtiTransportError } from "./TransportError.js"

/** One POST of a SOAP envelope, as a transport sends it. */
export interface OutgoingRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly timeoutMs: number
}

/** What came back, whatever the status: faults may arrive with 500 or with 200. */
export interface IncomingResponse {
  readonly status: number
  readonly contentType: string | undefined
  readonly body: string
}

/**
 * The one thing a runtime provides to the client: send a request and read the whole answer. Network failures are
 * `CtiTransportError`s naming the endpoint (refused, reset, timeout).
 */
export type HttpSend = (request: OutgoingRequest) => Effect.Effect<IncomingResponse, CtiTransportError>
