import { type CtiFault, MaxInteractionsPerRequest } from "@crmod-cti/core"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { type Operation, outputElementOf } from "../Operations.js"
import { SoapResponseError, type SoapResponseErrorReason } from "../SoapResponseError.js"
import { bodyText } from "./BodyText.js"
import { readEnvelope } from "./Envelope.js"
import { excerpt } from "./Excerpt.js"
import { findFault, readFault } from "./FaultReader.js"
import { describeProblem } from "./XmlProblem.js"
import { parseXml } from "./XmlParser.js"
import { qualifiedName, type XmlElement } from "./XmlTree.js"

// An HTML page starts with its doctype or `<html>`, possibly after an XML declaration and comments. A comment
// cannot run past its first `-->`, so the pattern never backtracks across comments.
const htmlStart = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--(?:(?!-->)[\s\S])*-->\s*)*<(?:!doctype\s+html|html[\s>])/i
const looksLikeHtml = (text: string) => htmlStart.test(text.slice(0, 4096))

const failure = (reason: SoapResponseErrorReason, message: string) =>
  Either.left(new SoapResponseError({ reason, message }))

// A request has at most five interactions, so an answer has at most five results: the sixth `Activity` tag is refused
// where the parse meets it, before any result is read.
const resultCap = { localName: "Activity", max: MaxInteractionsPerRequest } as const

/** How to read one operation's results: its name, its result elements and the core schema that validates them. */
export interface ResultReader<A, I> {
  readonly operation: Operation
  readonly elements: ReadonlyArray<string>
  readonly schema: Schema.Schema<A, I>
}

const readActivity = <A>(
  activity: XmlElement,
  position: number,
  known: ReadonlySet<string>,
  decode: (record: unknown) => Either.Either<A, ParseResult.ParseError>,
): Either.Either<A, SoapResponseError> => {
  const record: Record<string, string> = Object.create(null)
  for (const field of activity.children) {
    if (!known.has(field.localName)) continue
    if (field.localName in record) {
      return failure("InvalidContent", `The response's Activity ${position} has more than one ${field.localName}`)
    }
    record[field.localName] = field.text
  }
  return Either.mapLeft(decode(record), (error) => {
    const name = String(ParseResult.ArrayFormatter.formatErrorSync(error)[0]?.path[0] ?? "")
    const value = record[name]
    return new SoapResponseError({
      reason: "InvalidContent",
      message:
        value === undefined
          ? `The response's Activity ${position} has no ${name}`
          : `The response's Activity ${position} has an invalid ${name}: ${excerpt(value)}`,
    })
  })
}

/**
 * A lenient reader of one operation's response: unknown elements are ignored and namespaces below the Body are
 * not insisted on, but every result is validated by the core's schema. A SOAP `Fault` anywhere in the Body is
 * the server's typed fault, whatever the HTTP status was.
 */
export const makeResponseReader = <A, I>(
  reader: ResultReader<A, I>,
): ((body: string | Uint8Array) => Either.Either<ReadonlyArray<A>, CtiFault | SoapResponseError>) => {
  const known: ReadonlySet<string> = new Set(reader.elements)
  const decode = Schema.decodeUnknownEither(reader.schema, { errors: "first" })
  const output = outputElementOf(reader.operation)
  return (body) => {
    const text = bodyText(body, Number.POSITIVE_INFINITY)
    if (typeof text !== "string") return failure("NotXml", "The response is not UTF-8 text")
    const received = () => `; received ${excerpt(text)}`
    const htmlPage = () => failure("HtmlPage", `The response is an HTML page, not a SOAP envelope${received()}`)
    if (looksLikeHtml(text)) return htmlPage()
    const root = parseXml(text, resultCap)
    if ("_tag" in root) {
      const reason = root._tag === "TooManyElements" ? "InvalidContent" : "NotXml"
      return failure(reason, `The response ${describeProblem(root)}${received()}`)
    }
    if (root.localName.toLowerCase() === "html") return htmlPage()
    const envelope = readEnvelope(root)
    if (typeof envelope === "string") return failure("NotSoap", `The response ${envelope}${received()}`)
    if (envelope.body === undefined) return failure("NotSoap", `The response's SOAP envelope has no Body${received()}`)
    const fault = findFault(envelope.body)
    if (fault !== undefined) return Either.left(readFault(fault))
    const [answer, other] = envelope.body.children
    if (other !== undefined) {
      return failure(
        "UnexpectedOperation",
        `The response is ambiguous: its Body holds more than one element${received()}`,
      )
    }
    if (answer?.localName !== output) {
      const found = answer === undefined ? "an empty Body" : qualifiedName(answer)
      return failure("UnexpectedOperation", `The response is not a ${output} but ${found}${received()}`)
    }
    const lists = answer.children.filter((child) => child.localName === "ListOfActivity")
    if (lists.length > 1) {
      return failure("InvalidContent", `The response is ambiguous: its ${output} has more than one ListOfActivity`)
    }
    const list = lists[0]
    if (list === undefined) {
      return failure("InvalidContent", `The response's ${output} has no ListOfActivity${received()}`)
    }
    const results: Array<A> = []
    for (const activity of list.children) {
      if (activity.localName !== "Activity") continue
      const result = readActivity(activity, results.length + 1, known, decode)
      if (Either.isLeft(result)) return Either.left(result.left)
      results.push(result.right)
    }
    return Either.right(results)
  }
}
