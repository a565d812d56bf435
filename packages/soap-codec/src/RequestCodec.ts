import {
  type CtiFault,
  Faults,
  trimXmlWhiteSpace,
  type Interaction,
  InteractionElements,
  type UsernameToken,
  validateInsertRequest,
  validateWrapUpRequest,
  type WrapUpInteraction,
  WrapUpInteractionElements,
} from "@crmod-cti/core"
import * as Either from "effect/Either"
import { ClientNameNamespace, CtiActivityNamespace, CtiDataNamespace, SoapEnvelopeNamespace } from "./Namespaces.js"
import { inputElementOf, type Operation } from "./Operations.js"
import { bodyText } from "./internal/BodyText.js"
import { readEnvelope } from "./internal/Envelope.js"
import { writeFields } from "./internal/Fields.js"
import { readRawInteractions } from "./internal/RequestReader.js"
import { readUsernameToken, securityHeader } from "./internal/Security.js"
import { escapeXml } from "./internal/XmlEscape.js"
import { describeProblem, type XmlProblem } from "./internal/XmlProblem.js"
import { parseXml } from "./internal/XmlParser.js"
import { firstChild, qualifiedName, type XmlElement } from "./internal/XmlTree.js"

/** What a client sends besides the interactions: the user's credentials and, optionally, its own name. */
export interface RequestOptions {
  readonly security: UsernameToken
  /** Sent as the `<ClientName xmlns="urn:crmondemand/ws">` header (shown on CRM On Demand's utilisation page). */
  readonly clientName?: string
}

interface RequestCommon {
  readonly security: UsernameToken
  readonly clientName?: string
}

/** A request as a server receives it: valid in every respect the contract checks before authenticating. */
export type DecodedRequest =
  | (RequestCommon & { readonly operation: "CTIActivityInsert"; readonly interactions: ReadonlyArray<Interaction> })
  | (RequestCommon & {
      readonly operation: "CTIActivityWrapUp"
      readonly interactions: ReadonlyArray<WrapUpInteraction>
    })

export interface DecodeRequestOptions {
  /** The request size limit, checked before anything else (default `DefaultMaxRequestBytes`, 1 MiB). */
  readonly maxBytes?: number
}

/** The contract's default request size limit: 1 MiB. */
export const DefaultMaxRequestBytes = 1024 * 1024

const envelopeStart =
  `<soapenv:Envelope xmlns:soapenv="${SoapEnvelopeNamespace}" xmlns:cti="${CtiActivityNamespace}"` +
  ` xmlns:data="${CtiDataNamespace}"><soapenv:Header>`

const encodeRequest = (operation: Operation, interactions: string, options: RequestOptions): string =>
  envelopeStart +
  securityHeader(options.security, "soapenv") +
  (options.clientName === undefined
    ? ""
    : `<ClientName xmlns="${ClientNameNamespace}">${escapeXml(options.clientName)}</ClientName>`) +
  `</soapenv:Header><soapenv:Body><cti:${inputElementOf(operation)}><data:ListOfInteraction>` +
  interactions +
  `</data:ListOfInteraction></cti:${inputElementOf(operation)}></soapenv:Body></soapenv:Envelope>`

const encodeInteractions = <I extends object>(
  interactions: ReadonlyArray<I>,
  elements: ReadonlyArray<keyof I & string>,
): string => {
  let xml = ""
  for (const interaction of interactions) {
    xml += `<data:Interaction>${writeFields(interaction, elements, "data")}</data:Interaction>`
  }
  return xml
}

/** A `CTIActivityInsert` request: every text value escaped, fields in the order of the chapter's table. */
export const encodeInsertRequest = (interactions: ReadonlyArray<Interaction>, options: RequestOptions): string =>
  encodeRequest("CTIActivityInsert", encodeInteractions(interactions, InteractionElements), options)

/** A `CTIActivityWrapUp` request. */
export const encodeWrapUpRequest = (interactions: ReadonlyArray<WrapUpInteraction>, options: RequestOptions): string =>
  encodeRequest("CTIActivityWrapUp", encodeInteractions(interactions, WrapUpInteractionElements), options)

const refused = (problem: XmlProblem): CtiFault => Faults.malformedRequest(`The request ${describeProblem(problem)}`)

const operationOfInput: ReadonlyMap<string, Operation> = new Map([
  [inputElementOf("CTIActivityInsert"), "CTIActivityInsert"],
  [inputElementOf("CTIActivityWrapUp"), "CTIActivityWrapUp"],
])

const readOperation = (body: XmlElement | undefined): Either.Either<[Operation, XmlElement], CtiFault> => {
  if (body === undefined) return Either.left(Faults.malformedRequest("The request's SOAP envelope has no Body"))
  const [input, other] = body.children
  if (input === undefined) return Either.left(Faults.malformedRequest("The SOAP Body is empty: it names no operation"))
  if (other !== undefined) {
    return Either.left(Faults.malformedRequest("The SOAP Body holds more than one element: one operation is expected"))
  }
  const operation = input.namespace === CtiActivityNamespace ? operationOfInput.get(input.localName) : undefined
  if (operation === undefined) return Either.left(Faults.malformedRequest(`Unknown operation: ${qualifiedName(input)}`))
  return Either.right([operation, input])
}

const readClientName = (header: XmlElement | undefined): { readonly clientName?: string } => {
  const element = header === undefined ? undefined : firstChild(header, ClientNameNamespace, "ClientName")
  const name = element === undefined ? "" : trimXmlWhiteSpace(element.text)
  return name === "" ? {} : { clientName: name }
}

/**
 * Decode a request on the server side, checking in this order: the size limit (before parsing), DTDs, entity
 * declarations and processing instructions, well-formedness and nesting depth, the SOAP 1.1 envelope, the
 * WS-Security header (exactly which of the contract's security faults applies), the operation, and the
 * interactions through the core's validators. Every failure is its contract fault; nothing throws.
 */
export const decodeRequest = (
  body: string | Uint8Array,
  options: DecodeRequestOptions = {},
): Either.Either<DecodedRequest, CtiFault> => {
  const maxBytes = options.maxBytes ?? DefaultMaxRequestBytes
  const text = bodyText(body, maxBytes)
  if (typeof text !== "string") {
    return Either.left(text._tag === "TooLarge" ? Faults.requestTooLarge(Math.floor(maxBytes / 1024)) : refused(text))
  }
  const root = parseXml(text)
  if ("_tag" in root) return Either.left(refused(root))
  const envelope = readEnvelope(root)
  if (typeof envelope === "string") return Either.left(Faults.malformedRequest(`The request ${envelope}`))
  const security = readUsernameToken(envelope.header)
  if (Either.isLeft(security)) return Either.left(security.left)
  const common = { security: security.right, ...readClientName(envelope.header) }
  const operation = readOperation(envelope.body)
  if (Either.isLeft(operation)) return Either.left(operation.left)
  const [name, input] = operation.right
  const raw = readRawInteractions(input)
  if (Either.isLeft(raw)) return Either.left(raw.left)
  return name === "CTIActivityInsert"
    ? Either.map(validateInsertRequest(raw.right), (interactions) => ({ operation: name, interactions, ...common }))
    : Either.map(validateWrapUpRequest(raw.right), (interactions) => ({ operation: name, interactions, ...common }))
}
