import { Faults } from "@crmod-cti/core"
import { decodeRequest, encodeInsertRequest, PasswordTextType, WsseNamespace } from "@crmod-cti/soap-codec"
import { describe, expect, it } from "vitest"
import { callFields, demoUser, envelope, left, right, securityXml } from "./Helpers.js"

const body =
  "<cti:CTIActivityInsert_Input><data:ListOfInteraction><data:Interaction>" +
  callFields +
  "</data:Interaction></data:ListOfInteraction></cti:CTIActivityInsert_Input>"

const withHeader = (header: string) => decodeRequest(envelope(body, header))

describe("WS-Security: each missing part of the UsernameToken is its own contract fault", () => {
  it("no Header at all: Missing <wsse:Security> in SOAP Header", () => {
    const noHeader = envelope(body).replace(/<soapenv:Header>.*<\/soapenv:Header>/, "")
    expect(left(decodeRequest(noHeader))).toEqual(Faults.missingSecurity())
  })

  it("a Header without Security: Missing <wsse:Security> in SOAP Header", () => {
    expect(left(withHeader(""))).toEqual(Faults.missingSecurity())
  })

  it("a Security element in another namespace is no WS-Security header", () => {
    expect(left(withHeader('<Security xmlns="urn:other"><UsernameToken/></Security>'))).toEqual(
      Faults.missingSecurity(),
    )
  })

  it("Security without UsernameToken: Policy requires authentication token", () => {
    expect(left(withHeader("<wsse:Security/>"))).toEqual(Faults.missingUsernameToken())
  })

  it("no Username: Missing user name in security token", () => {
    expect(left(withHeader(securityXml("<wsse:Password>password</wsse:Password>")))).toEqual(Faults.missingUsername())
  })

  it("an empty Username: Missing user name in security token", () => {
    const token = "<wsse:Username>  </wsse:Username><wsse:Password>password</wsse:Password>"
    expect(left(withHeader(securityXml(token)))).toEqual(Faults.missingUsername())
  })

  it("no Password: Missing password value", () => {
    expect(left(withHeader(securityXml("<wsse:Username>OKP/mos.def</wsse:Username>")))).toEqual(
      Faults.missingPassword(),
    )
  })

  it("an empty Password: Missing password value", () => {
    const token = "<wsse:Username>OKP/mos.def</wsse:Username><wsse:Password/>"
    expect(left(withHeader(securityXml(token)))).toEqual(Faults.missingPassword())
  })

  it("checks the header before the operation and its interactions", () => {
    expect(left(decodeRequest(envelope("<cti:Unknown/>", "")))).toEqual(Faults.missingSecurity())
  })
})

describe("WS-Security: what real clients add is tolerated", () => {
  it("accepts wsu:Timestamp, Nonce, Created, mustUnderstand and actor, and a password of Type PasswordText", () => {
    const header =
      '<wsse:Security soapenv:mustUnderstand="1" soapenv:actor="http://schemas.xmlsoap.org/soap/actor/next"' +
      ' xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">' +
      '<wsu:Timestamp wsu:Id="TS-1"><wsu:Created>2024-01-01T00:00:00Z</wsu:Created>' +
      "<wsu:Expires>2024-01-01T00:05:00Z</wsu:Expires></wsu:Timestamp>" +
      '<wsse:UsernameToken wsu:Id="UT-1"><wsse:Username>OKP/mos.def</wsse:Username>' +
      `<wsse:Password Type="${PasswordTextType}">password</wsse:Password>` +
      '<wsse:Nonce EncodingType="…#Base64Binary">bm9uY2U=</wsse:Nonce><wsu:Created>2024-01-01T00:00:00Z</wsu:Created>' +
      "</wsse:UsernameToken></wsse:Security>"
    expect(right(withHeader(header)).security).toEqual(demoUser)
  })

  it("accepts the security namespace as a default namespace", () => {
    const header =
      `<Security xmlns="${WsseNamespace}"><UsernameToken><Username>OKP/mos.def</Username>` +
      "<Password>password</Password></UsernameToken></Security>"
    expect(right(withHeader(header)).security).toEqual(demoUser)
  })

  it("takes the password exactly as sent, spaces and escaped characters included", () => {
    const token = "<wsse:Username> OKP/mos.def </wsse:Username><wsse:Password> p&amp;ss&lt;1&gt; </wsse:Password>"
    expect(right(withHeader(securityXml(token))).security).toEqual({ username: "OKP/mos.def", password: " p&ss<1> " })
  })

  // The pre-scan leaves out white space between tags before parsing; an element's own text must not lose any.
  it("takes a password of white space only as sent", () => {
    expect(right(withHeader(securityXml(tokenWith(" \t\n ")))).security.password).toBe(" \t\n ")
  })

  it("keeps the white space around a CDATA section and a comment in the password", () => {
    const password = " <![CDATA[a<b]]> <!-- note --> "
    expect(right(withHeader(securityXml(tokenWith(password)))).security.password).toBe(" a<b  ")
  })

  it("reads the same token whatever white space separates its elements", () => {
    const token = "\n  <wsse:Username>OKP/mos.def</wsse:Username>\r\n\t<wsse:Password>password</wsse:Password>\n"
    expect(right(withHeader(` ${securityXml(token)} `)).security).toEqual(demoUser)
  })
})

describe("WS-Security: encoding", () => {
  it("writes a UsernameToken with a PasswordText password, marked mustUnderstand", () => {
    const xml = encodeInsertRequest([], { security: { username: "OKP/mos.def", password: "a<b" } })
    expect(xml).toContain(`<wsse:Security xmlns:wsse="${WsseNamespace}" soapenv:mustUnderstand="1">`)
    expect(xml).toContain(`<wsse:Password Type="${PasswordTextType}">a&lt;b</wsse:Password>`)
  })
})

describe("ClientName header", () => {
  it("is decoded when present", () => {
    const header = `${securityXml()}<ClientName xmlns="urn:crmondemand/ws"> Acme CTI </ClientName>`
    expect(right(withHeader(header)).clientName).toBe("Acme CTI")
  })

  it("is absent from the decoded request when not sent", () => {
    expect(right(withHeader(securityXml()))).not.toHaveProperty("clientName")
  })

  it("is encoded and decoded again", () => {
    const interaction = { InteractionId: "1", AgentOfferTime: 1, ChannelType: "Callback" } as const
    const xml = encodeInsertRequest([interaction], { security: demoUser, clientName: "Acme & Co" })
    expect(xml).toContain('<ClientName xmlns="urn:crmondemand/ws">Acme &amp; Co</ClientName>')
    expect(right(decodeRequest(xml)).clientName).toBe("Acme & Co")
  })
})

describe("The password never appears in a fault", () => {
  const secret = "S3cr3t-pass"
  const cases: ReadonlyArray<readonly [string, string]> = [
    ["an invalid interaction", envelope(body.replace("Inbound Call", "Bogus"), securityXml(tokenWith(secret)))],
    ["an unescaped '<' in the password", envelope(body, securityXml(tokenWith(`${secret}<x${secret}`)))],
    ["an unescaped '&' in the password", envelope(body, securityXml(tokenWith(`${secret}&x${secret};`)))],
    ["markup inside the password", envelope(body, securityXml(tokenWith(`<p:x>${secret}</p:x>`)))],
    ["a password cut off", cutInside(envelope(body, securityXml(tokenWith(secret))), secret)],
  ]
  it.each(cases)("%s", (_, xml) => {
    const fault = left(decodeRequest(xml))
    expect(fault.faultCode).toBe("Client")
    expect(JSON.stringify(fault)).not.toContain(secret.slice(0, 5))
    expect(JSON.stringify(fault)).not.toMatch(/<x|p:x/)
  })
})

function cutInside(xml: string, text: string) {
  return xml.slice(0, xml.indexOf(text) + text.length - 2)
}

function tokenWith(password: string) {
  return `<wsse:Username>OKP/mos.def</wsse:Username><wsse:Password>${password}</wsse:Password>`
}
