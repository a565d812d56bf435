import * as Data from "effect/Data"

/** Why a call did not get a SOAP answer from the endpoint. */
export type TransportErrorReason =
  | "ConnectionRefused"
  | "ConnectionReset"
  | "Timeout"
  | "Network"
  | "NotXml"
  | "HtmlPage"
  | "NotSoap"
  | "UnexpectedResponse"

/**
 * A call that failed below the CTI service: the network, or a body that is not the service's SOAP answer (an HTML
 * error page from a proxy, say). Faults of the service itself are the core's `CtiFault`s instead.
 */
export class CtiTransportError extends Data.TaggedError("CtiTransportError")<{
  readonly reason: TransportErrorReason
  readonly endpoint: string
  readonly message: string
  readonly status?: number
}> {}

/** Failures worth retrying: the request may not have reached the service, or a gateway stood in its way. */
export const isTransientTransportError = (error: unknown): boolean =>
  error instanceof CtiTransportError &&
  (error.reason === "ConnectionReset" ||
    error.reason === "Timeout" ||
    error.reason === "Network" ||
    (error.reason === "HtmlPage" && (error.status === 502 || error.status === 503 || error.status === 504)))
