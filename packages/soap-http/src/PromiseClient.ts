import type { Interaction, WrapUpInteraction, WrapUpResult } from "@crmod-cti/core"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import {
  type ClientInsertResult,
  type CtiClientError,
  type CtiClientOptions,
  type CtiClientShape,
  makeCtiClient,
} from "./CtiClient.js"
import type { HttpSend } from "./HttpExchange.js"
import { type ClientCalls, clientCalls, type StartCall } from "./internal/ClientCalls.js"
import type { SlotSourceFactory } from "./SlotSource.js"

/** What one call of the Promise API may be given. */
export interface CallOptions {
  /**
   * Cancels the call: its interactions not sent yet are dropped, a request carrying only its own is aborted, and
   * the promise rejects with `signal.reason` (an `AbortError` DOMException unless given another), as `fetch` does.
   * Requests it shared with other calls go on for them. Interactions answered before stay logged; logging them
   * again is safe (a repeat answers `Activity already exists`).
   */
  readonly signal?: AbortSignal
}

/** One interaction's outcome, as `Promise.allSettled` gives it. */
export type Settled<A> =
  | { readonly status: "fulfilled"; readonly value: A }
  | { readonly status: "rejected"; readonly reason: CtiClientError }

/**
 * The client for callers who do not use Effect. Promises reject with the same typed errors the Effect API fails
 * with (`CtiFault`, `CtiTransportError`), so `error instanceof CtiFault` and `error.reason` work.
 */
export interface PromiseCtiClient {
  /** Results in order; every interaction is checked first (nothing is sent if one is invalid); rejects with the first failure. */
  readonly insert: (
    interactions: ReadonlyArray<Interaction>,
    options?: CallOptions,
  ) => Promise<ReadonlyArray<ClientInsertResult>>
  readonly wrapUp: (
    interactions: ReadonlyArray<WrapUpInteraction>,
    options?: CallOptions,
  ) => Promise<ReadonlyArray<WrapUpResult>>
  /** One outcome per interaction, in order: invalid ones rejected, the valid ones sent; rejects only when aborted. */
  readonly insertSettled: (
    interactions: ReadonlyArray<Interaction>,
    options?: CallOptions,
  ) => Promise<ReadonlyArray<Settled<ClientInsertResult>>>
  readonly wrapUpSettled: (
    interactions: ReadonlyArray<WrapUpInteraction>,
    options?: CallOptions,
  ) => Promise<ReadonlyArray<Settled<WrapUpResult>>>
  /** Ends the client: calls not answered yet reject, its share of the user's pacer is given back. */
  readonly close: () => Promise<void>
}

/**
 * A call as a Promise: it rejects with the typed error itself (or the defect), or with `signal.reason` as soon as
 * `signal` aborts it.
 */
const promised =
  <A, E, In>(start: StartCall<A, E, In>) =>
  (input: In, signal: AbortSignal | undefined): Promise<A> =>
    new Promise<A>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      let ended = false
      const onAbort = () => {
        abandon()
        reject(signal!.reason)
      }
      const abandon = start(input, (exit) => {
        ended = true
        signal?.removeEventListener("abort", onAbort)
        if (Exit.isSuccess(exit)) return resolve(exit.value)
        const failure = Cause.failureOption(exit.cause)
        reject(Option.isSome(failure) ? failure.value : Cause.squash(exit.cause))
      })
      if (!ended) signal?.addEventListener("abort", onAbort)
    })

/** The calls of a client made elsewhere than `makeCtiClient`: each in a fiber of its own. */
const throughFibers = (client: CtiClientShape): ClientCalls => {
  const start =
    <A, E, In>(call: (input: In) => Effect.Effect<A, E>): StartCall<A, E, In> =>
    (input, done) => {
      const fiber = Effect.runFork(call(input))
      fiber.addObserver(done)
      return () => fiber.unsafeInterruptAsFork(FiberId.none)
    }
  return {
    insert: start(client.insert),
    insertSettled: start(client.insertSettled),
    wrapUp: start(client.wrapUp),
    wrapUpSettled: start(client.wrapUpSettled),
  }
}

const settledOf = <A>(outcomes: ReadonlyArray<Either.Either<A, CtiClientError>>): ReadonlyArray<Settled<A>> =>
  outcomes.map(
    Either.match({
      onLeft: (reason): Settled<A> => ({ status: "rejected", reason }),
      onRight: (value): Settled<A> => ({ status: "fulfilled", value }),
    }),
  )

/** The Promise face of an Effect client; `close` closes `scope`, where the client lives. */
export const toPromiseClient = (client: CtiClientShape, scope: Scope.CloseableScope): PromiseCtiClient => {
  const calls = clientCalls.get(client) ?? throughFibers(client)
  const insert = promised(calls.insert)
  const wrapUp = promised(calls.wrapUp)
  const insertSettled = promised(calls.insertSettled)
  const wrapUpSettled = promised(calls.wrapUpSettled)
  return {
    insert: (interactions, options) => insert(interactions, options?.signal),
    wrapUp: (interactions, options) => wrapUp(interactions, options?.signal),
    insertSettled: (interactions, options) => insertSettled(interactions, options?.signal).then(settledOf),
    wrapUpSettled: (interactions, options) => wrapUpSettled(interactions, options?.signal).then(settledOf),
    close: () => Effect.runPromise(Scope.close(scope, Exit.void)),
  }
}

/**
 * `makeCtiClient` for callers who do not use Effect: an option the client cannot work with (an endpoint that is
 * not an http(s) URL, a timeout out of range) throws its own TypeError or RangeError, not Effect's wrapper of it.
 */
export const makePromiseClient = (
  options: CtiClientOptions,
  send: HttpSend,
  slots?: SlotSourceFactory,
): PromiseCtiClient => {
  const scope = Effect.runSync(Scope.make())
  const made = Effect.runSyncExit(Scope.extend(makeCtiClient(options, send, slots), scope))
  if (Exit.isFailure(made)) {
    Effect.runFork(Scope.close(scope, Exit.void))
    throw Cause.squash(made.cause)
  }
  return toPromiseClient(made.value, scope)
}
