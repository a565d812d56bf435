import * as ParseResult from "effect/ParseResult"

/**
 * The first issue of a schema's decoding or encoding of named values (a command's parameters, a control's
 * attributes), told about the one value it concerns, so that an error can name that value and say why.
 * `Missing`: the value is absent (`sent` is what was received, `""` for a value sent empty; `why` says why it is
 * required when the schema says more than that it is missing). `Invalid`: the value as given, and why.
 */
export type FieldIssue =
  | { readonly _tag: "Missing"; readonly field: string; readonly sent?: string; readonly why?: string }
  | { readonly _tag: "Invalid"; readonly field: string; readonly value: string; readonly why: string }

export interface FieldIssueOptions {
  /** The field an issue without a path concerns (the whole record's). */
  readonly fallback: string
  /** What was received by field, when it differs from the values checked (an empty value is checked as absent). */
  readonly sent?: Readonly<Record<string, string>>
  /**
   * The list of values of a field, said in one line (`expected one of A, B, C`) where Effect's formatter spells a
   * literal union out member by member.
   */
  readonly lovs?: Readonly<Record<string, ReadonlyArray<string>>>
}

/** The first issue of `error`, which decoding or encoding `values` raised, as a `FieldIssue`. */
export const fieldIssueOf = (
  error: ParseResult.ParseError,
  values: Readonly<Record<string, unknown>>,
  options: FieldIssueOptions,
): FieldIssue => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  const field = String(issue?.path[0] ?? options.fallback)
  const value = values[field]
  const sent = options.sent?.[field]
  if (value === undefined) {
    const why = issue === undefined || issue._tag === "Missing" ? undefined : issue.message
    return {
      _tag: "Missing",
      field,
      ...(sent === undefined ? {} : { sent }),
      ...(why === undefined ? {} : { why }),
    }
  }
  const lov = options.lovs?.[field]
  const why = issue?._tag === "Type" && lov !== undefined ? `expected one of ${lov.join(", ")}` : issue?.message
  return { _tag: "Invalid", field, value: String(value), why: why ?? "invalid" }
}
