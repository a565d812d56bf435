import type { Interaction, WrapUpInteraction, WrapUpResult } from "@crmod-cti/core"
import type * as Either from "effect/Either"
import type * as Exit from "effect/Exit"
import type { ClientInsertResult, CtiClientError, CtiClientShape } from "../CtiClient.js"

/** Starts one call: `done` is told how it ended, once; what it returns abandons it (its caller gave up). */
export type StartCall<A, E, In> = (input: In, done: (exit: Exit.Exit<A, E>) => void) => () => void

/** What a call that ended before it started returns. */
export const nothingToAbandon = (): void => undefined

/** One outcome per interaction of a call, in order. */
export type Outcomes<R> = ReadonlyArray<Either.Either<R, CtiClientError>>

/**
 * The client's calls as plain functions, of which both faces are made: the Effect API wraps each in `Effect.async`,
 * the Promise API in a Promise, without a fiber per call.
 */
export interface ClientCalls {
  readonly insert: StartCall<ReadonlyArray<ClientInsertResult>, CtiClientError, ReadonlyArray<Interaction>>
  readonly insertSettled: StartCall<Outcomes<ClientInsertResult>, never, ReadonlyArray<Interaction>>
  readonly wrapUp: StartCall<ReadonlyArray<WrapUpResult>, CtiClientError, ReadonlyArray<WrapUpInteraction>>
  readonly wrapUpSettled: StartCall<Outcomes<WrapUpResult>, never, ReadonlyArray<WrapUpInteraction>>
}

/** The plain calls of each client `makeCtiClient` made, for `toPromiseClient`. */
export const clientCalls = new WeakMap<CtiClientShape, ClientCalls>()
