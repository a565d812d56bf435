import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Ref from "effect/Ref"

/** Wakes every fiber waiting on it; a waiter also wakes by itself after its timeout (the poll). */
export interface Signal {
  readonly notify: Effect.Effect<void>
  readonly wait: (timeoutMs: number) => Effect.Effect<void>
}

export const makeSignal: Effect.Effect<Signal> = Effect.gen(function* () {
  const current = yield* Ref.make(yield* Deferred.make<void>())
  return {
    notify: Effect.flatMap(Deferred.make<void>(), (next) =>
      Effect.flatMap(Ref.getAndSet(current, next), (woken) => Deferred.succeed(woken, undefined)),
    ),
    wait: (timeoutMs) =>
      Effect.flatMap(Ref.get(current), (deferred) =>
        Deferred.await(deferred).pipe(Effect.timeoutOption(timeoutMs), Effect.asVoid),
      ),
  }
})
