import { CtiFault, type FaultReason, type InsertResult, type WrapUpResult } from "@crmod-cti/core"
import type { FaultRecord } from "../DeadLetter.js"

/** What to do with an interaction after an attempt to deliver it. */
export type Outcome =
  | { readonly _tag: "Delivered" }
  /** Tried again after a back-off, for as long as it takes. */
  | { readonly _tag: "Transient"; readonly error: string }
  /** Refused for good: a dead letter. */
  | { readonly _tag: "Permanent"; readonly fault: FaultRecord }
  /** The user's password was refused (or the user is locked): every delivery waits for new credentials. */
  | { readonly _tag: "Credentials"; readonly fault: FaultRecord }

const credentials: ReadonlySet<string> = new Set(["AuthenticationFailed", "MissingPassword", "MissingUsername"])

export const faultRecord = (fault: CtiFault): FaultRecord => ({
  reason: fault.reason,
  faultCode: fault.faultCode,
  errorCode: fault.errorCode,
  message: fault.message,
})

/** The `CtiFault` a kept fault stands for. */
export const faultOf = (record: FaultRecord): CtiFault =>
  new CtiFault({ ...record, reason: record.reason as FaultReason })

const describe = (error: unknown): string => {
  if (error instanceof Error) return `${(error as { _tag?: string })._tag ?? error.name}: ${error.message}`
  return String(error)
}

/**
 * A failed attempt: a `Server` fault (`RateLimited`, `OperationsAllotment`, a server error) and any failure below
 * the service (connection refused or reset, a timeout, an HTML page) are transient; a `Client` fault is permanent,
 * except a refused password, which pauses delivery. Anything else (a defect) is retried too: the outbox never
 * drops what it was given.
 */
export const classifyFailure = (error: unknown): Outcome => {
  if (error instanceof CtiFault) {
    if (credentials.has(error.reason)) return { _tag: "Credentials", fault: faultRecord(error) }
    if (error.faultCode === "Client") return { _tag: "Permanent", fault: faultRecord(error) }
    return { _tag: "Transient", error: describe(error) }
  }
  return { _tag: "Transient", error: describe(error) }
}

/**
 * An answer for one interaction. `Error` and `Unable to create activity` are the service's failures to store it,
 * tried again like a `Server` fault; every other status is the interaction's result (`Activity already exists`
 * and `Activity has already been wrapped up` mean it is logged).
 */
export const classifyResult = (result: InsertResult | WrapUpResult): Outcome =>
  result.Status === "Error" || result.Status === "Unable to create activity"
    ? { _tag: "Transient", error: `Status: ${result.Status}` }
    : { _tag: "Delivered" }
