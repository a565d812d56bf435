import { type CtiFault, InsertResult, InsertResultElements, WrapUpResult, WrapUpResultElements } from "@crmod-cti/core"
import type * as Either from "effect/Either"
import { CtiActivityNamespace, CtiDataNamespace, SoapEnvelopeNamespace, WsseNamespace } from "./Namespaces.js"
import { type Operation, outputElementOf } from "./Operations.js"
import type { SoapResponseError } from "./SoapResponseError.js"
import { writeFields } from "./internal/Fields.js"
import { makeResponseReader } from "./internal/ResponseReader.js"

// The chapter's response envelope, prefixes and empty security header included.
const envelopeStart =
  `<env:Envelope xmlns:env="${SoapEnvelopeNamespace}" xmlns:xsd="http://www.w3.org/2001/XMLSchema"` +
  ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns0="${CtiActivityNamespace}"` +
  ` xmlns:ns1="${CtiDataNamespace}"><env:Header><wsse:Security env:mustUnderstand="1" xmlns:wsse="${WsseNamespace}"` +
  ` xmlns="${WsseNamespace}"/></env:Header><env:Body>`

const encodeResponse = <R extends object>(
  operation: Operation,
  results: ReadonlyArray<R>,
  elements: ReadonlyArray<keyof R & string>,
): string => {
  let xml = `${envelopeStart}<ns0:${outputElementOf(operation)}><ns1:ListOfActivity>`
  for (const result of results) xml += `<ns1:Activity>${writeFields(result, elements, "ns1")}</ns1:Activity>`
  return `${xml}</ns1:ListOfActivity></ns0:${outputElementOf(operation)}></env:Body></env:Envelope>`
}

/** A `CTIActivityInsert` response: one `Activity` per result, its present fields in the chapter's order. */
export const encodeInsertResponse = (results: ReadonlyArray<InsertResult>): string =>
  encodeResponse("CTIActivityInsert", results, InsertResultElements)

/** A `CTIActivityWrapUp` response. */
export const encodeWrapUpResponse = (results: ReadonlyArray<WrapUpResult>): string =>
  encodeResponse("CTIActivityWrapUp", results, WrapUpResultElements)

/**
 * Decode a `CTIActivityInsert` response on the client side: its results, validated by the core's schema, or the
 * server's fault as a typed `CtiFault` (whatever the HTTP status), or a `SoapResponseError` saying what came back.
 */
export const decodeInsertResponse: (
  body: string | Uint8Array,
) => Either.Either<ReadonlyArray<InsertResult>, CtiFault | SoapResponseError> = makeResponseReader({
  operation: "CTIActivityInsert",
  elements: InsertResultElements,
  schema: InsertResult,
})

/** Decode a `CTIActivityWrapUp` response on the client side. */
export const decodeWrapUpResponse: (
  body: string | Uint8Array,
) => Either.Either<ReadonlyArray<WrapUpResult>, CtiFault | SoapResponseError> = makeResponseReader({
  operation: "CTIActivityWrapUp",
  elements: WrapUpResultElements,
  schema: WrapUpResult,
})
