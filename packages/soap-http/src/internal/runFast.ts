import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Runtime from "effect/Runtime"

/**
 * Runs an effect to its `Exit`, synchronously when it completes synchronously — most requests do: no password to
 * hash — which spares the scheduler's hops. An effect that has to wait goes on as an ordinary fiber, and the
 * promise follows it.
 */
export const runFast = <A, E>(effect: Effect.Effect<A, E>): Exit.Exit<A, E> | Promise<Exit.Exit<A, E>> => {
  const exit = Effect.runSyncExit(effect)
  if (Exit.isSuccess(exit)) return exit
  const defect = Cause.dieOption(exit.cause)
  if (Option.isSome(defect) && Runtime.isAsyncFiberException(defect.value)) {
    // The fiber is the one that runs `effect`, so it ends with its `Exit`.
    return Effect.runPromise(Fiber.await(defect.value.fiber as Fiber.RuntimeFiber<A, E>))
  }
  return exit
}
