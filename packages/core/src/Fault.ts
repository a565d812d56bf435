import * as Data from "effect/Data"
import { trimXmlWhiteSpace } from "./XmlText.js"

/** Why a whole request failed: one reason per row of the fault table in `CONTRACT.md` §6. */
export type FaultReason =
  | "AuthenticationFailed"
  | "MissingSecurity"
  | "MissingUsernameToken"
  | "MissingUsername"
  | "MissingPassword"
  | "InvalidBoolean"
  | "MissingElement"
  | "RequiredField"
  | "InvalidValue"
  | "TooManyInteractions"
  | "AccessDenied"
  | "OperationsAllotment"
  | "ConcurrentRequestAllotment"
  | "RateLimited"
  | "RequestTooLarge"
  | "MalformedRequest"
  | "ServerError"

/** SOAP 1.1 `faultcode`: `Client` for a bad request, `Server` otherwise. */
export type FaultCode = "Client" | "Server"

/**
 * A SOAP fault of the CTI Activity Web service. `message` is the literal `faultstring` (and `ErrorMessage`);
 * `requestWaitMs` is the rate limiter's `RequestWait`.
 */
export class CtiFault extends Data.TaggedError("CtiFault")<{
  readonly reason: FaultReason
  readonly faultCode: FaultCode
  readonly errorCode: string
  readonly message: string
  readonly requestWaitMs?: number
}> {}

/**
 * `ErrorCode`s. Those the contract names are Oracle's; the others are not published by Oracle and are this
 * toolkit's choice (stable, in Oracle's `SBL-<facility>-<number>` form).
 */
export const ErrorCodes: { readonly [R in FaultReason]: string } = {
  AuthenticationFailed: "SBL-ODU-01006",
  MissingSecurity: "SBL-ODU-01007",
  MissingUsernameToken: "SBL-ODU-01008",
  MissingUsername: "SBL-ODU-01009",
  MissingPassword: "SBL-ODU-01010",
  InvalidBoolean: "SBL-EAI-04451",
  MissingElement: "SBL-EAI-04452",
  RequiredField: "SBL-DAT-00498",
  InvalidValue: "SBL-ODS-50089",
  TooManyInteractions: "SBL-ODS-50090",
  AccessDenied: "SBL-ODS-50091",
  OperationsAllotment: "SBL-SBL-70172",
  ConcurrentRequestAllotment: "SBL-SBL-70172",
  RateLimited: "SBL-ODU-01005",
  RequestTooLarge: "SBL-ODU-01004",
  MalformedRequest: "SBL-EAI-04400",
  ServerError: "SBL-EAI-04000",
}

const fault = (reason: FaultReason, faultCode: FaultCode, message: string, requestWaitMs?: number): CtiFault =>
  new CtiFault({
    reason,
    faultCode,
    errorCode: ErrorCodes[reason],
    message,
    ...(requestWaitMs === undefined ? {} : { requestWaitMs }),
  })

// The contract's texts (CONTRACT.md §6), each written once here: `Faults` writes them, `recogniseFault` reads them.
const Texts = {
  authenticationFailed: "The security token could not be authenticated or authorized.",
  missingSecurity: "Missing <wsse:Security> in SOAP Header",
  missingUsernameToken: "Policy requires authentication token",
  missingUsername: "Missing user name in security token",
  missingPassword: "Missing password value",
  tooManyInteractions: "Request contains too many interactions",
  accessDenied: "Access Denied",
} as const

/** Oracle's prefix of the faults about a request's elements: the detail follows it. */
const caught = "Caught exception while handling request:"

// The texts that a value completes (`<prefix> <value>`).
const Prefixes = {
  invalidBoolean: `${caught} invalid boolean value:`,
  missingElement: `${caught} expected element is missing:`,
  rateLimited: "The maximum rate of requests was exceeded.",
  requestTooLarge: "Request exceeded the limit of",
} as const

/** The fault catalogue: the only place the contract's texts are written. */
export const Faults = {
  authenticationFailed: () => fault("AuthenticationFailed", "Client", Texts.authenticationFailed),
  missingSecurity: () => fault("MissingSecurity", "Client", Texts.missingSecurity),
  missingUsernameToken: () => fault("MissingUsernameToken", "Client", Texts.missingUsernameToken),
  missingUsername: () => fault("MissingUsername", "Client", Texts.missingUsername),
  missingPassword: () => fault("MissingPassword", "Client", Texts.missingPassword),
  invalidBoolean: (value: string) => fault("InvalidBoolean", "Client", `${Prefixes.invalidBoolean} ${value}`),
  missingElement: (element: string) => fault("MissingElement", "Client", `${Prefixes.missingElement} ${element}`),
  requiredField: (element: string) =>
    fault(
      "RequiredField",
      "Client",
      `'${element}' is a required field. Please enter a value for the field.(SBL-DAT-00498)`,
    ),
  invalidValue: (value: string, option: string) =>
    fault("InvalidValue", "Client", `Invalid value, ${value}, is specified for option ${option}`),
  tooManyInteractions: () => fault("TooManyInteractions", "Client", Texts.tooManyInteractions),
  accessDenied: () => fault("AccessDenied", "Client", Texts.accessDenied),
  operationsAllotment: (limit: number) =>
    fault(
      "OperationsAllotment",
      "Server",
      `The Web Services Operations Allotment of ${limit} Operations has been reached or there is insufficient capacity remaining to process your request.(SBL-SBL-70172)`,
    ),
  /**
   * The company's Web Services Concurrent Request Allotment is taken: Oracle's text for `SBL-SBL-70172`'s second
   * cause (Web Services On Demand Troubleshooting Guide), as published, without the code appended.
   */
  concurrentRequestAllotment: (limit: number) =>
    fault(
      "ConcurrentRequestAllotment",
      "Server",
      `The Web Services Concurrent Request Allotment of ${limit} has been reached or there is insufficient capacity remaining to process your request.`,
    ),
  rateLimited: (waitMs: number) =>
    fault("RateLimited", "Server", `${Prefixes.rateLimited} Please try again in ${waitMs} ms.`, waitMs),
  requestTooLarge: (limitKb: number) =>
    fault("RequestTooLarge", "Client", `${Prefixes.requestTooLarge} ${limitKb} KB.`),
  /** An element the request may not have there: `parent`, when given, names where it was found. */
  unexpectedElement: (element: string, parent?: string) =>
    fault(
      "MalformedRequest",
      "Client",
      `${caught} unexpected element${parent === undefined ? "" : ` in ${parent}`}: ${element}`,
    ),
  /** An element given twice where the request may have it once. */
  repeatedElement: (element: string) =>
    fault("MalformedRequest", "Client", `${caught} element occurs more than once: ${element}`),
  /** Not XML, not a SOAP 1.1 envelope, an unknown operation, a DTD: `detail` says which. */
  malformedRequest: (detail: string) => fault("MalformedRequest", "Client", detail),
  serverError: (detail: string) => fault("ServerError", "Server", detail),
} as const

/** A fault as it arrives on the wire, before it is recognised. */
export interface WireFault {
  readonly faultCode: string
  readonly message: string
  readonly errorCode?: string | undefined
  readonly requestWaitMs?: number | undefined
}

const exactly =
  (text: string) =>
  (message: string): boolean =>
    message === text
const startingWith =
  (prefix: string) =>
  (message: string): boolean =>
    message.startsWith(prefix)
const matching =
  (pattern: RegExp) =>
  (message: string): boolean =>
    pattern.test(message)

const recognisers: ReadonlyArray<readonly [(message: string) => boolean, FaultReason]> = [
  [exactly(Texts.authenticationFailed), "AuthenticationFailed"],
  [exactly(Texts.missingSecurity), "MissingSecurity"],
  [exactly(Texts.missingUsernameToken), "MissingUsernameToken"],
  [exactly(Texts.missingUsername), "MissingUsername"],
  [exactly(Texts.missingPassword), "MissingPassword"],
  [startingWith(Prefixes.invalidBoolean), "InvalidBoolean"],
  [startingWith(Prefixes.missingElement), "MissingElement"],
  [matching(/is a required field\. Please enter a value for the field\./), "RequiredField"],
  [matching(/^Invalid value, .*, is specified for option /s), "InvalidValue"],
  [exactly(Texts.tooManyInteractions), "TooManyInteractions"],
  [exactly(Texts.accessDenied), "AccessDenied"],
  [matching(/Operations Allotment of .* has been reached/), "OperationsAllotment"],
  [matching(/Concurrent Request Allotment of .* has been reached/), "ConcurrentRequestAllotment"],
  [startingWith(Prefixes.rateLimited), "RateLimited"],
  [startingWith(Prefixes.requestTooLarge), "RequestTooLarge"],
]

const reasonOfCode = new Map<string, FaultReason>(
  (["RateLimited", "RequestTooLarge", "OperationsAllotment", "RequiredField"] as const).map((r) => [ErrorCodes[r], r]),
)

const waitInMessage = /try again in (\d+) ms/

/**
 * Recognise a fault from any server (this toolkit's emulator or CRM On Demand itself) by its text and code, so
 * that clients can act on `reason` (for example, wait and retry on `RateLimited`). Unrecognised faults keep their
 * text and code, with reason `ServerError` or `MalformedRequest` according to the fault code. The message is kept
 * as sent (only matched without the XML white space around it), so every fault of `Faults` is recognised back to itself,
 * `invalidBoolean("")` with its trailing space included.
 */
export const recogniseFault = (wire: WireFault): CtiFault => {
  const message = wire.message
  const text = trimXmlWhiteSpace(message)
  const byText = recognisers.find(([recognises]) => recognises(text))?.[1]
  const byCode = wire.errorCode === undefined ? undefined : reasonOfCode.get(wire.errorCode)
  // SOAP 1.1 fault codes are qualified names, optionally refined with dots (`soap:Client.Authentication`).
  const faultCode: FaultCode = /(^|:)Client(\.|$)/i.test(trimXmlWhiteSpace(wire.faultCode)) ? "Client" : "Server"
  const reason = byText ?? byCode ?? (faultCode === "Client" ? "MalformedRequest" : "ServerError")
  const waitText = waitInMessage.exec(text)?.[1]
  const requestWaitMs = wire.requestWaitMs ?? (waitText === undefined ? undefined : Number(waitText))
  return new CtiFault({
    reason,
    faultCode,
    errorCode: wire.errorCode ?? ErrorCodes[reason],
    message,
    ...(reason === "RateLimited" && requestWaitMs !== undefined ? { requestWaitMs } : {}),
  })
}
