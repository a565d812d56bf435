// The fault catalogue of CONTRACT.md §6 and the recognition of faults from any server.
import { describe, expect, it } from "vitest"
import { type CtiFault, ErrorCodes, Faults, recogniseFault } from "@crmod-cti/core"

const fields = (fault: CtiFault) => ({
  reason: fault.reason,
  faultCode: fault.faultCode,
  errorCode: fault.errorCode,
  message: fault.message,
  requestWaitMs: fault.requestWaitMs,
})

/** A fault as a server writes it: `env:`-qualified fault code, `faultstring`, and the detail's fields. */
const onTheWire = (fault: CtiFault) => ({
  faultCode: `env:${fault.faultCode}`,
  message: fault.message,
  errorCode: fault.errorCode,
  ...(fault.requestWaitMs === undefined ? {} : { requestWaitMs: fault.requestWaitMs }),
})

// CONTRACT.md §6, row by row, with the texts written out literally. The error codes are Oracle's where
// `oracle-facts.md` or the contract names them (SBL-DAT-00498, SBL-SBL-70172, SBL-ODU-01005, SBL-ODU-01004) and
// the toolkit's own, pinned here because clients may rely on them, elsewhere.
const catalogue: ReadonlyArray<readonly [string, CtiFault, string, CtiFault["faultCode"], string]> = [
  [
    "wrong user name or password",
    Faults.authenticationFailed(),
    "The security token could not be authenticated or authorized.",
    "Client",
    "SBL-ODU-01006",
  ],
  [
    "no wsse:Security header",
    Faults.missingSecurity(),
    "Missing <wsse:Security> in SOAP Header",
    "Client",
    "SBL-ODU-01007",
  ],
  [
    "Security without UsernameToken",
    Faults.missingUsernameToken(),
    "Policy requires authentication token",
    "Client",
    "SBL-ODU-01008",
  ],
  ["no or empty Username", Faults.missingUsername(), "Missing user name in security token", "Client", "SBL-ODU-01009"],
  ["no Password", Faults.missingPassword(), "Missing password value", "Client", "SBL-ODU-01010"],
  [
    "CreateServiceRequest not a boolean",
    Faults.invalidBoolean("yes"),
    "Caught exception while handling request: invalid boolean value: yes",
    "Client",
    "SBL-EAI-04451",
  ],
  [
    "CreateServiceRequest empty",
    Faults.invalidBoolean(""),
    "Caught exception while handling request: invalid boolean value: ",
    "Client",
    "SBL-EAI-04451",
  ],
  [
    "a required element absent",
    Faults.missingElement("InteractionId"),
    "Caught exception while handling request: expected element is missing: InteractionId",
    "Client",
    "SBL-EAI-04452",
  ],
  [
    "ListOfInteraction absent",
    Faults.missingElement("ListOfInteraction"),
    "Caught exception while handling request: expected element is missing: ListOfInteraction",
    "Client",
    "SBL-EAI-04452",
  ],
  [
    "a required element present but empty",
    Faults.requiredField("ChannelType"),
    "'ChannelType' is a required field. Please enter a value for the field.(SBL-DAT-00498)",
    "Client",
    "SBL-DAT-00498",
  ],
  [
    "a value outside its LOV",
    Faults.invalidValue("Inbound Fax", "ChannelType"),
    "Invalid value, Inbound Fax, is specified for option ChannelType",
    "Client",
    "SBL-ODS-50089",
  ],
  [
    "more than five interactions",
    Faults.tooManyInteractions(),
    "Request contains too many interactions",
    "Client",
    "SBL-ODS-50090",
  ],
  ["no Access privilege for a channel", Faults.accessDenied(), "Access Denied", "Client", "SBL-ODS-50091"],
  [
    "operations allotment",
    Faults.operationsAllotment(10000),
    "The Web Services Operations Allotment of 10000 Operations has been reached or there is insufficient capacity remaining to process your request.(SBL-SBL-70172)",
    "Server",
    "SBL-SBL-70172",
  ],
  [
    "concurrent request allotment",
    Faults.concurrentRequestAllotment(10),
    "The Web Services Concurrent Request Allotment of 10 has been reached or there is insufficient capacity remaining to process your request.",
    "Server",
    "SBL-SBL-70172",
  ],
  [
    "over 20 requests a second, or under 50 ms apart",
    Faults.rateLimited(350),
    "The maximum rate of requests was exceeded. Please try again in 350 ms.",
    "Server",
    "SBL-ODU-01005",
  ],
  [
    "body over the size limit",
    Faults.requestTooLarge(1024),
    "Request exceeded the limit of 1024 KB.",
    "Client",
    "SBL-ODU-01004",
  ],
  [
    "not XML, not SOAP, unknown operation, DTD",
    Faults.malformedRequest("The request is not XML"),
    "The request is not XML",
    "Client",
    "SBL-EAI-04400",
  ],
  [
    "an element the request may not have",
    Faults.unexpectedElement("Colour"),
    "Caught exception while handling request: unexpected element: Colour",
    "Client",
    "SBL-EAI-04400",
  ],
  [
    "an element the request may not have where it is",
    Faults.unexpectedElement("data:Colour", "Interaction"),
    "Caught exception while handling request: unexpected element in Interaction: data:Colour",
    "Client",
    "SBL-EAI-04400",
  ],
  [
    "an element given twice",
    Faults.repeatedElement("InteractionId"),
    "Caught exception while handling request: element occurs more than once: InteractionId",
    "Client",
    "SBL-EAI-04400",
  ],
  [
    "a failure of the server",
    Faults.serverError("The store is unavailable"),
    "The store is unavailable",
    "Server",
    "SBL-EAI-04000",
  ],
]

describe("Fault catalogue (CONTRACT.md §6)", () => {
  it.each(catalogue)("%s", (_, fault, message, faultCode, errorCode) => {
    expect(fault).toBeInstanceOf(Error)
    expect(fault._tag).toBe("CtiFault")
    expect(fault.message).toBe(message)
    expect(fault.faultCode).toBe(faultCode)
    expect(fault.errorCode).toBe(errorCode)
    expect(fault.errorCode).toBe(ErrorCodes[fault.reason])
    expect(fault.errorCode).toMatch(/^SBL-[A-Z]+-\d+$/)
  })

  it("covers every reason", () => {
    expect(new Set(catalogue.map(([, fault]) => fault.reason))).toEqual(new Set(Object.keys(ErrorCodes)))
  })

  it("only the rate limiter carries RequestWait", () => {
    expect(Faults.rateLimited(350).requestWaitMs).toBe(350)
    for (const [, fault] of catalogue) if (fault.reason !== "RateLimited") expect(fault.requestWaitMs).toBeUndefined()
  })
})

describe("recogniseFault: a fault's wire form is recognised back to the same fault", () => {
  it.each(catalogue)("%s", (_, fault) => {
    expect(fields(recogniseFault(onTheWire(fault)))).toEqual(fields(fault))
  })

  it.each(["Client", "soap:Client", "SOAP-ENV:Client", "env:Client.Authentication", " env:Client "])(
    "fault code %j is Client",
    (faultCode) => {
      expect(recogniseFault({ faultCode, message: "Access Denied" }).faultCode).toBe("Client")
    },
  )

  it.each(["Server", "env:Server", "env:Server.Busy", "env:MustUnderstand", "env:ClientX"])(
    "fault code %j is Server",
    (faultCode) => {
      expect(recogniseFault({ faultCode, message: "whatever" }).faultCode).toBe("Server")
    },
  )

  it("matches a text with white space around it, and keeps the text as sent", () => {
    const recognised = recogniseFault({ faultCode: "env:Client", message: "\n  Access Denied\n" })
    expect(recognised.reason).toBe("AccessDenied")
    expect(recognised.message).toBe("\n  Access Denied\n")
  })

  it("an unknown text keeps its message and code, its reason chosen by the fault code", () => {
    expect(fields(recogniseFault({ faultCode: "env:Client", message: "Bad XML", errorCode: "SBL-XYZ-00001" }))).toEqual(
      {
        reason: "MalformedRequest",
        faultCode: "Client",
        errorCode: "SBL-XYZ-00001",
        message: "Bad XML",
        requestWaitMs: undefined,
      },
    )
    expect(fields(recogniseFault({ faultCode: "env:Server", message: "Internal error" }))).toEqual({
      reason: "ServerError",
      faultCode: "Server",
      errorCode: "SBL-EAI-04000",
      message: "Internal error",
      requestWaitMs: undefined,
    })
  })
})

describe("recogniseFault: CRM On Demand's own texts", () => {
  it.each([
    [
      "The Web Services Concurrent Request Allotment of 5 has been reached or there is insufficient capacity remaining to process your request.",
      "ConcurrentRequestAllotment",
    ],
    [
      "The Web Services Operations Allotment of 10000 Operations has been reached or there is insufficient capacity remaining to process your request.",
      "OperationsAllotment",
    ],
    [
      "'<field>InteractionId<field>' is a required field. Please enter a value for the field.(SBL-DAT-00498)",
      "RequiredField",
    ],
    ["Caught exception while handling request: invalid boolean value:", "InvalidBoolean"],
    ["Caught exception while handling request: expected element is missing:", "MissingElement"],
    ["Invalid value, VALUE, is specified for option OPTION", "InvalidValue"],
    ["Request exceeded the limit of 28,800 KB.", "RequestTooLarge"],
    ["The maximum rate of requests was exceeded. Please try again in 1000 ms.", "RateLimited"],
  ])("%s", (message, reason) => {
    expect(recogniseFault({ faultCode: "env:Server", message }).reason).toBe(reason)
  })

  it("gives the allotment faults Oracle's code SBL-SBL-70172", () => {
    const concurrent = recogniseFault({
      faultCode: "env:Server",
      message:
        "The Web Services Concurrent Request Allotment of 5 has been reached or there is insufficient capacity remaining to process your request.",
    })
    expect(concurrent.errorCode).toBe("SBL-SBL-70172")
  })

  it("extracts RequestWait from the rate limiter's message", () => {
    const fault = recogniseFault({
      faultCode: "env:Server",
      message: "The maximum rate of requests was exceeded. Please try again in 1250 ms.",
    })
    expect(fault.reason).toBe("RateLimited")
    expect(fault.requestWaitMs).toBe(1250)
    expect(fault.errorCode).toBe("SBL-ODU-01005")
  })

  it("prefers the detail's RequestWait to the message's", () => {
    const fault = recogniseFault({
      faultCode: "env:Server",
      message: "The maximum rate of requests was exceeded. Please try again in 1250 ms.",
      requestWaitMs: 900,
    })
    expect(fault.requestWaitMs).toBe(900)
  })

  it("recognises a translated message by Oracle's error code", () => {
    const byCode = (errorCode: string) =>
      recogniseFault({ faultCode: "env:Server", message: "Message traduit", errorCode }).reason
    expect(byCode("SBL-ODU-01005")).toBe("RateLimited")
    expect(byCode("SBL-ODU-01004")).toBe("RequestTooLarge")
    expect(byCode("SBL-SBL-70172")).toBe("OperationsAllotment")
    expect(byCode("SBL-DAT-00498")).toBe("RequiredField")
    const waited = recogniseFault({
      faultCode: "env:Server",
      message: "Veuillez réessayer plus tard",
      errorCode: "SBL-ODU-01005",
      requestWaitMs: 400,
    })
    expect(waited.requestWaitMs).toBe(400)
  })

  it("gives RequestWait only to the rate limiter", () => {
    expect(recogniseFault({ faultCode: "env:Client", message: "Access Denied", requestWaitMs: 10 }).requestWaitMs).toBe(
      undefined,
    )
  })
})
