import type { Interaction, InsertResult, WrapUpInteraction, WrapUpResult } from "@crmod-cti/core"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { CtiClientShape } from "./CtiClient.js"

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
