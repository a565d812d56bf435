import * as Effect from "effect/Effect"

/**
 * One lock per company. Fibers interleave between effects, so a request's check-and-write (the identity check and
 * the insert, the allotment check and its use) runs under its company's lock to be atomic.
 */
export const makeCompanyLocks = () => {
  const locks = new Map<string, Effect.Semaphore>()
  return <A, E>(company: string, effect: Effect.Effect<A, E>): Effect.Effect<A, E> =>
    Effect.suspend(() => {
      let lock = locks.get(company)
      if (lock === undefined) {
        lock = Effect.unsafeMakeSemaphore(1)
        locks.set(company, lock)
      }
      return lock.withPermits(1)(effect)
    })
}
