import { type CtiFault, Faults } from "@crmod-cti/core"

/** Per-user request rate: at most `perSecond` requests in any second, each at least `minSpacingMs` after the last. */
export interface RateLimit {
  readonly perSecond: number
  readonly minSpacingMs: number
}

/** CRM On Demand's limits (`oracle-facts.md`). */
export const DefaultRateLimit: RateLimit = { perSecond: 20, minSpacingMs: 50 }

export interface RateLimiter {
  /** Admits one request of `user` at `now` (epoch ms), or answers the fault with the exact wait until it would be. */
  readonly admit: (user: string, now: number) => CtiFault | undefined
}

export const makeRateLimiter = (limit: RateLimit): RateLimiter => {
  // The admission times of each user's last `perSecond` requests, oldest first. Rejected requests are not kept.
  const admitted = new Map<string, Array<number>>()
  return {
    admit: (user, now) => {
      let times = admitted.get(user)
      if (times === undefined) {
        times = []
        admitted.set(user, times)
      }
      const last = times.at(-1)
      const windowFull = times.length >= limit.perSecond
      const allowedAt = Math.max(
        now,
        last === undefined ? now : last + limit.minSpacingMs,
        windowFull ? times[times.length - limit.perSecond]! + 1000 : now,
      )
      if (allowedAt > now) return Faults.rateLimited(Math.ceil(allowedAt - now))
      times.push(now)
      if (times.length > limit.perSecond) times.shift()
      return undefined
    },
  }
}
