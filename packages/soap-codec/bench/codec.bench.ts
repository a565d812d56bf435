import { readFileSync } from "node:fs"
import { validateInsertRequest } from "@crmod-cti/core"
import { Either } from "effect"
import * as soap from "soap"
import { bench, describe } from "vitest"
import {
  ctiActivityWsdl,
  decodeInsertResponse,
  decodeRequest,
  decodeWrapUpResponse,
  encodeInsertRequest,
  encodeInsertResponse,
  encodeWrapUpRequest,
  encodeWrapUpResponse,
} from "../src/index.js"
import { readEnvelope } from "../src/internal/Envelope.js"
import { readRawInteractions } from "../src/internal/RequestReader.js"
import { parseXml } from "../src/internal/XmlParser.js"

/** One of the chapter's sample envelopes (the test fixtures), exactly as printed, indentation included. */
const sample = (name: string) => readFileSync(new URL(`../test/fixtures/${name}.xml`, import.meta.url), "utf8")

// What users would otherwise pick: the `soap` package reads every envelope, on its server and in its client, with
// `WSDL.xmlToObject` on the WSDL object it builds from the service's WSDL, as `soap.listen` does with ours here.
const endpoint = "http://127.0.0.1/Services/Integration"
const soapWsdl = new soap.WSDL(ctiActivityWsdl(endpoint), endpoint, {})
await new Promise<void>((resolve, reject) => soapWsdl.onReady((error) => (error ? reject(error) : resolve())))

const compare = (title: string, text: string, decode: () => unknown, encode: () => unknown) =>
  describe(`${title} (${new TextEncoder().encode(text).byteLength} bytes)`, () => {
    bench("decode", () => {
      decode()
    })
    bench("soap package WSDL.xmlToObject", () => {
      soapWsdl.xmlToObject(text)
    })
    bench("encode", () => {
      encode()
    })
  })

const insertRequest = sample("insert-request")
const insert = Either.getOrThrow(decodeRequest(insertRequest))
const wrapUpRequest = sample("wrapup-request")
const wrapUp = Either.getOrThrow(decodeRequest(wrapUpRequest))
if (insert.operation !== "CTIActivityInsert" || wrapUp.operation !== "CTIActivityWrapUp") {
  throw new Error("the samples must decode to their operations")
}
const insertResponse = sample("insert-response")
const insertResults = Either.getOrThrow(decodeInsertResponse(insertResponse))
const wrapUpResponse = sample("wrapup-response")
const wrapUpResults = Either.getOrThrow(decodeWrapUpResponse(wrapUpResponse))

compare(
  "CTIActivityInsert request",
  insertRequest,
  () => decodeRequest(insertRequest),
  () => encodeInsertRequest(insert.interactions, { security: insert.security }),
)
compare(
  "CTIActivityInsert response",
  insertResponse,
  () => decodeInsertResponse(insertResponse),
  () => encodeInsertResponse(insertResults),
)
compare(
  "CTIActivityWrapUp request",
  wrapUpRequest,
  () => decodeRequest(wrapUpRequest),
  () => encodeWrapUpRequest(wrapUp.interactions, { security: wrapUp.security }),
)
compare(
  "CTIActivityWrapUp response",
  wrapUpResponse,
  () => decodeWrapUpResponse(wrapUpResponse),
  () => encodeWrapUpResponse(wrapUpResults),
)

// Where the insert request's decode goes, step by step: each step alone, on what the step before produced.
const root = parseXml(insertRequest)
const envelope = "_tag" in root ? undefined : readEnvelope(root)
const input = typeof envelope === "object" ? envelope.body?.children[0] : undefined
if (input === undefined) throw new Error("the insert request must have an operation")
const rawInteractions = Either.getOrThrow(readRawInteractions(input))

describe("CTIActivityInsert request decode, step by step", () => {
  bench("1. the one linear parse: checks, elements, text, attributes, namespaces (parseXml)", () => {
    parseXml(insertRequest)
  })
  bench("2. interactions as element name to text (readRawInteractions)", () => {
    readRawInteractions(input)
  })
  bench("3. the core's validation (validateInsertRequest)", () => {
    validateInsertRequest(rawInteractions)
  })
})
