import type { ObservedExchange } from "@crmod-cti/soap-http"

/**
 * One HTTP exchange of the outbox's deliveries, plain JSON (it crosses tabs): the SOAP request as sent, its
 * WS-Security password masked as `********`, and the answer. For integrators who want to see the wire.
 */
export interface ExchangeRecord {
  readonly operation: "insert" | "wrapUp"
  readonly url: string
  readonly request: string
  /** The HTTP status, `null` when nothing came back (a network failure, a timeout). */
  readonly status: number | null
  readonly response: string | null
  /** What failed the request as a whole (`CtiFault RateLimited: …`, `CtiTransportError Network: …`), `null` if answered. */
  readonly error: string | null
  /** When it was sent, epoch milliseconds. */
  readonly at: number
  readonly durationMs: number
}

const describe = (error: ObservedExchange["error"]): string | null =>
  error === undefined ? null : `${error._tag} ${error.reason}: ${error.message}`

export const exchangeRecord = (exchange: ObservedExchange): ExchangeRecord => ({
  operation: exchange.operation,
  url: exchange.request.url,
  request: exchange.request.body,
  status: exchange.response?.status ?? null,
  response: exchange.response?.body ?? null,
  error: describe(exchange.error),
  at: exchange.startedAt,
  durationMs: exchange.durationMs,
})
