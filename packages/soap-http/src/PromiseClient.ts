import type { Interaction, InsertResult, WrapUpInteraction, WrapUpResult } from "@crmod-cti/core"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import { type CtiClientOptions, type CtiClientShape, makeCtiClient } from "./CtiClient.js"
import type { HttpSend } from "./HttpExchange.js"

/** What one call of the Promise API may be given. */
export interface CallOptions {
  /**
   * Cancels the call: the request in flight is aborted, no retry or further batch starts, and the promise rejects
   * with `signal.reason` (an `AbortError` DOMException unless given another), as `fetch` does. Batches of five that
   * were answered before stay logged; logging them again is safe (a repeat answers `Activity already exists`).
   */
  readonly signal?: AbortSignal
}

/**
 * The client for callers who do not use Effect. Promises reject with the same typed errors the Effect API fails
 * with (`CtiFault`, `CtiTransportError`), so `error instanceof CtiFault` and `error.reason` work.
 */
export interface PromiseCtiClient {
  readonly insert: (
    interactions: ReadonlyArray<Interaction>,
    options?: CallOptions,
  ) => Promise<ReadonlyArray<InsertResult>>
  readonly wrapUp: (
    interactions: ReadonlyArray<WrapUpInteraction>,
    options?: CallOptions,
  ) => Promise<ReadonlyArray<WrapUpResult>>
}

const run = <A, E>(effect: Effect.Effect<A, E>, signal: AbortSignal | undefined): Promise<A> => {
  if (signal?.aborted) return Promise.reject(signal.reason)
  return Effect.runPromiseExit(effect, signal === undefined ? undefined : { signal }).then((exit) => {
    if (Exit.isSuccess(exit)) return exit.value
    if (signal?.aborted) throw signal.reason
    const failure = Cause.failureOption(exit.cause)
    throw Option.isSome(failure) ? failure.value : Cause.squash(exit.cause)
  })
}

export const toPromiseClient = (client: CtiClientShape): PromiseCtiClient => ({
  insert: (interactions, options) => run(client.insert(interactions), options?.signal),
  wrapUp: (interactions, options) => run(client.wrapUp(interactions), options?.signal),
})

/**
 * `makeCtiClient` for callers who do not use Effect: an option the client cannot work with (an endpoint that is
 * not an http(s) URL, a timeout out of range) throws its own TypeError or RangeError, not Effect's wrapper of it.
 */
export const makePromiseClient = (options: CtiClientOptions, send: HttpSend): PromiseCtiClient => {
  const made = Effect.runSyncExit(makeCtiClient(options, send))
  if (Exit.isFailure(made)) throw Cause.squash(made.cause)
  return toPromiseClient(made.value)
}
