import * as Data from "effect/Data"

/**
 * Why an element is not a usable CTI control, or attributes cannot be built: its `data-cti-action` is not one of
 * `CtiActions` (`UnknownAction`), a required attribute is absent or empty (`MissingAttribute`), a value breaks its
 * attribute's rule (`InvalidAttribute`), or an attribute name cannot be written in HTML (`InvalidAttributeName`).
 */
export type CtiControlErrorReason = "UnknownAction" | "MissingAttribute" | "InvalidAttribute" | "InvalidAttributeName"

/** A CTI control error naming the attribute (`data-cti-phone-number`) and the value found, when there is one. */
export class CtiControlError extends Data.TaggedError("CtiControlError")<{
  readonly reason: CtiControlErrorReason
  readonly attribute: string
  readonly value?: string
  readonly message: string
}> {}
