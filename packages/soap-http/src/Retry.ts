import { CtiFault, requireDurationMillis, requireNonNegativeInteger } from "@crmod-cti/core"
import type * as Duration from "effect/Duration"
import { isTransientTransportError } from "./TransportError.js"

export interface RetryOptions {
  /** Back-off retries (allotment faults, transient failures) of an interaction after its first attempt (default 5). */
  readonly maxRetries?: number
  /** First back-off after an allotment fault or a transient failure, doubled each retry up to `maxBackoff` (1 s). */
  readonly initialBackoff?: Duration.DurationInput
  /** Longest back-off (default 30 s). */
  readonly maxBackoff?: Duration.DurationInput
  /**
   * A call's budget, from the call: no wait for its turn, for a `RequestWait` or for a back-off may end later; the
   * interaction then fails with the last error (default 60 s). Waits on `RequestWait` are bounded by this only.
   */
  readonly maxElapsed?: Duration.DurationInput
  /** Other errors worth retrying, backed off like allotment faults. */
  readonly isTransient?: (error: unknown) => boolean
}

/** `RetryOptions` checked once, in milliseconds; `retrying: false` for `retry: false`. */
export interface RetryPolicy {
  readonly retrying: boolean
  readonly maxRetries: number
  readonly initialBackoffMs: number
  readonly maxBackoffMs: number
  readonly maxElapsedMs: number
  readonly isTransient: (error: unknown) => boolean
}

/** The policy of `retry` (a RangeError naming an option out of range). */
export const retryPolicy = (retry: RetryOptions | false | undefined): RetryPolicy => {
  const options = retry === false ? {} : (retry ?? {})
  const isTransient = options.isTransient
  return {
    retrying: retry !== false,
    maxRetries: requireNonNegativeInteger("maxRetries", options.maxRetries ?? 5),
    initialBackoffMs: requireDurationMillis("initialBackoff", options.initialBackoff ?? "1 second"),
    maxBackoffMs: requireDurationMillis("maxBackoff", options.maxBackoff ?? "30 seconds"),
    maxElapsedMs: requireDurationMillis("maxElapsed", options.maxElapsed ?? "60 seconds"),
    isTransient: (error) => isTransientTransportError(error) || (isTransient?.(error) ?? false),
  }
}

/**
 * The back-off before retry number `attempt` (1 for the first) of an interaction whose request failed with
 * `error`, or `undefined` when it is not worth retrying: allotment faults and transient failures, doubling from
 * `initialBackoff` to `maxBackoff`, `maxRetries` times. (`RequestWait` is the pacer's business, not a back-off.)
 * Retrying is safe: inserts are idempotent by identity (a repeat answers `Activity already exists` with the id),
 * wrap-ups by status.
 */
export const backoffMs = (policy: RetryPolicy, error: unknown, attempt: number): number | undefined => {
  if (!policy.retrying || attempt > policy.maxRetries) return undefined
  const worth =
    (error instanceof CtiFault &&
      (error.reason === "OperationsAllotment" || error.reason === "ConcurrentRequestAllotment")) ||
    policy.isTransient(error)
  return worth ? Math.min(policy.initialBackoffMs * 2 ** (attempt - 1), policy.maxBackoffMs) : undefined
}
