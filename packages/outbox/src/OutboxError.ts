import * as Data from "effect/Data"

/** Why the outbox could not do what it was asked (faults of the service are the core's `CtiFault`s instead). */
export type OutboxErrorReason =
  /** The embedded store is open in another outbox (this process or another): one at a time. */
  | "StoreInUse"
  /** The store could not be opened, read or written. */
  | "StoreFailed"
  /** The browser's storage quota for the site is used up: the interactions were not stored. */
  | "QuotaExceeded"
  /** The outbox was closed: the interaction stays pending in the store for the next outbox opened on it. */
  | "Closed"

export class OutboxError extends Data.TaggedError("OutboxError")<{
  readonly reason: OutboxErrorReason
  readonly message: string
  readonly cause?: unknown
}> {}
