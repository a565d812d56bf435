import type { Interaction, InsertResult, WrapUpInteraction, WrapUpResult } from "@crmod-cti/core"
import { createClient, type NodeClientOptions } from "@crmod-cti/transport-node"

/** One interaction's outcome, as `Promise.allSettled` gives it (the delivery client's settled results). */
export type Settled<A> =
  | { readonly status: "fulfilled"; readonly value: A }
  | { readonly status: "rejected"; readonly reason: unknown }

/**
 * What the outbox needs of the delivery client: one outcome per interaction, in order, for any number of
 * interactions (CONTRACT §10). The one place that knows which client delivers.
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

/**
 * transport-node's client: the outbox's interactions share its requests of five with each other, paced under the
 * user's rate limit with every other client of the user in this process; a fault that answers a whole request is
 * resolved per interaction.
 */
export const makeDelivery = (options: NodeClientOptions): Delivery => createClient(options)
