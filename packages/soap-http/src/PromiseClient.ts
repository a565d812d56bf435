import type { Interaction, InsertResult, WrapUpInteraction, WrapUpResult } from "@crmod-cti/core"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import { type CtiClientOptions, type CtiClientShape, makeCtiClient } from "./CtiClient.js"
import type { HttpSend } from "./HttpExchange.js"

/**
 * The client for callers who do not use Effect. Promises reject with the same typed errors the Effect API fails
 * with (`CtiFault`, `CtiTransportError`), so `error instanceof CtiFault` and `error.reason` work.
 */
export interface PromiseCtiClient {
  readonly insert: (interactions: ReadonlyArray<Interaction>) => Promise<ReadonlyArray<InsertResult>>
  readonly wrapUp: (interactions: ReadonlyArray<WrapUpInteraction>) => Promise<ReadonlyArray<WrapUpResult>>
}

const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(Effect.either(effect)).then(
    Either.match({
      onLeft: (error) => Promise.reject(error),
      onRight: (value) => value,
    }),
  )

export const toPromiseClient = (client: CtiClientShape): PromiseCtiClient => ({
  insert: (interactions) => run(client.insert(interactions)),
  wrapUp: (interactions) => run(client.wrapUp(interactions)),
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
