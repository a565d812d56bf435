import { Interaction, WrapUpInteraction } from "@crmod-cti/core"
import * as Schema from "effect/Schema"

/** Which operation of the CTI Activity Web service an entry is for. */
export const Operation = Schema.Literal("insert", "wrapUp")
export type Operation = typeof Operation.Type

/** A fault as the outbox keeps it: the `CtiFault`'s fields, plain JSON. */
export const FaultRecord = Schema.Struct({
  reason: Schema.String,
  faultCode: Schema.Literal("Client", "Server"),
  errorCode: Schema.String,
  message: Schema.String,
})
export type FaultRecord = typeof FaultRecord.Type

/**
 * An interaction the service refused for good (a `Client` fault, `Access Denied`, an invalid value): kept until
 * `retryDeadLetters` puts it back. `at` is when it was refused, in epoch milliseconds. Plain JSON.
 */
export const DeadLetter = Schema.Union(
  Schema.Struct({
    operation: Schema.Literal("insert"),
    interaction: Schema.typeSchema(Interaction),
    fault: FaultRecord,
    at: Schema.Number,
  }),
  Schema.Struct({
    operation: Schema.Literal("wrapUp"),
    interaction: Schema.typeSchema(WrapUpInteraction),
    fault: FaultRecord,
    at: Schema.Number,
  }),
)
export type DeadLetter = typeof DeadLetter.Type
