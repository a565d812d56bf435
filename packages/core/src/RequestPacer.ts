import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import { requireNonNegativeNumber, requirePositiveInteger } from "./OptionChecks.js"

export interface PacerOptions {
  /** Least time between the starts of two requests (default 50 ms, CRM On Demand's limit). */
  readonly minSpacingMs?: number
  /** Most requests started in any second (default 20, CRM On Demand's limit). */
  readonly maxPerSecond?: number
}

/** Keeps one user's requests within CRM On Demand's rate limits, on the client side. */
export interface RequestPacer {
  /** Waits until a request may start, and counts it as started. */
  readonly acquire: Effect.Effect<void>
  /** Holds every request back for `ms` (the server's `RequestWait`). */
  readonly pause: (ms: number) => Effect.Effect<void>
}

/**
 * A pacer over Effect's `Clock`: no timers of its own, so `TestClock` drives it in tests. Options out of range are
 * a defect of the returned effect (a RangeError naming the option).
 */
export const makeRequestPacer = (options: PacerOptions = {}): Effect.Effect<RequestPacer> =>
  Effect.gen(function* () {
    const spacing = requireNonNegativeNumber("minSpacingMs", options.minSpacingMs ?? 50)
    const perSecond = requirePositiveInteger("maxPerSecond", options.maxPerSecond ?? 20)
    const lock = yield* Effect.makeSemaphore(1)
    const starts: Array<number> = []
    let notBefore = Number.NEGATIVE_INFINITY

    const acquire = lock.withPermits(1)(
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const last = starts.at(-1) ?? Number.NEGATIVE_INFINITY
        const windowStart = starts.length >= perSecond ? starts[starts.length - perSecond]! + 1000 : now
        const at = Math.max(now, last + spacing, windowStart, notBefore)
        if (at > now) yield* Effect.sleep(at - now)
        starts.push(at)
        if (starts.length > perSecond) starts.splice(0, starts.length - perSecond)
      }),
    )
    const pause = (ms: number) =>
      Effect.map(Clock.currentTimeMillis, (now) => {
        notBefore = Math.max(notBefore, now + ms)
      })
    return { acquire, pause }
  })
