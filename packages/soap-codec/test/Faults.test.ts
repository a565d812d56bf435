import { CtiFault, Faults } from "@crmod-cti/core"
import { decodeInsertResponse, decodeWrapUpResponse, encodeFault } from "@crmod-cti/soap-codec"
import { describe, expect, it } from "vitest"
import { left } from "./Helpers.js"

describe("Faults are encoded as the contract's SOAP 1.1 fault", () => {
  it("a Client fault: faultcode, faultstring and detail with ErrorCode and ErrorMessage", () => {
    expect(encodeFault(Faults.missingPassword())).toBe(
      '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><env:Fault>' +
        "<faultcode>env:Client</faultcode><faultstring>Missing password value</faultstring>" +
        "<detail><ErrorCode>SBL-ODU-01010</ErrorCode><ErrorMessage>Missing password value</ErrorMessage></detail>" +
        "</env:Fault></env:Body></env:Envelope>",
    )
  })

  it("the rate limiter's Server fault carries RequestWait", () => {
    const xml = encodeFault(Faults.rateLimited(50))
    expect(xml).toContain("<faultcode>env:Server</faultcode>")
    expect(xml).toContain(
      "<detail><ErrorCode>SBL-ODU-01005</ErrorCode><ErrorMessage>The maximum rate of requests was exceeded. " +
        "Please try again in 50 ms.</ErrorMessage><RequestWait>50</RequestWait></detail>",
    )
  })

  it("escapes the message", () => {
    expect(encodeFault(Faults.missingSecurity())).toContain(
      "<faultstring>Missing &lt;wsse:Security&gt; in SOAP Header</faultstring>",
    )
  })
})

describe("Faults from a server are decoded into the core's typed faults", () => {
  const everyFault = [
    Faults.authenticationFailed(),
    Faults.missingSecurity(),
    Faults.missingUsernameToken(),
    Faults.missingUsername(),
    Faults.missingPassword(),
    Faults.invalidBoolean("yes"),
    Faults.missingElement("ChannelType"),
    Faults.requiredField("InteractionId"),
    Faults.invalidValue("Fax <x>", "ChannelType"),
    Faults.tooManyInteractions(),
    Faults.accessDenied(),
    Faults.operationsAllotment(1000),
    Faults.rateLimited(120),
    Faults.requestTooLarge(1024),
    Faults.malformedRequest("The request is empty"),
    Faults.serverError("Store unavailable"),
  ]

  it.each(everyFault.map((fault) => [fault.reason, fault] as const))("%s round-trips", (_, fault) => {
    expect(left(decodeInsertResponse(encodeFault(fault)))).toEqual(fault)
    expect(left(decodeWrapUpResponse(encodeFault(fault)))).toEqual(fault)
  })

  it("a Siebel fault with siebdetail/errorstack/error", () => {
    const siebel =
      '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault>' +
      "<faultcode>SOAP-ENV:Server</faultcode><faultstring>Error invoking service.</faultstring>" +
      '<detail><siebelf:siebdetail xmlns:siebelf="http://www.siebel.com/ws/fault">' +
      "<siebelf:logfilename>OMUI_1234.log</siebelf:logfilename><siebelf:errorstack><siebelf:error>" +
      "<siebelf:errorcode>SBL-SBL-70172</siebelf:errorcode><siebelf:errorsymbol>IDS_ERR_ALLOTMENT</siebelf:errorsymbol>" +
      "<siebelf:errormsg>The Web Services Operations Allotment of 5000 Operations has been reached or there is " +
      "insufficient capacity remaining to process your request.(SBL-SBL-70172)</siebelf:errormsg>" +
      "</siebelf:error></siebelf:errorstack></siebelf:siebdetail></detail>" +
      "</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>"
    expect(left(decodeInsertResponse(siebel))).toEqual(
      new CtiFault({
        reason: "OperationsAllotment",
        faultCode: "Server",
        errorCode: "SBL-SBL-70172",
        message:
          "The Web Services Operations Allotment of 5000 Operations has been reached or there is insufficient " +
          "capacity remaining to process your request.(SBL-SBL-70172)",
      }),
    )
  })

  it("a fault with only faultcode and faultstring", () => {
    const xml =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>' +
      "<faultcode>s:Client</faultcode><faultstring>Access Denied</faultstring></s:Fault></s:Body></s:Envelope>"
    expect(left(decodeInsertResponse(xml))).toEqual(Faults.accessDenied())
  })

  it("a fault wherever it is in the Body, next to an operation's output (as some servers answer with HTTP 200)", () => {
    const xml =
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
      '<CTIActivityInsert_Output xmlns="urn:crmondemand/ws/odctibs/ctiactivity/"><wrapper><s:Fault>' +
      "<faultcode>s:Server</faultcode><faultstring>The maximum rate of requests was exceeded. Please try again in 75 ms." +
      "</faultstring></s:Fault></wrapper></CTIActivityInsert_Output></s:Body></s:Envelope>"
    const fault = left(decodeInsertResponse(xml))
    expect(fault).toBeInstanceOf(CtiFault)
    expect(fault).toMatchObject({ reason: "RateLimited", requestWaitMs: 75 })
  })

  it("an unrecognised fault keeps its text and code", () => {
    const xml = encodeFault(
      new CtiFault({ reason: "ServerError", faultCode: "Server", errorCode: "SBL-X-1", message: "Boom" }),
    )
    expect(left(decodeInsertResponse(xml))).toEqual(
      new CtiFault({ reason: "ServerError", faultCode: "Server", errorCode: "SBL-X-1", message: "Boom" }),
    )
  })
})
