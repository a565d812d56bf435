import { type CtiFault, Faults } from "@crmod-cti/core"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"

/** Per-user request rate: at most `perSecond` requests in any second, each at least `minSpacingMs` after the last. */
export interface RateLimit {
  readonly perSecond: number
  readonly minSpacingMs: number
}

/** CRM On Demand's limits (`oracle-facts.md`). */
export const DefaultRateLimit: RateLimit = { perSecond: 20, minSpacingMs: 50 }

export interface RateLimiter {
  /** Admits one request of `user` now, or fails with the exact wait until it would be admitted. */
  readonly admit: (user: string) => Effect.Effect<void, CtiFault>
}

export const makeRateLimiter = (limit: RateLimit): RateLimiter => {
  // The admission times of each user's last `perSecond` requests, oldest first. Rejected requests are not kept.
  const admitted = new Map<string, Array<number>>()
  return {
    admit: (user) =>
      // One synchronous step from reading the clock to recording the admission: no other fiber can interleave.
      Clock.clockWith((clock) =>
        Effect.suspend(() => {
          const now = clock.unsafeCurrentTimeMillis()
          const times = admitted.get(user) ?? []
          const last = times.at(-1)
          const windowFull = times.length >= limit.perSecond
          const allowedAt = Math.max(
            now,
            last === undefined ? now : last + limit.minSpacingMs,
            windowFull ? times[times.length - limit.perSecond]! + 1000 : now,
          )
          if (allowedAt > now) return Effect.fail(Faults.rateLimited(Math.ceil(allowedAt - now)))
          times.push(now)
          if (times.length > limit.perSecond) times.shift()
          admitted.set(user, times)
          return Effect.void
        }),
      ),
  }
}
