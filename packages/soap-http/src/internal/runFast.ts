import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"

/**
 * Runs an effect synchronously when it completes synchronously — most requests do: no password to hash, no lock to
 * wait for — which spares the scheduler's hops, a third of a request's cost. An effect that has to wait goes on as
 * an ordinary fiber, and the promise follows it.
 */
export const runFast = <A>(effect: Effect.Effect<A>): Promise<A> => {
  const exit = Effect.runSyncExit(effect)
  if (Exit.isSuccess(exit)) return Promise.resolve(exit.value)
  const defect = Cause.dieOption(exit.cause)
  if (Option.isSome(defect) && Runtime.isAsyncFiberException(defect.value)) {
    // The fiber is the one that runs `effect`, so it ends with an `A`.
    return Effect.runPromise(Fiber.join(defect.value.fiber as Fiber.RuntimeFiber<A>))
  }
  return Promise.reject(Cause.squash(exit.cause))
}
