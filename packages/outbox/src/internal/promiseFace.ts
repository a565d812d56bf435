import type { CtiFault } from "@crmod-cti/core"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import type { DeliveredElsewhere } from "../DeliveredElsewhere.js"
import type { Receipt } from "../Outbox.js"
import type { OutboxError } from "../OutboxError.js"
import type { PromiseOutbox, PromiseReceipt } from "../PromiseOutbox.js"
import type { OutboxInternal } from "./Engine.js"

const failureOf = <E>(cause: Cause.Cause<E>) => {
  const failure = Cause.failureOption(cause)
  return Option.isSome(failure) ? failure.value : Cause.squash(cause)
}

/** Runs `effect`, rejecting with its typed failure itself (not Effect's wrapper of it). */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromiseExit(effect).then((exit) => {
    if (Exit.isSuccess(exit)) return exit.value
    throw failureOf(exit.cause)
  })

/** Makes `make` in a scope of its own: its value and the scope, or rejects with its typed failure (scope closed). */
export const openScoped = async <A, E>(
  make: Effect.Effect<A, E, Scope.Scope>,
): Promise<{ readonly value: A; readonly scope: Scope.CloseableScope }> => {
  const scope = Effect.runSync(Scope.make())
  const opened = await Effect.runPromiseExit(Scope.extend(make, scope))
  if (Exit.isSuccess(opened)) return { value: opened.value, scope }
  await Effect.runPromise(Scope.close(scope, opened))
  throw failureOf(opened.cause)
}

const toPromiseReceipt = <R>(receipt: Receipt<R>): PromiseReceipt<R> => {
  const delivered = run<R | DeliveredElsewhere, CtiFault | OutboxError>(receipt.delivered)
  // A caller who never looks at `delivered` must not get an unhandled rejection for a dead letter.
  delivered.catch(() => undefined)
  return { operation: receipt.operation, interaction: receipt.interaction, delivered }
}

/** The Promise face of an outbox; `close` is the caller's (what closing means differs between Node and a browser). */
export const promiseFace = (outbox: OutboxInternal, close: () => Promise<void>): PromiseOutbox => ({
  enqueueInsert: (interactions) => run(outbox.enqueueInsert(interactions)).then((r) => r.map(toPromiseReceipt)),
  enqueueWrapUp: (interactions) => run(outbox.enqueueWrapUp(interactions)).then((r) => r.map(toPromiseReceipt)),
  pending: () => run(outbox.pending),
  drained: () => run(outbox.drained),
  stats: () => run(outbox.stats),
  deadLetters: () => run(outbox.deadLetters),
  retryDeadLetters: (filter) => run(outbox.retryDeadLetters(filter)),
  setCredentials: (credentials) => run(outbox.setCredentials(credentials)),
  on: outbox.listen,
  close,
})
