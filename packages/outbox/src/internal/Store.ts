import type * as Effect from "effect/Effect"
import type { FaultRecord, Operation } from "../DeadLetter.js"
import type { OutboxError } from "../OutboxError.js"

/** Whose entries an outbox delivers: its endpoint's and user's (a store holds no credentials). */
export interface Owner {
  readonly endpoint: string
  readonly username: string
  /** `COMPANY` of `COMPANY/user`: activities are identified within a company. */
  readonly company: string
  /** This outbox's claims, unique per open. */
  readonly claimant: string
}

/** An interaction to store, already valid. */
export interface NewEntry {
  readonly operation: Operation
  readonly interactionId: string
  readonly agentOfferTime: number
  /** The validated interaction, as JSON. */
  readonly interaction: string
}

export interface ClaimedEntry extends NewEntry {
  readonly id: number
  /** Failed attempts so far. */
  readonly attempts: number
  /** Another outbox had claimed it and its lease ran out. */
  readonly reclaimed: boolean
}

export interface DeadEntry {
  readonly id: number
  readonly operation: Operation
  readonly interaction: string
  readonly fault: string
  readonly at: number
}

export interface PendingCount {
  readonly count: number
  /** Age of the oldest pending entry in milliseconds, by the store's clock. */
  readonly oldestAgeMs: number | undefined
}

/**
 * The durable queue. Entries of one identity (endpoint, company, InteractionId, AgentOfferTime) are claimed in the
 * order they were stored, one at a time: the next waits until the one before is delivered or dead. A claim is a
 * lease: if its outbox dies, the entry can be claimed again once the lease has run out.
 */
export interface OutboxStore {
  /** Stores the entries durably; an identity already pending for the same operation keeps its entry. Their ids. */
  readonly enqueue: (
    owner: Owner,
    entries: ReadonlyArray<NewEntry>,
  ) => Effect.Effect<ReadonlyArray<number>, OutboxError>
  readonly claim: (
    owner: Owner,
    limit: number,
    leaseMs: number,
  ) => Effect.Effect<ReadonlyArray<ClaimedEntry>, OutboxError>
  /** Extends the leases of claims in progress. */
  readonly renew: (owner: Owner, ids: ReadonlyArray<number>, leaseMs: number) => Effect.Effect<void, OutboxError>
  /** Delivered: removed. */
  readonly complete: (ids: ReadonlyArray<number>) => Effect.Effect<void, OutboxError>
  /** Handed back, to be claimed again after `delayMs`; `failed` counts an attempt. */
  readonly release: (
    owner: Owner,
    releases: ReadonlyArray<{ readonly id: number; readonly delayMs: number; readonly failed: boolean }>,
  ) => Effect.Effect<void, OutboxError>
  /** Every claim of this outbox handed back at once. */
  readonly releaseAll: (owner: Owner) => Effect.Effect<void, OutboxError>
  /** Dead letters: the entry and the entries of its identity stored after it. Their ids. */
  readonly kill: (id: number, fault: FaultRecord) => Effect.Effect<ReadonlyArray<number>, OutboxError>
  readonly deadLetters: (owner: Owner) => Effect.Effect<ReadonlyArray<DeadEntry>, OutboxError>
  /** Dead letters pending again (dropped where the same identity and operation is pending already). */
  readonly revive: (ids: ReadonlyArray<number>) => Effect.Effect<void, OutboxError>
  /** Of `ids`, the entries still in the store, with their fault (JSON) when they are dead letters, else `null`. */
  readonly states: (
    ids: ReadonlyArray<number>,
  ) => Effect.Effect<ReadonlyArray<{ readonly id: number; readonly fault: string | null }>, OutboxError>
  readonly pending: (owner: Owner) => Effect.Effect<PendingCount, OutboxError>
  readonly close: Effect.Effect<void>
}
