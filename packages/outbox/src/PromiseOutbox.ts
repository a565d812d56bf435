import type { CtiFault, Interaction, InsertResult, WrapUpInteraction, WrapUpResult } from "@crmod-cti/core"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import type { DeadLetter } from "./DeadLetter.js"
import { makeOutbox } from "./internal/makeOutbox.js"
import { Outbox, type OutboxOptions, type OutboxStats, type Receipt } from "./Outbox.js"
import type { OutboxError } from "./OutboxError.js"
import type { OutboxEvent } from "./OutboxEvent.js"

/** A receipt of the Promise face: `delivered` resolves to the result or rejects with the `CtiFault` of a dead letter. */
export interface PromiseReceipt<R> extends Omit<Receipt<R>, "delivered"> {
  readonly delivered: Promise<R>
}

/**
 * The outbox for callers who do not use Effect. Promises reject with the typed errors themselves: `CtiFault` (an
 * invalid interaction, a dead letter), `OutboxError` (the store), a RangeError or TypeError for an option.
 */
export interface PromiseOutbox {
  readonly enqueueInsert: (
    interactions: ReadonlyArray<Interaction>,
  ) => Promise<ReadonlyArray<PromiseReceipt<InsertResult>>>
  readonly enqueueWrapUp: (
    interactions: ReadonlyArray<WrapUpInteraction>,
  ) => Promise<ReadonlyArray<PromiseReceipt<WrapUpResult>>>
  readonly pending: () => Promise<number>
  readonly drained: () => Promise<void>
  readonly stats: () => Promise<OutboxStats>
  readonly deadLetters: () => Promise<ReadonlyArray<DeadLetter>>
  readonly retryDeadLetters: (filter?: (deadLetter: DeadLetter) => boolean) => Promise<number>
  readonly setCredentials: (credentials: { readonly password: string }) => Promise<void>
  /** Calls `listener` for every event; returns the function that stops it. */
  readonly on: (listener: (event: OutboxEvent) => void) => () => void
  /** Finishes the requests in flight (within `closeTimeoutMs`), hands every other claim back, keeps what is pending. */
  readonly close: () => Promise<void>
}

const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromiseExit(effect).then((exit) => {
    if (Exit.isSuccess(exit)) return exit.value
    const failure = Cause.failureOption(exit.cause)
    throw Option.isSome(failure) ? failure.value : Cause.squash(exit.cause)
  })

const toPromiseReceipt = <R>(receipt: Receipt<R>): PromiseReceipt<R> => {
  const delivered = run<R, CtiFault | OutboxError>(receipt.delivered)
  // A caller who never looks at `delivered` must not get an unhandled rejection for a dead letter.
  delivered.catch(() => undefined)
  return { operation: receipt.operation, interaction: receipt.interaction, delivered }
}

/**
 * Opens the outbox: `const outbox = await openOutbox({ endpoint, username, password, store: "./outbox" })`. It
 * delivers in the background until `close()`.
 */
export const openOutbox = async (options: OutboxOptions): Promise<PromiseOutbox> => {
  const scope = Effect.runSync(Scope.make())
  const opened = await Effect.runPromiseExit(Scope.extend(makeOutbox(options), scope))
  if (Exit.isFailure(opened)) {
    await Effect.runPromise(Scope.close(scope, opened))
    const failure = Cause.failureOption(opened.cause)
    throw Option.isSome(failure) ? failure.value : Cause.squash(opened.cause)
  }
  const outbox = opened.value
  let closed: Promise<void> | undefined
  return {
    enqueueInsert: (interactions) => run(outbox.enqueueInsert(interactions)).then((r) => r.map(toPromiseReceipt)),
    enqueueWrapUp: (interactions) => run(outbox.enqueueWrapUp(interactions)).then((r) => r.map(toPromiseReceipt)),
    pending: () => run(outbox.pending),
    drained: () => run(outbox.drained),
    stats: () => run(outbox.stats),
    deadLetters: () => run(outbox.deadLetters),
    retryDeadLetters: (filter) => run(outbox.retryDeadLetters(filter)),
    setCredentials: (credentials) => run(outbox.setCredentials(credentials)),
    on: outbox.listen,
    close: () => {
      closed ??= Effect.runPromise(Scope.close(scope, Exit.void))
      return closed
    },
  }
}

/** The outbox as a Layer: open while the Layer's scope is. */
export const layer = (options: OutboxOptions): Layer.Layer<Outbox, OutboxError> =>
  Layer.scoped(Outbox, makeOutbox(options))
