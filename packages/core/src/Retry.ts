import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { CtiFault } from "./Fault.js"
import { requireDurationMillis, requireNonNegativeInteger } from "./OptionChecks.js"

export interface RetryOptions {
  /** Retries after the first attempt (default 5). */
  readonly maxRetries?: number
  /** First back-off after an allotment fault, doubled each retry up to `maxBackoff` (default 1 s). */
  readonly initialBackoff?: Duration.DurationInput
  /** Longest back-off (default 30 s). */
  readonly maxBackoff?: Duration.DurationInput
  /**
   * Time from the first attempt after which no retry starts: a retry whose wait would end later is not made, and
   * the last error is the result (default: no limit, only `maxRetries`). The attempt under way is not cut short.
   */
  readonly maxElapsed?: Duration.DurationInput
  /** Other errors worth retrying (for example a transport's timeouts and resets), backed off like allotments. */
  readonly isTransient?: (error: unknown) => boolean
}

/** `RetryOptions` checked once, in milliseconds. */
interface RetryPolicy {
  readonly maxRetries: number
  readonly initialBackoffMs: number
  readonly maxBackoffMs: number
  readonly maxElapsedMs: number
  readonly isTransient: (error: unknown) => boolean
}

const policyOf = (options: RetryOptions): RetryPolicy => ({
  maxRetries: requireNonNegativeInteger("maxRetries", options.maxRetries ?? 5),
  initialBackoffMs: requireDurationMillis("initialBackoff", options.initialBackoff ?? "1 second"),
  maxBackoffMs: requireDurationMillis("maxBackoff", options.maxBackoff ?? "30 seconds"),
  maxElapsedMs: requireDurationMillis("maxElapsed", options.maxElapsed ?? Duration.infinity),
  isTransient: options.isTransient ?? (() => false),
})

const delayOf = (policy: RetryPolicy, error: unknown, attempt: number): Option.Option<Duration.Duration> => {
  if (attempt > policy.maxRetries) return Option.none()
  if (error instanceof CtiFault && error.reason === "RateLimited") {
    return Option.some(Duration.millis(Math.max(error.requestWaitMs ?? 50, 1)))
  }
  const transient = (error instanceof CtiFault && error.reason === "OperationsAllotment") || policy.isTransient(error)
  if (!transient) return Option.none()
  return Option.some(Duration.millis(Math.min(policy.initialBackoffMs * 2 ** (attempt - 1), policy.maxBackoffMs)))
}

/**
 * How long to wait before retry number `attempt` (1 for the first retry), or none when the error is not worth
 * retrying: the rate limiter's `RequestWait` as it says; allotment faults and transient errors by exponential
 * back-off. Retrying is safe because inserts are idempotent by identity (a repeat answers
 * `Activity already exists` with the id) and wrap-ups by status. Options out of range throw a RangeError naming
 * the option.
 */
export const retryDelay = (
  error: unknown,
  attempt: number,
  options: RetryOptions = {},
): Option.Option<Duration.Duration> => delayOf(policyOf(options), error, attempt)

/**
 * Retry an effect by `retryDelay`, within `maxElapsed` of its first attempt (waiting on Effect's `Clock`, so tests
 * can use `TestClock`). Options out of range throw a RangeError naming the option when this is called.
 */
export const withRetry = (options: RetryOptions = {}) => {
  const policy = policyOf(options)
  return <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.flatMap(Clock.currentTimeMillis, (start) => {
      const attempt = (retry: number): Effect.Effect<A, E, R> =>
        Effect.catchAll(self, (error) =>
          Option.match(delayOf(policy, error, retry), {
            onNone: () => Effect.fail(error),
            onSome: (delay) =>
              Effect.flatMap(Clock.currentTimeMillis, (now) =>
                now + Duration.toMillis(delay) - start > policy.maxElapsedMs
                  ? Effect.fail(error)
                  : Effect.zipRight(Effect.sleep(delay), attempt(retry + 1)),
              ),
          }),
        )
      return attempt(1)
    })
}
