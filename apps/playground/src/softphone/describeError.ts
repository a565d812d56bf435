import { CtiFault } from "@crmod-cti/core"
import { CtiTransportError } from "@crmod-cti/transport-fetch"

export interface ErrorDescription {
  /** What kind of failure, for the agent: "CTI fault SBL-ODU-01006", "Transport error (ConnectionRefused)". */
  readonly kind: string
  /** The message as the service or the library gave it. */
  readonly message: string
}

/**
 * Describe any failure for the event log. Typed errors keep their own message (a fault's is the service's text,
 * literally); nothing is thrown away, an unexpected value included.
 */
export const describeError = (error: unknown): ErrorDescription => {
  if (error instanceof CtiFault) return { kind: `CTI fault ${error.errorCode}`, message: error.message }
  if (error instanceof CtiTransportError) {
    const status = error.status === undefined ? "" : `, HTTP ${error.status}`
    return { kind: `Transport error (${error.reason}${status})`, message: error.message }
  }
  if (error instanceof Error) {
    const tag = (error as { _tag?: unknown })._tag
    return { kind: typeof tag === "string" ? tag : error.name, message: error.message }
  }
  return { kind: "Error", message: String(error) }
}

/**
 * What a failed request tells about the softphone's credentials: refused (the agent should correct the password),
 * accepted (the service signed the agent in, then refused the request: `Access Denied` is checked after sign-in), or
 * nothing (the request may not have reached the service: the client checks interactions before sending them).
 */
export const credentialsAfter = (error: unknown): "refused" | "accepted" | undefined => {
  if (!(error instanceof CtiFault)) return undefined
  if (error.reason === "AuthenticationFailed") return "refused"
  return error.reason === "AccessDenied" ? "accepted" : undefined
}
