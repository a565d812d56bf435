import { type CtiFault, Faults } from "@crmod-cti/core"
import * as Effect from "effect/Effect"

export interface ConcurrentRequests {
  /**
   * Runs `request` in one of `company`'s slots, held until it ends however it ends (interrupted included), or
   * fails at once with the allotment fault when every slot is taken.
   */
  readonly admit: <A, E, R>(company: string, request: Effect.Effect<A, E, R>) => Effect.Effect<A, E | CtiFault, R>
}

/**
 * The Web Services Concurrent Request Allotment per company: at most `allotment` requests of a company processed
 * at once; one more is refused, not queued. Only companies with a request in flight have an entry, so the map
 * stays as small as the traffic, whatever names requests carry.
 */
export const makeConcurrentRequests = (allotment: number): ConcurrentRequests => {
  const counts = new Map<string, number>()
  const take = (company: string): Effect.Effect<void, CtiFault> =>
    Effect.suspend(() => {
      const count = counts.get(company) ?? 0
      if (count >= allotment) return Effect.fail(Faults.concurrentRequestAllotment(allotment))
      counts.set(company, count + 1)
      return Effect.void
    })
  const give = (company: string): Effect.Effect<void> =>
    Effect.sync(() => {
      const left = (counts.get(company) ?? 1) - 1
      if (left === 0) counts.delete(company)
      else counts.set(company, left)
    })
  return {
    admit: (company, request) =>
      Effect.acquireUseRelease(
        take(company),
        () => request,
        () => give(company),
      ),
  }
}
