import * as Data from "effect/Data"

/** Why a call did not get a SOAP answer from the endpoint. */
export type TransportErrorReason =
  | "ConnectionRefused"
  | "ConnectionReset"
  | "Timeout"
  /** Any other network failure (a browser's `fetch` says no more than "Failed to fetch"). */
  | "Network"
  | "NotXml"
  | "HtmlPage"
  | "NotSoap"
  /** An envelope answering another operation, or results the core's schemas refuse. */
  | "UnexpectedResponse"
  /** An answer longer than `maxResponseBytes`: the rest was not read. */
  | "TooLarge"
  /** A 3xx answer: never followed, so the envelope and its password never go to another origin. */
  | "Redirect"

/**
 * A call that failed below the CTI service: the network, or a body that is not the service's SOAP answer (an HTML
 * error page from a proxy, say). Faults of the service itself are the core's `CtiFault`s instead. `cause` is the
 * original error, when there was one.
 */
export class CtiTransportError extends Data.TaggedError("CtiTransportError")<{
  readonly reason: TransportErrorReason
  readonly endpoint: string
  readonly message: string
  readonly status?: number
  readonly cause?: unknown
}> {}

/** Failures worth retrying: the request may not have reached the service, or a gateway stood in its way. */
export const isTransientTransportError = (error: unknown): boolean =>
  error instanceof CtiTransportError &&
  (error.reason === "ConnectionReset" ||
    error.reason === "Timeout" ||
    error.reason === "Network" ||
    (error.reason === "HtmlPage" && (error.status === 502 || error.status === 503 || error.status === 504)))
