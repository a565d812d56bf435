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

const caught = "Caught exception while handling request: "

/** The fault catalogue: the only place the contract's texts are written. */
export const Faults = {
  authenticationFailed: () =>
    fault("AuthenticationFailed", "Client", "The security token could not be authenticated or authorized."),
  missingSecurity: () => fault("MissingSecurity", "Client", "Missing <wsse:Security> in SOAP Header"),
  missingUsernameToken: () => fault("MissingUsernameToken", "Client", "Policy requires authentication token"),
  missingUsername: () => fault("MissingUsername", "Client", "Missing user name in security token"),
  missingPassword: () => fault("MissingPassword", "Client", "Missing password value"),
  invalidBoolean: (value: string) => fault("InvalidBoolean", "Client", `${caught}invalid boolean value: ${value}`),
  missingElement: (element: string) =>
    fault("MissingElement", "Client", `${caught}expected element is missing: ${element}`),
  requiredField: (element: string) =>
    fault(
      "RequiredField",
      "Client",
      `'${element}' is a required field. Please enter a value for the field.(SBL-DAT-00498)`,
    ),
  invalidValue: (value: string, option: string) =>
    fault("InvalidValue", "Client", `Invalid value, ${value}, is specified for option ${option}`),
  tooManyInteractions: () => fault("TooManyInteractions", "Client", "Request contains too many interactions"),
  accessDenied: () => fault("AccessDenied", "Client", "Access Denied"),
  operationsAllotment: (limit: number) =>
    fault(
      "OperationsAllotment",
      "Server",
      `The Web Services Operations Allotment of ${limit} Operations has been reached or there is insufficient capacity remaining to process your request.(SBL-SBL-70172)`,
    ),
  rateLimited: (waitMs: number) =>
    fault(
      "RateLimited",
      "Server",
      `The maximum rate of requests was exceeded. Please try again in ${waitMs} ms.`,
      waitMs,
    ),
  requestTooLarge: (limitKb: number) =>
    fault("RequestTooLarge", "Client", `Request exceeded the limit of ${limitKb} KB.`),
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

const recognisers: ReadonlyArray<readonly [RegExp, FaultReason]> = [
  [/^The security token could not be authenticated or authorized\.$/, "AuthenticationFailed"],
  [/^Missing <wsse:Security> in SOAP Header$/, "MissingSecurity"],
  [/^Policy requires authentication token$/, "MissingUsernameToken"],
  [/^Missing user name in security token$/, "MissingUsername"],
  [/^Missing password value$/, "MissingPassword"],
  [/^Caught exception while handling request: invalid boolean value:/, "InvalidBoolean"],
  [/^Caught exception while handling request: expected element is missing:/, "MissingElement"],
  [/is a required field\. Please enter a value for the field\./, "RequiredField"],
  [/^Invalid value, .*, is specified for option /s, "InvalidValue"],
  [/^Request contains too many interactions$/, "TooManyInteractions"],
  [/^Access Denied$/, "AccessDenied"],
  [/Operations Allotment of .* has been reached/, "OperationsAllotment"],
  [/Concurrent Request Allotment of .* has been reached/, "OperationsAllotment"],
  [/^The maximum rate of requests was exceeded/, "RateLimited"],
  [/^Request exceeded the limit of /, "RequestTooLarge"],
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
  const byText = recognisers.find(([pattern]) => pattern.test(text))?.[1]
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
