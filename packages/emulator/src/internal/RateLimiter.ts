import { allowedAt, type CtiFault, Faults, type RateLimit, remember } from "@crmod-cti/core"

export { DefaultRateLimit, type RateLimit } from "@crmod-cti/core"

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
      const at = allowedAt(times, now, limit)
      if (at > now) return Faults.rateLimited(Math.ceil(at - now))
      remember(times, now, limit)
      return undefined
    },
  }
}
