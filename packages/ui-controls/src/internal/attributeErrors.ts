import { AssociatedRecordTypes, fieldIssueOf } from "@crmod-cti/core"
import type * as ParseResult from "effect/ParseResult"
import { CtiActions, CtiAttributes } from "../CtiAttributes.js"
import { CtiControlError } from "../CtiControlError.js"

/** `found` is `""` for an empty attribute; `why` says when it is required only in some cases. */
export const missingAttribute = (attribute: string, found?: string, why?: string): CtiControlError => {
  const because = why === undefined ? "" : `: ${why}`
  return new CtiControlError({
    reason: "MissingAttribute",
    attribute,
    ...(found === undefined
      ? { message: `Missing attribute ${attribute}${because}` }
      : { value: found, message: `Attribute ${attribute} is empty${because}` }),
  })
}

export const invalidAttribute = (attribute: string, value: string, why: string): CtiControlError =>
  new CtiControlError({
    reason: "InvalidAttribute",
    attribute,
    value,
    message: `Invalid value "${value}" for attribute ${attribute}: ${why}`,
  })

export const unknownAction = (value: string): CtiControlError =>
  new CtiControlError({
    reason: "UnknownAction",
    attribute: CtiAttributes.action,
    value,
    message: `Unknown value "${value}" for attribute ${CtiAttributes.action}: expected one of ${CtiActions.join(", ")}`,
  })

export const invalidAttributeName = (name: string): CtiControlError =>
  new CtiControlError({
    reason: "InvalidAttributeName",
    attribute: name,
    message: `Invalid attribute name "${name}"`,
  })

// Decoding reports attribute names, encoding the event's field names: both lead to the attribute.
const attributeOf = (key: string): string => (CtiAttributes as Readonly<Record<string, string>>)[key] ?? key

const lovs = { [CtiAttributes.recordType]: AssociatedRecordTypes, recordType: AssociatedRecordTypes }

/**
 * The first issue of decoding attributes (or encoding an event into them) as the error of its attribute.
 * `values` holds what was checked, by attribute name or field; `found` what the element had, when that differs
 * (an empty attribute is checked as absent).
 */
export const attributeErrorOf = (
  error: ParseResult.ParseError,
  values: Readonly<Record<string, unknown>>,
  found: Readonly<Record<string, string>> = {},
): CtiControlError => {
  const issue = fieldIssueOf(error, values, { fallback: CtiAttributes.action, sent: found, lovs })
  const attribute = attributeOf(issue.field)
  return issue._tag === "Missing"
    ? missingAttribute(attribute, issue.sent, issue.why)
    : invalidAttribute(attribute, issue.value, issue.why)
}
