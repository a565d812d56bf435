import type { ActivityIdentity, CtiFault, Interaction, WrapUpInteraction, WrapUpResult } from "@crmod-cti/core"
import type { ClientInsertResult } from "@crmod-cti/soap-http"
import type { NodeClientOptions } from "@crmod-cti/transport-node"
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type { DeadLetter, FaultRecord, Operation } from "./DeadLetter.js"
import type { DeliveredElsewhere } from "./DeliveredElsewhere.js"
import type { OutboxError } from "./OutboxError.js"
import type { OutboxEvent } from "./OutboxEvent.js"

export interface OutboxOptions extends NodeClientOptions {
  /**
   * Where the queue is kept: a directory (created if missing) for the embedded store, SQLite, open in one process
   * at a time; or a `postgres://` URL for a store that many processes and users share.
   */
  readonly store: string
  /** How long a claim holds before another outbox may take it over (default 30 s; renewed while delivering). */
  readonly leaseMs?: number
  /** Back-off after a transient failure: `initialMs` (default 1 s) doubled each attempt up to `maxMs` (at most and by default 1 minute). */
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number }
  /** How often the store is looked at for work that no enqueue of this outbox announced (default 1 s). */
  readonly pollIntervalMs?: number
  /** How long `close` lets the requests in flight finish (default 10 s). */
  readonly closeTimeoutMs?: number
}

/** One enqueued interaction. `delivered` gives its result once it is delivered. */
export interface Receipt<R> {
  readonly operation: Operation
  readonly interaction: ActivityIdentity
  /**
   * The interaction's result when this outbox delivers it (or, in a browser, the tab that delivers); a
   * `DeliveredElsewhere` when another outbox on the store delivered it and its result could not be learnt; fails
   * with its `CtiFault` when it becomes a dead letter, or with an `OutboxError` (`Closed`) when the outbox is
   * closed first (it stays pending in the store).
   */
  readonly delivered: Effect.Effect<R | DeliveredElsewhere, CtiFault | OutboxError>
}

export interface OutboxStats {
  /** Interactions of this endpoint and user in the store, not delivered and not dead (every process's). */
  readonly pending: number
  /** Age of the oldest of them in milliseconds, `null` when none. */
  readonly oldestPendingAgeMs: number | null
  /** Delivered by this outbox since it was opened. */
  readonly delivered: number
  /** Attempts that failed transiently and were scheduled again. */
  readonly retries: number
  /** Requests the service's rate limiter refused, those the client retried by itself included. */
  readonly rateLimited: number
  /** Claims taken over from an outbox whose lease ran out (it died, or stalled). */
  readonly reclaimed: number
  /** Dead letters of this endpoint and user in the store, by the fault's reason. */
  readonly deadLetters: Readonly<Record<string, number>>
  /** The fault that paused delivery (a refused password or a locked user), `null` while delivering. */
  readonly paused: FaultRecord | null
}

/** The outbox as an Effect service: the Promise face is `openOutbox`. */
export interface OutboxShape {
  /** Validates every interaction first (an invalid one fails the call and nothing is stored), then stores them durably. */
  readonly enqueueInsert: (
    interactions: ReadonlyArray<Interaction>,
  ) => Effect.Effect<ReadonlyArray<Receipt<ClientInsertResult>>, CtiFault | OutboxError>
  readonly enqueueWrapUp: (
    interactions: ReadonlyArray<WrapUpInteraction>,
  ) => Effect.Effect<ReadonlyArray<Receipt<WrapUpResult>>, CtiFault | OutboxError>
  readonly pending: Effect.Effect<number, OutboxError>
  /** Succeeds once nothing of this endpoint and user is pending. */
  readonly drained: Effect.Effect<void, OutboxError>
  readonly stats: Effect.Effect<OutboxStats, OutboxError>
  readonly deadLetters: Effect.Effect<ReadonlyArray<DeadLetter>, OutboxError>
  /** Puts the dead letters `filter` accepts (all by default) back in the queue; how many. */
  readonly retryDeadLetters: (filter?: (deadLetter: DeadLetter) => boolean) => Effect.Effect<number, OutboxError>
  /** New credentials for the same user: delivery resumes if a refused password had paused it. */
  readonly setCredentials: (credentials: { readonly password: string }) => Effect.Effect<void>
  readonly events: Stream.Stream<OutboxEvent>
}

export class Outbox extends Context.Tag("@crmod-cti/outbox/Outbox")<Outbox, OutboxShape>() {}
