import { AssociatedRecordTypes, ChannelTypes, fieldIssueOf } from "@crmod-cti/core"
import type * as ParseResult from "effect/ParseResult"
import { CtiCommandNames, type ServletParameterName, ServletParameters } from "../CtiCommand.js"
import { ServletParameterError } from "../ServletParameterError.js"
import type { Field } from "./commandSpecs.js"

/** `sent` is `""` for a parameter sent empty; `why` says when it is required only in some cases. */
export const missingParameter = (
  parameter: ServletParameterName,
  sent?: string,
  why?: string,
): ServletParameterError => {
  const because = why === undefined ? "" : `: ${why}`
  return new ServletParameterError({
    reason: "Missing",
    parameter,
    ...(sent === undefined
      ? { message: `Missing parameter "${parameter}"${because}` }
      : { value: sent, message: `Parameter "${parameter}" is empty${because}` }),
  })
}

const invalidParameter = (parameter: ServletParameterName, value: string, why: string): ServletParameterError =>
  new ServletParameterError({
    reason: "Invalid",
    parameter,
    value,
    message: `Invalid value "${value}" for parameter "${parameter}": ${why}`,
  })

export const repeatedParameter = (
  parameter: ServletParameterName,
  values: ReadonlyArray<string>,
): ServletParameterError =>
  new ServletParameterError({
    reason: "Invalid",
    parameter,
    value: values.join(", "),
    message: `Parameter "${parameter}" is given ${values.length} times (${values.map((v) => `"${v}"`).join(", ")}); give it once`,
  })

export const unknownCommand = (value: string): ServletParameterError =>
  new ServletParameterError({
    reason: "UnknownCommand",
    parameter: "Command",
    value,
    message: `Unknown value "${value}" for parameter "Command": expected one of ${CtiCommandNames.join(", ")}`,
  })

const lovs: { readonly [F in Field]?: ReadonlyArray<string> } = {
  recordType: AssociatedRecordTypes,
  channelType: ChannelTypes,
}

/**
 * The first issue of a command's decoding or encoding, as the error of the servlet parameter it concerns.
 * `values` are the parameters by field as checked; `sent` what was received, when that differs (an empty value is
 * checked as absent): a parameter without a value is Missing.
 */
export const parameterErrorOf = (
  error: ParseResult.ParseError,
  values: Readonly<Record<string, unknown>>,
  sent: Readonly<Record<string, string>> = {},
): ServletParameterError => {
  const issue = fieldIssueOf(error, values, { fallback: "command", sent, lovs })
  const parameter = ServletParameters[issue.field as Field] ?? ServletParameters.command
  return issue._tag === "Missing"
    ? missingParameter(parameter, issue.sent, issue.why)
    : invalidParameter(parameter, issue.value, issue.why)
}
