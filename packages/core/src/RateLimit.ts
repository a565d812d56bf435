/** One user's request rate: at most `perSecond` requests in any second, each at least `minSpacingMs` after the last. */
export interface RateLimit {
  readonly perSecond: number
  readonly minSpacingMs: number
}

/** CRM On Demand's limits (`oracle-facts.md`): 20 requests a second, 50 ms apart, per user. */
export const DefaultRateLimit: RateLimit = { perSecond: 20, minSpacingMs: 50 }

/**
 * The limit arithmetic, shared by the service that enforces it and the clients that keep under it: given the times
 * (epoch ms, oldest first) of a user's recent requests — at least the last `perSecond` — the earliest time at or
 * after `now` when one more is allowed. `allowedAt(…) - now` is the `RequestWait` of a request made at `now`.
 */
export const allowedAt = (recent: ReadonlyArray<number>, now: number, limit: RateLimit = DefaultRateLimit): number => {
  const last = recent.at(-1)
  const windowFull = recent.length >= limit.perSecond
  return Math.max(
    now,
    last === undefined ? now : last + limit.minSpacingMs,
    windowFull ? recent[recent.length - limit.perSecond]! + 1000 : now,
  )
}

/** Keeps `recent` to what `allowedAt` needs: the last `perSecond` times. */
export const remember = (recent: Array<number>, at: number, limit: RateLimit = DefaultRateLimit): void => {
  recent.push(at)
  if (recent.length > limit.perSecond) recent.splice(0, recent.length - limit.perSecond)
}
