import { normalizeEmail, phoneDigits } from "@crmod-cti/core"
import type { CrmRecord } from "./Records.js"

/**
 * The phone fields that ANI/DNIS and IVR matching search (`CONTRACT.md` §4): contacts' work, home and mobile
 * phones, leads' work and mobile phones, accounts' main phone.
 */
export type PhoneField =
  | "Contact work phone"
  | "Contact home phone"
  | "Contact mobile phone"
  | "Lead work phone"
  | "Lead mobile phone"
  | "Account main phone"

export const AllPhoneFields: ReadonlyArray<PhoneField> = [
  "Contact work phone",
  "Contact home phone",
  "Contact mobile phone",
  "Lead work phone",
  "Lead mobile phone",
  "Account main phone",
]

/** A record's searchable phone numbers, as digits (numbers without digits are not searchable). */
export const phoneKeysOf = (record: CrmRecord): ReadonlyArray<readonly [PhoneField, string]> => {
  const keys: Array<readonly [PhoneField, string]> = []
  const add = (field: PhoneField, value: string | undefined) => {
    const digits = value === undefined ? "" : phoneDigits(value)
    if (digits !== "") keys.push([field, digits])
  }
  switch (record.recordType) {
    case "Contact":
      add("Contact work phone", record.workPhone)
      add("Contact home phone", record.homePhone)
      add("Contact mobile phone", record.mobilePhone)
      break
    case "Lead":
      add("Lead work phone", record.workPhone)
      add("Lead mobile phone", record.mobilePhone)
      break
    case "Account":
      add("Account main phone", record.mainPhone)
      break
  }
  return keys
}

/** A contact's or lead's email address, normalised (the only records matched by email). */
export const emailKeyOf = (record: CrmRecord): string | undefined =>
  (record.recordType === "Contact" || record.recordType === "Lead") && record.email !== undefined
    ? normalizeEmail(record.email)
    : undefined
