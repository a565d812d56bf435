// CONTRACT.md §9: parsing is linear and bounded before anything else. A request beyond a limit is a Client fault
// naming it; an answer beyond one is a SoapResponseError (which the clients turn into a CtiTransportError). Each
// flood is refused by the one pass that parses the document, where it crosses the limit: nothing past it is built.
import {
  decodeInsertResponse,
  decodeRequest,
  decodeWrapUpResponse,
  SoapResponseError,
  XmlLimits,
} from "@crmod-cti/soap-codec"
import type { Either } from "effect"
import { describe, expect, it } from "vitest"
import { callFields, envelope, insertEnvelope, left, right, sample } from "./Helpers.js"

const SoapNamespace = "http://schemas.xmlsoap.org/soap/envelope/"

const tooManyAttributes = "The request has an element with more than 64 attributes, the limit"
const tooManyDeclarations = "The request declares more than 64 namespaces, the limit"
const tooDeep = "The request nests elements more than 64 deep"

/** ` a0="v" a1="v" …`: `count` attributes, each with `value`. */
const attributes = (count: number, value = "v", name = (i: number) => `a${i}`) =>
  Array.from({ length: count }, (_, i) => ` ${name(i)}="${value}"`).join("")

/** ` xmlns:0="u" xmlns:1="u" …`: `count` namespace declarations, their prefixes in base 36 (short, as in a flood). */
const declarations = (count: number) => attributes(count, "u", (i) => `xmlns:n${i.toString(36)}`)

/** The chapter's insert request with `added` written into the start tag of its `ChannelType`. */
const onChannelType = (added: string) =>
  insertEnvelope(callFields.replace("<data:ChannelType>", `<data:ChannelType${added}>`))

/** The insert request with `count` empty elements, each declaring one namespace, in its header. */
const declaredOnManyElements = (count: number) =>
  envelope(
    `<cti:CTIActivityInsert_Input><data:ListOfInteraction><data:Interaction>${callFields}</data:Interaction>` +
      "</data:ListOfInteraction></cti:CTIActivityInsert_Input>",
    `${'<h xmlns:x="u"/>'.repeat(count)}<wsse:Security><wsse:UsernameToken><wsse:Username>OKP/mos.def</wsse:Username>` +
      "<wsse:Password>password</wsse:Password></wsse:UsernameToken></wsse:Security>",
  )

const nested = (depth: number, inner = "") => `${"<d:Queue>".repeat(depth)}${inner}${"</d:Queue>".repeat(depth)}`

const expectClientFault = (body: string, message: string) => {
  const fault = left(decodeRequest(body))
  expect(fault.faultCode).toBe("Client")
  expect(fault.reason).toBe("MalformedRequest")
  expect(fault.message).toBe(message)
}

describe("Requests: the limits of XmlLimits", () => {
  it("are 64 attributes on one element, 64 namespace declarations in the document, and 64 levels", () => {
    expect(XmlLimits).toEqual({ maxDepth: 64, maxAttributesPerElement: 64, maxNamespaceDeclarations: 64 })
  })

  it("40 000 attributes on one tag (312 KB, before any credentials are read) are refused at the 65th", () => {
    const flood = `<soapenv:Envelope xmlns:soapenv="${SoapNamespace}"${attributes(40_000)}>`
    expect(flood.length).toBeGreaterThan(300_000)
    expectClientFault(flood, tooManyAttributes)
    expectClientFault(`${flood}<soapenv:Body/></soapenv:Envelope>`, tooManyAttributes)
  })

  it("60 000 namespace declarations on one tag (880 KB) are refused at the 65th attribute", () => {
    const flood = `<soapenv:Envelope xmlns:soapenv="${SoapNamespace}"${declarations(60_000)}>`
    expect(flood.length).toBeGreaterThan(800_000)
    expectClientFault(flood, tooManyAttributes)
  })

  it("60 000 namespace declarations spread over as many elements are refused at the 65th", () => {
    const flood = declaredOnManyElements(60_000)
    expect(flood.length).toBeGreaterThan(900_000)
    expectClientFault(flood, tooManyDeclarations)
  })

  it("64 attributes on one element are read, 65 are not", () => {
    expect(right(decodeRequest(onChannelType(attributes(64)))).interactions).toHaveLength(1)
    expectClientFault(onChannelType(attributes(65)), tooManyAttributes)
  })

  it("64 namespace declarations in the document are read (the envelope's four among them), 65 are not", () => {
    expect(right(decodeRequest(declaredOnManyElements(60))).interactions).toHaveLength(1)
    expectClientFault(declaredOnManyElements(61), tooManyDeclarations)
    expect(right(decodeRequest(onChannelType(declarations(60)))).interactions).toHaveLength(1)
    expectClientFault(onChannelType(declarations(61)), tooManyDeclarations)
  })

  it("64 levels are read, 65 are not, wherever the nesting is", () => {
    const inQueue = (depth: number) =>
      insertEnvelope(`${callFields}${nested(depth).replaceAll("d:Queue", "data:Queue")}`)
    // The interaction is at depth 5: 59 more levels reach 64.
    expect(left(decodeRequest(inQueue(59))).message).toBe(
      "Caught exception while handling request: unexpected element in Queue: {urn:/crmondemand/xml/ctiactivity/data}Queue",
    )
    expectClientFault(inQueue(60), tooDeep)
    expectClientFault(envelope("", `<wsse:Security>${nested(100)}</wsse:Security>`), tooDeep)
  })

  it("a duplicate attribute far from its first occurrence in a big tag is found", () => {
    const big = "x".repeat(10_000)
    const tag = ` a="1"${attributes(62, big, (i) => `b${i}`)} a="2"`
    expect(tag.length).toBeGreaterThan(600_000)
    expectClientFault(
      onChannelType(tag),
      "The request is not well-formed XML: the attribute a appears twice in <data:ChannelType> (line 1)",
    )
  })
})

const insertOutput = (activities: string, added = "") =>
  `<s:Envelope xmlns:s="${SoapNamespace}"${added}><s:Body>` +
  '<o:CTIActivityInsert_Output xmlns:o="urn:crmondemand/ws/odctibs/ctiactivity/">' +
  `<d:ListOfActivity xmlns:d="urn:/crmondemand/xml/ctiactivity/data">${activities}</d:ListOfActivity>` +
  "</o:CTIActivityInsert_Output></s:Body></s:Envelope>"

const activity = (i: number) =>
  `<d:Activity><d:Status>OK</d:Status><d:InteractionId>${i}</d:InteractionId><d:AgentOfferTime>5</d:AgentOfferTime></d:Activity>`

const activities = (count: number) => Array.from({ length: count }, (_, i) => activity(i)).join("")

/** The SoapResponseError for an answer. */
const refusedAnswer = (
  body: string,
  decode: (body: string) => Either.Either<unknown, unknown> = decodeInsertResponse,
): SoapResponseError => {
  const error: unknown = left(decode(body))
  if (!(error instanceof SoapResponseError)) throw new Error(`expected a SoapResponseError, got ${String(error)}`)
  return error
}

describe("Answers: the same limits, and no more results than a request has interactions", () => {
  it("an answer of 100 000 results is refused at the sixth, before any is built", () => {
    const flood = insertOutput(activities(100_000))
    expect(flood.length).toBeGreaterThan(10_000_000)
    const error = refusedAnswer(flood)
    expect(error.reason).toBe("InvalidContent")
    expect(error.message).toMatch(/^The response has more than 5 Activity elements, the limit; received "<s:Envelope/)
  })

  it("five results are read, six are not", () => {
    expect(right(decodeInsertResponse(insertOutput(activities(5))))).toHaveLength(5)
    expect(refusedAnswer(insertOutput(activities(6))).reason).toBe("InvalidContent")
    const wrapUps = insertOutput(activities(6)).replaceAll("CTIActivityInsert_Output", "CTIActivityWrapUp_Output")
    expect(refusedAnswer(wrapUps, decodeWrapUpResponse).reason).toBe("InvalidContent")
  })

  it("40 000 attributes on one tag of an answer", () => {
    const error = refusedAnswer(insertOutput(activity(1), attributes(40_000)))
    expect(error.reason).toBe("NotXml")
    expect(error.message).toMatch(/^The response has an element with more than 64 attributes, the limit; received /)
  })

  it("60 000 namespace declarations in an answer", () => {
    const flood = insertOutput(`${'<d:Extra xmlns:x="urn:x"/>'.repeat(60_000)}${activity(1)}`)
    const error = refusedAnswer(flood)
    expect(error.reason).toBe("NotXml")
    expect(error.message).toMatch(/^The response declares more than 64 namespaces, the limit; received /)
  })

  it("an answer nested deeper than 64", () => {
    const error = refusedAnswer(insertOutput(`<d:Activity>${nested(200_000)}</d:Activity>`))
    expect(error.reason).toBe("NotXml")
    expect(error.message).toMatch(/^The response nests elements more than 64 deep; received /)
  })

  it("a duplicate attribute in an answer", () => {
    const error = refusedAnswer(insertOutput(activity(1), ` a="1"${attributes(62)} a="2"`))
    expect(error.reason).toBe("NotXml")
    expect(error.message).toMatch(/^The response is not well-formed XML: the attribute a appears twice in <s:Envelope>/)
  })

  it("the chapter's answers are well within the limits", () => {
    expect(right(decodeInsertResponse(sample("insert-response")))).toHaveLength(4)
    expect(right(decodeWrapUpResponse(sample("wrapup-response")))).toHaveLength(4)
  })
})
