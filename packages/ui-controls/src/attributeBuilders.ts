import { type AssociatedRecordType, phoneDigits } from "@crmod-cti/core"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { type CtiButtonAction, CtiAttributes, WrapUpSaveId } from "./CtiAttributes.js"
import { CtiControlEvent } from "./CtiControlEvent.js"
import { attributeErrorOf, invalidAttribute } from "./internal/attributeErrors.js"
import { countryCodeOf } from "./internal/countryCode.js"

const encode = Schema.encodeEither(CtiControlEvent, { errors: "first" })

/**
 * The `data-cti-*` attributes of a control, in the order they are written.
 * @throws CtiControlError when the event breaks an attribute's rule (a typed event can still be too long).
 */
export const ctiControlAttributes = (event: CtiControlEvent): Readonly<Record<string, string>> =>
  Either.getOrThrowWith(
    Either.mapLeft(encode(event), (error) => attributeErrorOf(error, event)),
    (error) => error,
  )

export interface ClickToDialInput {
  /** The number as the record holds it (`+1 555 111 1212`): the link dials its digits. */
  readonly phoneNumber: string
  /** Given, its digits are used; otherwise it is told from the number's form when it can be (see the README). */
  readonly countryCode?: string
  /** The record the number belongs to: an outbound call from the link is associated with it. */
  readonly recordType: AssociatedRecordType
  readonly recordId: string
}

/**
 * The attributes of a Click-to-Dial link on a phone number (CONTRACT.md §8): `data-cti-action="clickToDial"`, the
 * number's digits, its country code when given or told by the number's form (`+44 20 …` → 44; eleven digits
 * starting with 1 → 1), and the record's type and id.
 * @throws CtiControlError when the number has no digits, or a value breaks its attribute's rule.
 */
export const clickToDialAttributes = (input: ClickToDialInput): Readonly<Record<string, string>> => {
  const digits = phoneDigits(input.phoneNumber)
  if (digits === "") throw invalidAttribute(CtiAttributes.phoneNumber, input.phoneNumber, "no digits")
  const countryCode =
    input.countryCode === undefined ? countryCodeOf(input.phoneNumber) : phoneDigits(input.countryCode)
  return ctiControlAttributes({
    action: "clickToDial",
    phoneNumber: digits,
    ...(countryCode === undefined ? {} : { countryCode }),
    recordType: input.recordType,
    recordId: input.recordId,
  })
}

/**
 * The attributes of a CTI button acting on an interaction; the wrap-up form's Save button (`endWrapUp`) also gets
 * its `id`, `CTIWrapUp_Save`.
 * @throws CtiControlError when the interaction id is empty or over 30 characters.
 */
export const ctiButtonAttributes = (
  action: CtiButtonAction,
  interactionId: string,
): Readonly<Record<string, string>> => ({
  ...(action === "endWrapUp" ? { id: WrapUpSaveId } : {}),
  ...ctiControlAttributes({ action, interactionId }),
})
