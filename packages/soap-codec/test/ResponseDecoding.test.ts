import { decodeInsertResponse, decodeWrapUpResponse, SoapResponseError } from "@crmod-cti/soap-codec"
import { describe, expect, it } from "vitest"
import { left, right, sample } from "./Helpers.js"

const envelope = (body: string) =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`

const insertOutput = (activities: string) =>
  envelope(
    '<o:CTIActivityInsert_Output xmlns:o="urn:crmondemand/ws/odctibs/ctiactivity/">' +
      `<d:ListOfActivity xmlns:d="urn:/crmondemand/xml/ctiactivity/data">${activities}</d:ListOfActivity>` +
      "</o:CTIActivityInsert_Output>",
  )

const activity = (fields: string) => `<d:Activity>${fields}</d:Activity>`
const ok = "<d:Status>OK</d:Status><d:InteractionId>1</d:InteractionId><d:AgentOfferTime>5</d:AgentOfferTime>"

const errorOf = (body: string | Uint8Array) => {
  const error = left(decodeInsertResponse(body))
  if (!(error instanceof SoapResponseError)) throw new Error(`expected a SoapResponseError, got ${error._tag}`)
  return error
}

describe("Responses are read leniently but validated by the core", () => {
  it("ignores unknown elements and attributes", () => {
    const xml = insertOutput(activity(`<d:Extra>x</d:Extra>${ok}<d:ActivityId a="b">1QA2-X</d:ActivityId>`))
    expect(right(decodeInsertResponse(xml))).toEqual([
      { Status: "OK", InteractionId: "1", AgentOfferTime: 5, ActivityId: "1QA2-X" },
    ])
  })

  it("accepts the fields in any order and keeps their text exactly", () => {
    const xml = insertOutput(activity(`<d:ContactFullName> Fred  Hong </d:ContactFullName>${ok}`))
    expect(right(decodeInsertResponse(xml))[0]?.ContactFullName).toBe(" Fred  Hong ")
  })

  it("reads an empty list as no results", () => {
    expect(right(decodeInsertResponse(insertOutput("")))).toEqual([])
  })

  it("decodes bytes as text", () => {
    expect(right(decodeWrapUpResponse(new TextEncoder().encode(sample("wrapup-response"))))).toHaveLength(4)
  })
})

describe("SoapResponseError says what was received, in at most 100 characters", () => {
  it("NotXml: plain text", () => {
    const error = errorOf(`Service Unavailable ${"x".repeat(500)}`)
    expect(error.reason).toBe("NotXml")
    expect(error.message).toBe(
      `The response is not well-formed XML: text outside the root element (line 1); received "Service Unavailable ${"x".repeat(80)}"…`,
    )
  })

  it("NotXml: an empty body", () => {
    expect(errorOf("")).toMatchObject({ reason: "NotXml", message: 'The response is empty; received ""' })
  })

  it("NotXml: a DTD", () => {
    expect(errorOf('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>').reason).toBe("NotXml")
  })

  it("HtmlPage: a sign-in page with a doctype", () => {
    const error = errorOf("<!DOCTYPE html>\n<html>\n  <head><title>Sign In</title></head><body></body></html>")
    expect(error.reason).toBe("HtmlPage")
    expect(error.message).toBe(
      'The response is an HTML page, not a SOAP envelope; received "<!DOCTYPE html> <html> <head><title>Sign In</title></head><body></body></html>"',
    )
  })

  it("HtmlPage: XHTML without a doctype", () => {
    expect(errorOf('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>').reason).toBe("HtmlPage")
  })

  it("NotSoap: another XML document, or a SOAP 1.2 envelope", () => {
    expect(errorOf("<error>down</error>").message).toBe(
      'The response is not a SOAP 1.1 envelope: its root element is error; received "<error>down</error>"',
    )
    const soap12 = '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>'
    expect(errorOf(soap12)).toMatchObject({ reason: "NotSoap" })
    expect(errorOf(soap12).message).toMatch(/^The response is a SOAP 1\.2 envelope/)
  })

  it("NotSoap: an envelope without a Body", () => {
    expect(errorOf('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>').reason).toBe("NotSoap")
  })

  it("UnexpectedOperation: the other operation's output", () => {
    const error = left(decodeWrapUpResponse(sample("insert-response")))
    expect(error).toBeInstanceOf(SoapResponseError)
    expect(error).toMatchObject({ reason: "UnexpectedOperation" })
    expect(error.message).toMatch(
      /^The response is not a CTIActivityWrapUp_Output but \{urn:crmondemand\/ws\/odctibs\/ctiactivity\/\}CTIActivityInsert_Output; received "<env:Envelope/,
    )
  })

  it("UnexpectedOperation: an empty Body", () => {
    expect(errorOf(envelope("")).message).toMatch(/^The response is not a CTIActivityInsert_Output but an empty Body/)
  })

  it("InvalidContent: a status outside the chapter's list, quoted", () => {
    const error = errorOf(insertOutput(activity(ok.replace(">OK<", ">Done<"))))
    expect(error).toMatchObject({
      reason: "InvalidContent",
      message: `The response's Activity 1 has an invalid Status: "Done"`,
    })
  })

  it("InvalidContent: a missing required element", () => {
    const error = errorOf(
      insertOutput(activity(ok) + activity(ok.replace("<d:AgentOfferTime>5</d:AgentOfferTime>", ""))),
    )
    expect(error).toMatchObject({
      reason: "InvalidContent",
      message: "The response's Activity 2 has no AgentOfferTime",
    })
  })

  it("InvalidContent: a field given twice", () => {
    expect(errorOf(insertOutput(activity(`${ok}<d:Status>OK</d:Status>`))).message).toBe(
      "The response's Activity 1 has more than one Status",
    )
  })

  it("InvalidContent: a long invalid value is quoted to 100 characters", () => {
    const long = "9".repeat(300)
    const error = errorOf(insertOutput(activity(ok.replace(">5<", `>${long}<`))))
    expect(error.message).toBe(`The response's Activity 1 has an invalid AgentOfferTime: "${"9".repeat(100)}"…`)
  })

  it("InvalidContent: no ListOfActivity", () => {
    const xml = envelope('<CTIActivityInsert_Output xmlns="urn:crmondemand/ws/odctibs/ctiactivity/"/>')
    expect(errorOf(xml).reason).toBe("InvalidContent")
  })
})
