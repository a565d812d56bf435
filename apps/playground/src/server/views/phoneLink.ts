import { type AssociatedRecordType, isEmailAddress, phoneDigits } from "@crmod-cti/core"
import { clickToDialAttributes } from "@crmod-cti/ui-controls"
import { attributes, type Html, html } from "../html.js"

/** The record a number belongs to: an outbound call dialled from it is associated with that record. */
export interface DialRecord {
  readonly recordType: AssociatedRecordType
  readonly id: string
}

/**
 * A phone number as a Click-to-Dial link (`CONTRACT.md` §8): `tel:` with the number's digits, and the `data-cti-*`
 * attributes of ui-controls. A number without digits cannot be dialled and shows as text.
 */
export const phoneLink = (phone: string, record: DialRecord): Html => {
  const digits = phoneDigits(phone)
  if (digits === "") return html`${phone}`
  const ctiAttributes = clickToDialAttributes({
    phoneNumber: phone,
    recordType: record.recordType,
    recordId: record.id,
  })
  const tel = `tel:${phone.trim().startsWith("+") ? "+" : ""}${digits}`
  return html`<a class="phone" href="${tel}" ${attributes(ctiAttributes)}>${phone}</a>`
}

// Only the characters phone numbers are written with: `+1 (555) 111-1212`, `555.111.1212`.
const phoneLike = /^\+?[0-9][0-9\s().\-/]*$/

/**
 * An interaction's Origin or Destination: a phone number (a Click-to-Dial link) or an address or anything else,
 * shown as text.
 */
export const addressView = (value: string | undefined, record: DialRecord): Html | string | undefined =>
  value === undefined || isEmailAddress(value) || !phoneLike.test(value.trim()) ? value : phoneLink(value, record)
