// CONTRACT.md §9: an ambiguous envelope is a Client fault, never "first one wins"; a password that is not sent as
// text fails to authenticate.
import { Faults } from "@crmod-cti/core"
import { decodeRequest, PasswordTextType } from "@crmod-cti/soap-codec"
import { describe, expect, it } from "vitest"
import { callFields, demoUser, envelope, left, right, securityXml } from "./Helpers.js"

const body =
  "<cti:CTIActivityInsert_Input><data:ListOfInteraction><data:Interaction>" +
  callFields +
  "</data:Interaction></data:ListOfInteraction></cti:CTIActivityInsert_Input>"

const SoapStart =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"' +
  ' xmlns:cti="urn:crmondemand/ws/odctibs/ctiactivity/"' +
  ' xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"' +
  ' xmlns:data="urn:/crmondemand/xml/ctiactivity/data">'

const other = "<wsse:Username>OKP/call.agent</wsse:Username><wsse:Password>other</wsse:Password>"
const demo = "<wsse:Username>OKP/mos.def</wsse:Username><wsse:Password>password</wsse:Password>"

const faultOf = (xml: string) => left(decodeRequest(xml))

const expectAmbiguous = (xml: string, message: string) => {
  expect(faultOf(xml)).toEqual(Faults.malformedRequest(message))
}

describe("An envelope with two of what it has one of is refused, whichever comes first", () => {
  it("two Headers", () => {
    for (const headers of [
      `<soapenv:Header>${securityXml(demo)}</soapenv:Header><soapenv:Header>${securityXml(other)}</soapenv:Header>`,
      `<soapenv:Header>${securityXml(demo)}</soapenv:Header><soapenv:Header/>`,
      `<soapenv:Header/><soapenv:Header>${securityXml(demo)}</soapenv:Header>`,
    ]) {
      expectAmbiguous(
        `${SoapStart}${headers}<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`,
        "The request is ambiguous: its SOAP envelope has more than one Header",
      )
    }
  })

  it("two Bodies", () => {
    const bodies = `<soapenv:Body>${body}</soapenv:Body><soapenv:Body>${body.replaceAll("Insert", "WrapUp")}</soapenv:Body>`
    expectAmbiguous(
      `${SoapStart}<soapenv:Header>${securityXml(demo)}</soapenv:Header>${bodies}</soapenv:Envelope>`,
      "The request is ambiguous: its SOAP envelope has more than one Body",
    )
  })

  it("two Security headers", () => {
    expectAmbiguous(
      envelope(body, securityXml(demo) + securityXml(other)),
      "The request is ambiguous: its SOAP Header has more than one wsse:Security",
    )
  })

  it("two UsernameTokens", () => {
    expectAmbiguous(
      envelope(body, securityXml(`${demo}</wsse:UsernameToken><wsse:UsernameToken>${other}`)),
      "The request is ambiguous: its wsse:Security has more than one wsse:UsernameToken",
    )
  })

  it("two Usernames", () => {
    expectAmbiguous(
      envelope(body, securityXml(`<wsse:Username>OKP/call.agent</wsse:Username>${demo}`)),
      "The request is ambiguous: its wsse:UsernameToken has more than one wsse:Username",
    )
  })

  it("two Passwords", () => {
    expectAmbiguous(
      envelope(body, securityXml(`${demo}<wsse:Password>other</wsse:Password>`)),
      "The request is ambiguous: its wsse:UsernameToken has more than one wsse:Password",
    )
  })

  it("two operations in the Body", () => {
    expectAmbiguous(envelope(body + body), "The SOAP Body holds more than one element: one operation is expected")
  })

  it("one of each is read", () => {
    expect(right(decodeRequest(envelope(body, securityXml(demo)))).security).toEqual(demoUser)
  })
})

describe("A password is sent as text (PasswordText) or fails to authenticate", () => {
  const withPassword = (attributes: string) =>
    envelope(
      body,
      securityXml(`<wsse:Username>OKP/mos.def</wsse:Username><wsse:Password${attributes}>password</wsse:Password>`),
    )

  it.each([
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest",
    "#PasswordDigest",
    "",
    `${PasswordTextType}x`,
  ])("a Password of Type %j carrying the password", (type) => {
    expect(faultOf(withPassword(` Type="${type}"`))).toEqual(Faults.authenticationFailed())
    expect(faultOf(withPassword(` Type="${type}"`)).message).toBe(
      "The security token could not be authenticated or authorized.",
    )
  })

  it("a Password of Type PasswordText, or of no Type, is read", () => {
    expect(right(decodeRequest(withPassword(` Type="${PasswordTextType}"`))).security).toEqual(demoUser)
    expect(right(decodeRequest(withPassword(` Type=" ${PasswordTextType}\n"`))).security).toEqual(demoUser)
    expect(right(decodeRequest(withPassword(""))).security).toEqual(demoUser)
  })
})
