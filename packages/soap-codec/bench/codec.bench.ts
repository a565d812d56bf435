import { readFileSync } from "node:fs"
import { Either } from "effect"
import { XMLParser } from "fast-xml-parser"
import { bench, describe } from "vitest"
import {
  decodeInsertResponse,
  decodeRequest,
  decodeWrapUpResponse,
  encodeInsertRequest,
  encodeInsertResponse,
  encodeWrapUpRequest,
  encodeWrapUpResponse,
} from "../src/index.js"

/** One of the chapter's sample envelopes (the test fixtures), exactly as printed, indentation included. */
const sample = (name: string) => readFileSync(new URL(`../test/fixtures/${name}.xml`, import.meta.url), "utf8")

// For scale: fast-xml-parser reading the same text with its default options, with none of the codec's checks.
const rawParser = new XMLParser()

const compare = (title: string, text: string, decode: () => unknown, encode: () => unknown) =>
  describe(`${title} (${new TextEncoder().encode(text).byteLength} bytes)`, () => {
    bench("decode", () => {
      decode()
    })
    bench("fast-xml-parser parse alone", () => {
      rawParser.parse(text)
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
