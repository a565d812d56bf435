import type * as Effect from "effect/Effect"
import type { CtiTransportError } from "./TransportError.js"

/** One POST of a SOAP envelope, as a transport sends it. */
export interface OutgoingRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** The longest answer to read: a longer one fails with reason `TooLarge` as soon as it is known to be longer. */
  readonly maxResponseBytes: number
}

/** What came back, whatever the status: faults may arrive with 500 or with 200. */
export interface IncomingResponse {
  readonly status: number
  readonly contentType: string | undefined
  readonly body: string
  /**
   * The transport sent the request a second time on its own (a kept-alive connection that broke as it was reused):
   * the first may have reached the service, so an `Activity already exists` answer may be the caller's own.
   */
  readonly resent?: boolean
}

/**
 * The one thing a runtime provides to the client: send a request and read the whole answer, up to
 * `maxResponseBytes`, never following a redirect (reason `Redirect`). The protocol bounds the exchange in time and
 * aborts `signal` when it gives up on it (a timeout, a cancelled call): the transport then drops the connection.
 * Network failures are `CtiTransportError`s naming the endpoint, with the original error as `cause`.
 */
export type HttpSend = (
  request: OutgoingRequest,
  signal: AbortSignal,
) => Effect.Effect<IncomingResponse, CtiTransportError>
