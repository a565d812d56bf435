import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { indexOfIllegalXmlCharacter, trimXmlWhiteSpace } from "./XmlText.js"

/** Epoch seconds as the wire writes them: decimal digits only. */
const epochText = /^[0-9]{1,16}$/

/** Characters, not UTF-16 code units: `String (n)` limits count what a user typed. */
export const characterLength = (value: string): number => {
  let length = 0
  for (const _ of value) length++
  return length
}

/**
 * A field that is either absent or has a value, never present as `undefined` (the packages compile with
 * `exactOptionalPropertyTypes`): the optional fields of every schema of the toolkit.
 */
export const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

/** Why a text is not one CRM On Demand stores, or `undefined` when it is. */
const textProblem = (s: string): string | undefined =>
  trimXmlWhiteSpace(s) !== s
    ? "leading or trailing white space"
    : indexOfIllegalXmlCharacter(s) !== -1
      ? "a character XML cannot carry"
      : undefined

/**
 * A text value as CRM On Demand stores it: no leading or trailing XML white space (pretty-printing adds it; any other
 * space character is part of the value) and only characters that XML 1.0 can carry.
 */
export const CtiText = Schema.String.pipe(
  Schema.filter((s) => textProblem(s) ?? true),
  Schema.annotations({ identifier: "CtiText" }),
)

/**
 * The chapter's `String (n)`: non-empty text of at most `n` characters. Its rules are one filter whose message is the
 * first rule broken: every text field of every request and answer goes through it, and each filter of a schema is a
 * step of its own for Effect's parser.
 */
export const CtiString = (maxLength: number) =>
  Schema.String.pipe(
    Schema.filter(
      (s) =>
        textProblem(s) ??
        (s.length === 0 ? "empty" : characterLength(s) > maxLength ? `longer than ${maxLength} characters` : true),
    ),
    Schema.annotations({ identifier: `String(${maxLength})`, jsonSchema: { maxLength } }),
  )

/** Length limits of the chapter's `String (n)` parameters, by parameter. */
export const StringLimits = {
  InteractionId: 30,
  AssociatedRecordId: 100,
  CampaignSourceCode: 100,
  ContactPhoneNumber: 100,
  Destination: 100,
  Origin: 100,
  Queue: 250,
  ServiceRequestNumber: 100,
} as const

/**
 * The chapter's `Date-Time`: UNIX epoch seconds, a non-negative integer, written in decimal digits only
 * (no sign, fraction or exponent).
 */
export const EpochSeconds = Schema.transformOrFail(
  Schema.String,
  Schema.Number.pipe(Schema.int(), Schema.between(0, Number.MAX_SAFE_INTEGER)),
  {
    strict: true,
    decode: (text, _, ast) =>
      epochText.test(text) && Number(text) <= Number.MAX_SAFE_INTEGER
        ? ParseResult.succeed(Number(text))
        : ParseResult.fail(new ParseResult.Type(ast, text, "not epoch seconds")),
    encode: (seconds) => ParseResult.succeed(String(seconds)),
  },
).annotations({ identifier: "EpochSeconds" })

/** The contract's `Boolean`: `true`/`1` are true, `false`/`0` are false, anything else is an error. */
export const CtiBoolean = Schema.transformOrFail(Schema.String, Schema.Boolean, {
  strict: true,
  decode: (text, _, ast) => {
    if (text === "true" || text === "1") return ParseResult.succeed(true)
    if (text === "false" || text === "0") return ParseResult.succeed(false)
    return ParseResult.fail(new ParseResult.Type(ast, text, "not a boolean"))
  },
  encode: (value) => ParseResult.succeed(value ? "true" : "false"),
}).annotations({ identifier: "CtiBoolean" })
