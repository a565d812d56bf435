import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { CtiFault } from "./Fault.js"

export interface RetryOptions {
  /** Retries after the first attempt (default 5). */
  readonly maxRetries?: number
  /** First back-off after an allotment fault, doubled each retry up to `maxBackoff` (default 1 s). */
  readonly initialBackoff?: Duration.DurationInput
  /** Longest back-off (default 30 s). */
  readonly maxBackoff?: Duration.DurationInput
  /** Other errors worth retrying (for example a transport's timeouts and resets), backed off like allotments. */
  readonly isTransient?: (error: unknown) => boolean
}

/**
 * How long to wait before retry number `attempt` (1 for the first retry), or none when the error is not worth
 * retrying: the rate limiter's `RequestWait` as it says; allotment faults and transient errors by exponential
 * back-off. Retrying is safe because inserts are idempotent by identity (a repeat answers
 * `Activity already exists` with the id) and wrap-ups by status.
 */
export const retryDelay = (
  error: unknown,
  attempt: number,
  options: RetryOptions = {},
): Option.Option<Duration.Duration> => {
  if (attempt > (options.maxRetries ?? 5)) return Option.none()
  if (error instanceof CtiFault && error.reason === "RateLimited") {
    return Option.some(Duration.millis(Math.max(error.requestWaitMs ?? 50, 1)))
  }
  const transient =
    (error instanceof CtiFault && error.reason === "OperationsAllotment") || (options.isTransient?.(error) ?? false)
  if (!transient) return Option.none()
  const initial = Duration.toMillis(options.initialBackoff ?? "1 second")
  const max = Duration.toMillis(options.maxBackoff ?? "30 seconds")
  return Option.some(Duration.millis(Math.min(initial * 2 ** (attempt - 1), max)))
}

/** Retry an effect by `retryDelay` (waiting on Effect's `Clock`, so tests can use `TestClock`). */
export const withRetry =
  (options: RetryOptions = {}) =>
  <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> => {
    const attempt = (retry: number): Effect.Effect<A, E, R> =>
      Effect.catchAll(self, (error) =>
        Option.match(retryDelay(error, retry, options), {
          onNone: () => Effect.fail(error),
          onSome: (delay) => Effect.zipRight(Effect.sleep(delay), attempt(retry + 1)),
        }),
      )
    return attempt(1)
  }
