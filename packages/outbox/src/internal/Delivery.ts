import type { Interaction, WrapUpInteraction, WrapUpResult } from "@crmod-cti/core"
import type { ClientInsertResult, ObservedExchange } from "@crmod-cti/soap-http"

/** One interaction's outcome, as `Promise.allSettled` gives it (the delivery client's settled results). */
export type Settled<A> =
  | { readonly status: "fulfilled"; readonly value: A }
  | { readonly status: "rejected"; readonly reason: unknown }

/**
 * What the outbox needs of the delivery client: one outcome per interaction, in order, for any number of
 * interactions (CONTRACT §10). transport-node's client in Node, transport-fetch's in a browser: their interactions
 * share requests of five, paced under the user's rate limit; a fault that answers a whole request is resolved per
 * interaction.
 */
export interface Delivery {
  readonly insertSettled: (
    interactions: ReadonlyArray<Interaction>,
    options: { readonly signal: AbortSignal },
  ) => Promise<ReadonlyArray<Settled<ClientInsertResult>>>
  readonly wrapUpSettled: (
    interactions: ReadonlyArray<WrapUpInteraction>,
    options: { readonly signal: AbortSignal },
  ) => Promise<ReadonlyArray<Settled<WrapUpResult>>>
  readonly close: () => unknown
}

/** A delivery client signed in with `password` that reports every HTTP exchange to `onExchange`. */
export type MakeDelivery = (password: string, onExchange: (exchange: ObservedExchange) => void) => Delivery
