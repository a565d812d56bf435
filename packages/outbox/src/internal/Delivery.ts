import {
  CtiFault,
  type Interaction,
  type InsertResult,
  type WrapUpInteraction,
  type WrapUpResult,
} from "@crmod-cti/core"
import { createClient, type NodeClientOptions } from "@crmod-cti/transport-node"

/** One interaction's outcome, as `Promise.allSettled` gives it (the delivery client's settled results). */
export type Settled<A> =
  | { readonly status: "fulfilled"; readonly value: A }
  | { readonly status: "rejected"; readonly reason: unknown }

/**
 * What the outbox needs of the delivery client: one outcome per interaction, in order, for any number of
 * interactions. It is the Promise face of the client's `insertSettled`/`wrapUpSettled` (CONTRACT §10), so that the
 * client that shares requests and paces them can take this module's place as it is.
 */
export interface Delivery {
  readonly insertSettled: (
    interactions: ReadonlyArray<Interaction>,
    options: { readonly signal: AbortSignal },
  ) => Promise<ReadonlyArray<Settled<InsertResult>>>
  readonly wrapUpSettled: (
    interactions: ReadonlyArray<WrapUpInteraction>,
    options: { readonly signal: AbortSignal },
  ) => Promise<ReadonlyArray<Settled<WrapUpResult>>>
  readonly close: () => unknown
}

// Faults that answer a whole request for one interaction's sake: sent again one by one, each interaction gets its own.
const perInteraction: ReadonlySet<string> = new Set([
  "AccessDenied",
  "InvalidValue",
  "RequiredField",
  "InvalidBoolean",
  "MissingElement",
])

const chunksOfFive = <A>(items: ReadonlyArray<A>): ReadonlyArray<ReadonlyArray<A>> => {
  const chunks: Array<ReadonlyArray<A>> = []
  for (let start = 0; start < items.length; start += 5) chunks.push(items.slice(start, start + 5))
  return chunks
}

const settle = <I, R>(
  call: (interactions: ReadonlyArray<I>, options: { readonly signal: AbortSignal }) => Promise<ReadonlyArray<R>>,
) => {
  const request = (
    chunk: ReadonlyArray<I>,
    options: { readonly signal: AbortSignal },
  ): Promise<ReadonlyArray<Settled<R>>> =>
    call(chunk, options).then(
      (results) => results.map((value): Settled<R> => ({ status: "fulfilled", value })),
      (reason: unknown) =>
        reason instanceof CtiFault && perInteraction.has(reason.reason) && chunk.length > 1
          ? Promise.all(chunk.map((one) => request([one], options))).then((singles) => singles.flat())
          : chunk.map((): Settled<R> => ({ status: "rejected", reason })),
    )
  return (interactions: ReadonlyArray<I>, options: { readonly signal: AbortSignal }) =>
    Promise.all(chunksOfFive(interactions).map((chunk) => request(chunk, options))).then((chunks) => chunks.flat())
}

/**
 * The delivery client over today's `createClient` of transport-node: requests of five, and a fault that answers
 * a whole request resolved by sending its interactions again one by one.
 */
export const makeDelivery = (options: NodeClientOptions): Delivery => {
  const client = createClient(options)
  return {
    insertSettled: settle(client.insert),
    wrapUpSettled: settle(client.wrapUp),
    close: client.close,
  }
}
