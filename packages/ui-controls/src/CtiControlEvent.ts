import { AssociatedRecordType, CtiString, StringLimits, optional } from "@crmod-cti/core"
import * as Schema from "effect/Schema"
import { type CtiAction, type CtiButtonAction, CtiAttributes } from "./CtiAttributes.js"

const attribute = <S extends Schema.Schema.All>(schema: S, name: string) =>
  Schema.propertySignature(schema).pipe(Schema.fromKey(name))

const optionalAttribute = <S extends Schema.Schema.All>(schema: S, name: string) =>
  optional(schema).pipe(Schema.fromKey(name))

/** The number a Click-to-Dial link dials: digits only; it becomes the outbound call's `Destination`. */
export const PhoneDigits = Schema.String.pipe(
  Schema.nonEmptyString({ message: () => "no digits" }),
  Schema.pattern(/^[0-9]+$/, { message: () => "not digits only" }),
  Schema.maxLength(StringLimits.Destination, { message: () => `longer than ${StringLimits.Destination} digits` }),
).annotations({ identifier: "PhoneDigits" })

/** An ITU country calling code: one to three digits. */
export const CountryCode = Schema.String.pipe(
  Schema.pattern(/^[0-9]{1,3}$/, { message: () => "not a country code of 1 to 3 digits" }),
).annotations({ identifier: "CountryCode" })

/**
 * A click on a Click-to-Dial link: the number to dial and, when the link carries them, its country code and the
 * record it belongs to (the outbound call is associated with that record). The encoded side is the link's
 * attributes.
 */
export const ClickToDial = Schema.Struct({
  action: attribute(Schema.Literal("clickToDial"), CtiAttributes.action),
  phoneNumber: attribute(PhoneDigits, CtiAttributes.phoneNumber),
  countryCode: optionalAttribute(CountryCode, CtiAttributes.countryCode),
  recordType: optionalAttribute(AssociatedRecordType, CtiAttributes.recordType),
  recordId: optionalAttribute(CtiString(StringLimits.AssociatedRecordId), CtiAttributes.recordId),
}).pipe(
  // A record is named by its type and id together; half of it would associate the call with nothing, silently.
  Schema.filter((link) =>
    (link.recordType === undefined) === (link.recordId === undefined)
      ? undefined
      : {
          path: [link.recordType === undefined ? "recordType" : "recordId"],
          message: "a record needs both its type and its id",
        },
  ),
  Schema.annotations({ identifier: "ClickToDial" }),
)
export type ClickToDial = typeof ClickToDial.Type

/** A click on a button acting on one interaction (`data-cti-interactionId`, an `InteractionId` of String (30)). */
const button = <A extends CtiButtonAction>(action: A) =>
  Schema.Struct({
    action: attribute(Schema.Literal(action), CtiAttributes.action),
    interactionId: attribute(CtiString(StringLimits.InteractionId), CtiAttributes.interactionId),
  }).annotations({ identifier: action })

/** A click on any CTI control, told apart by `action` (`data-cti-action`). */
export const CtiControlEvent = Schema.Union(
  ClickToDial,
  button("openVmail"),
  button("vmailOnPhone"),
  button("reassignEmail"),
  button("reassignVmail"),
  button("openEmail"),
  button("openChat"),
  button("openHistory"),
  button("endWrapUp"),
).annotations({ identifier: "CtiControlEvent" })
export type CtiControlEvent = typeof CtiControlEvent.Type

/** The event of one action, e.g. `CtiControlEventOf<"endWrapUp">`. */
export type CtiControlEventOf<A extends CtiAction> = Extract<CtiControlEvent, { readonly action: A }>
export type CtiButtonEvent = CtiControlEventOf<CtiButtonAction>
export type EndWrapUp = CtiControlEventOf<"endWrapUp">
