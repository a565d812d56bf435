// The one mapper from a schema's first issue to the value it concerns, which the servlet URLs' parameter errors and
// the HTML controls' attribute errors are told from.
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { describe, expect, it } from "vitest"
import { fieldIssueOf } from "@crmod-cti/core"

const Colours = ["Red", "Green", "Blue"] as const
const Paint = Schema.Struct({
  colour: Schema.Literal(...Colours),
  coats: Schema.optionalWith(Schema.NumberFromString, { exact: true }),
  code: Schema.optionalWith(Schema.String.pipe(Schema.maxLength(3, { message: () => "at most 3 characters" })), {
    exact: true,
  }),
}).pipe(Schema.filter((paint) => paint.colour !== "Red" || paint.coats === undefined || "Red takes no coats"))

const issueOf = (values: Record<string, string>, sent?: Record<string, string>) => {
  const result = Schema.decodeUnknownEither(Paint, { errors: "first" })(values)
  if (Either.isRight(result)) throw new Error("expected an issue")
  return fieldIssueOf(result.left, values, { fallback: "paint", lovs: { colour: Colours }, ...(sent ? { sent } : {}) })
}

describe("fieldIssueOf", () => {
  it("a value absent is Missing, naming its field", () => {
    expect(issueOf({})).toEqual({ _tag: "Missing", field: "colour" })
  })

  it("a value sent empty (checked as absent) is Missing with what was sent", () => {
    expect(issueOf({}, { colour: "" })).toEqual({ _tag: "Missing", field: "colour", sent: "" })
  })

  it("a value outside a list of values is Invalid, the list said in one line", () => {
    expect(issueOf({ colour: "Mauve" })).toEqual({
      _tag: "Invalid",
      field: "colour",
      value: "Mauve",
      why: "expected one of Red, Green, Blue",
    })
  })

  it("any other broken rule is Invalid with the schema's message", () => {
    expect(issueOf({ colour: "Blue", code: "ABCD" })).toEqual({
      _tag: "Invalid",
      field: "code",
      value: "ABCD",
      why: "at most 3 characters",
    })
  })

  it("an issue of the whole record concerns the fallback field", () => {
    expect(issueOf({ colour: "Red", coats: "2" }, {})).toEqual({
      _tag: "Missing",
      field: "paint",
      why: "Red takes no coats",
    })
    const withValue = Schema.decodeUnknownEither(Paint, { errors: "first" })({ colour: "Red", coats: "2" })
    if (Either.isRight(withValue)) throw new Error("expected an issue")
    expect(fieldIssueOf(withValue.left, { paint: "red paint" }, { fallback: "paint" })).toEqual({
      _tag: "Invalid",
      field: "paint",
      value: "red paint",
      why: "Red takes no coats",
    })
  })
})
