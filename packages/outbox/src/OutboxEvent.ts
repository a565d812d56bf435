import type { ActivityIdentity, InsertResult, WrapUpResult } from "@crmod-cti/core"
import type { DeadLetter, FaultRecord, Operation } from "./DeadLetter.js"
import type { ExchangeRecord } from "./ExchangeRecord.js"

/** What the outbox tells as it delivers (`on` of the Promise face, `events` of the Effect service). */
export type OutboxEvent =
  /** Delivered by this process. */
  | {
      readonly type: "delivered"
      readonly operation: Operation
      readonly interaction: ActivityIdentity
      readonly result: InsertResult | WrapUpResult
    }
  /**
   * Claimed after the lease of another claim ran out (its outbox died or stalled): it may have been sent already,
   * so the service may see it twice (harmless: a repeat answers `Activity already exists`).
   */
  | { readonly type: "reclaimed"; readonly operation: Operation; readonly interaction: ActivityIdentity }
  /** A transient failure: the interaction is tried again after `delayMs`. */
  | {
      readonly type: "retrying"
      readonly operation: Operation
      readonly interaction: ActivityIdentity
      readonly error: string
      readonly attempt: number
      readonly delayMs: number
    }
  | { readonly type: "deadLetter"; readonly deadLetter: DeadLetter }
  /** The service refused the password (or the user is locked): nothing is sent until `setCredentials`. */
  | { readonly type: "paused"; readonly fault: FaultRecord }
  | { readonly type: "resumed" }
  /** One HTTP exchange of a delivery: the SOAP request (password masked) and the answer. */
  | { readonly type: "exchange"; readonly exchange: ExchangeRecord }
