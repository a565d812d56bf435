import type { Interaction, WrapUpInteraction, WrapUpResult } from "@crmod-cti/core"
import type { ClientInsertResult } from "@crmod-cti/soap-http"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import type { DeadLetter } from "./DeadLetter.js"
import type { DeliveredElsewhere } from "./DeliveredElsewhere.js"
import { makeOutbox } from "./internal/makeOutbox.js"
import { openScoped, promiseFace } from "./internal/promiseFace.js"
import { Outbox, type OutboxOptions, type OutboxStats, type Receipt } from "./Outbox.js"
import type { OutboxError } from "./OutboxError.js"
import type { OutboxEvent } from "./OutboxEvent.js"

/**
 * A receipt of the Promise face: `delivered` resolves to the result (a `DeliveredElsewhere` when another outbox on
 * the store delivered it) or rejects with the `CtiFault` of a dead letter.
 */
export interface PromiseReceipt<R> extends Omit<Receipt<R>, "delivered"> {
  readonly delivered: Promise<R | DeliveredElsewhere>
}

/**
 * The outbox for callers who do not use Effect. Promises reject with the typed errors themselves: `CtiFault` (an
 * invalid interaction, a dead letter), `OutboxError` (the store), a RangeError or TypeError for an option.
 */
export interface PromiseOutbox {
  readonly enqueueInsert: (
    interactions: ReadonlyArray<Interaction>,
  ) => Promise<ReadonlyArray<PromiseReceipt<ClientInsertResult>>>
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

/**
 * Opens the outbox: `const outbox = await openOutbox({ endpoint, username, password, store: "./outbox" })`. It
 * delivers in the background until `close()`.
 */
export const openOutbox = async (options: OutboxOptions): Promise<PromiseOutbox> => {
  const { value: outbox, scope } = await openScoped(makeOutbox(options))
  let closed: Promise<void> | undefined
  return promiseFace(outbox, () => {
    closed ??= Effect.runPromise(Scope.close(scope, Exit.void))
    return closed
  })
}

/** The outbox as a Layer: open while the Layer's scope is. */
export const layer = (options: OutboxOptions): Layer.Layer<Outbox, OutboxError> =>
  Layer.scoped(Outbox, makeOutbox(options))
