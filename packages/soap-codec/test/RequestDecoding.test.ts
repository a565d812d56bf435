import { Faults } from "@crmod-cti/core"
import { decodeRequest } from "@crmod-cti/soap-codec"
import { describe, expect, it } from "vitest"
import { callFields, demoUser, envelope, insertEnvelope, left, right, sample } from "./Helpers.js"

const call = { InteractionId: "900000000051", AgentOfferTime: 1287786900, ChannelType: "Inbound Call" } as const

const interactionsOf = (xml: string) => right(decodeRequest(xml)).interactions
const messageOf = (xml: string) => left(decodeRequest(xml)).message

const queueOf = (xml: string) => {
  const decoded = right(decodeRequest(xml))
  if (decoded.operation !== "CTIActivityInsert") throw new Error("not an insert")
  return decoded.interactions[0]?.Queue
}

const renamePrefix = (xml: string, from: string, to: string) =>
  xml
    .replaceAll(`<${from}:`, `<${to}:`)
    .replaceAll(`</${from}:`, `</${to}:`)
    .replaceAll(` ${from}:`, ` ${to}:`)
    .replaceAll(`xmlns:${from}=`, `xmlns:${to}=`)

describe("Namespaces: any prefixes, default namespaces and white space are accepted", () => {
  it("accepts other prefixes than the chapter's", () => {
    const xml = renamePrefix(
      renamePrefix(renamePrefix(sample("insert-request"), "soapenv", "s"), "data", "d"),
      "cti",
      "c",
    )
    expect(right(decodeRequest(xml))).toEqual(right(decodeRequest(sample("insert-request"))))
  })

  it("accepts default namespaces declared on inner elements", () => {
    const xml =
      '<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Header>' +
      '<Security xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">' +
      "<UsernameToken><Username>OKP/mos.def</Username><Password>password</Password></UsernameToken></Security>" +
      '</Header><Body><CTIActivityInsert_Input xmlns="urn:crmondemand/ws/odctibs/ctiactivity/">' +
      '<ListOfInteraction xmlns="urn:/crmondemand/xml/ctiactivity/data"><Interaction>' +
      "<InteractionId>900000000051</InteractionId><AgentOfferTime>1287786900</AgentOfferTime>" +
      "<ChannelType>Inbound Call</ChannelType></Interaction></ListOfInteraction>" +
      "</CTIActivityInsert_Input></Body></Envelope>"
    expect(right(decodeRequest(xml))).toEqual({
      operation: "CTIActivityInsert",
      interactions: [call],
      security: demoUser,
    })
  })

  it("accepts an XML declaration, a byte-order mark, comments and CRLF line ends", () => {
    const xml = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- a comment -->\r\n${insertEnvelope(`\r\n${callFields}<!-- c -->\r\n`)}\r\n`
    expect(interactionsOf(xml)).toEqual([call])
  })

  it("resolves a prefix redeclared on an inner element to the inner namespace", () => {
    const xml = insertEnvelope(`${callFields}<data:Origin xmlns:data="urn:other">1</data:Origin>`)
    expect(messageOf(xml)).toBe(
      "Caught exception while handling request: unexpected element in Interaction: {urn:other}Origin",
    )
  })
})

describe("Text: CDATA, character references and the predefined entities", () => {
  it("decodes the five predefined entities and decimal and hexadecimal character references", () => {
    const xml = insertEnvelope(
      `${callFields}<data:Queue>&lt;&gt;&amp;&quot;&apos; &#65;&#x42;&#x1F600;&#233;</data:Queue>`,
    )
    expect(queueOf(xml)).toBe(`<>&"' AB😀é`)
  })

  it("takes CDATA literally, ']]' and '&' included, and joins it with the text around it", () => {
    const xml = insertEnvelope(`${callFields}<data:Queue>a <![CDATA[<b> & ]]]]><![CDATA[>]]> c</data:Queue>`)
    expect(queueOf(xml)).toBe("a <b> & ]]> c")
  })

  it("trims the white space that pretty-printing puts around values", () => {
    const xml = insertEnvelope(`${callFields}<data:Queue>\n   Support\n</data:Queue>`)
    expect(queueOf(xml)).toBe("Support")
  })

  it("refuses a character reference to a character XML cannot carry", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue>&#0;</data:Queue>`))).toMatch(/not well-formed XML/)
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue>&#xD800;</data:Queue>`))).toMatch(/not well-formed XML/)
  })

  it("refuses a hexadecimal reference written with an upper-case X, as XML does", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue>&#X43;</data:Queue>`))).toMatch(/not well-formed XML/)
  })

  it("refuses a character XML cannot carry, written as such", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue>a\u0001b</data:Queue>`))).toBe(
      "The request is not well-formed XML: a character XML cannot carry (line 1)",
    )
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue>\uD800</data:Queue>`))).toMatch(/cannot carry/)
  })

  it("refuses HTML entities and undefined entities", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue>&nbsp;</data:Queue>`))).toMatch(/not well-formed XML/)
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue>&xxe;</data:Queue>`))).toMatch(/not well-formed XML/)
  })

  it("refuses a bare '&'", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue>A & B</data:Queue>`))).toMatch(/not well-formed XML/)
  })
})

describe("The envelope must be SOAP 1.1", () => {
  it("refuses a SOAP 1.2 envelope and says so", () => {
    const xml = sample("insert-request").replace(
      "http://schemas.xmlsoap.org/soap/envelope/",
      "http://www.w3.org/2003/05/soap-envelope",
    )
    expect(left(decodeRequest(xml))).toEqual(
      Faults.malformedRequest(
        "The request is a SOAP 1.2 envelope: only SOAP 1.1 (http://schemas.xmlsoap.org/soap/envelope/) is supported",
      ),
    )
  })

  it("refuses an XML document that is not an envelope, naming its root element", () => {
    expect(left(decodeRequest('<order xmlns="urn:shop"><item/></order>'))).toEqual(
      Faults.malformedRequest("The request is not a SOAP 1.1 envelope: its root element is {urn:shop}order"),
    )
  })

  it("refuses an Envelope without a Body", () => {
    const xml = envelope("").replace("<soapenv:Body></soapenv:Body>", "")
    expect(messageOf(xml)).toBe("The request's SOAP envelope has no Body")
  })
})

describe("The operation is the root element of the Body", () => {
  it("chooses CTIActivityWrapUp by its input element", () => {
    expect(right(decodeRequest(sample("wrapup-request"))).operation).toBe("CTIActivityWrapUp")
  })

  it("names an unknown operation", () => {
    expect(messageOf(envelope("<cti:CTIActivityDelete_Input/>"))).toBe(
      "Unknown operation: {urn:crmondemand/ws/odctibs/ctiactivity/}CTIActivityDelete_Input",
    )
  })

  it("refuses a known operation name in another namespace", () => {
    expect(messageOf(envelope('<CTIActivityInsert_Input xmlns="urn:x"/>'))).toBe(
      "Unknown operation: {urn:x}CTIActivityInsert_Input",
    )
  })

  it("refuses an empty Body", () => {
    expect(messageOf(envelope(""))).toBe("The SOAP Body is empty: it names no operation")
  })

  it("refuses a Body with two operations", () => {
    expect(messageOf(envelope("<cti:CTIActivityInsert_Input/><cti:CTIActivityWrapUp_Input/>"))).toBe(
      "The SOAP Body holds more than one element: one operation is expected",
    )
  })
})

describe("Interactions are validated by the core: every invalid one is its contract fault", () => {
  it("a missing ListOfInteraction", () => {
    expect(left(decodeRequest(envelope("<cti:CTIActivityInsert_Input/>")))).toEqual(
      Faults.missingElement("ListOfInteraction"),
    )
  })

  it("a missing ChannelType", () => {
    const fields = callFields.replace("<data:ChannelType>Inbound Call</data:ChannelType>", "")
    expect(messageOf(insertEnvelope(fields))).toBe(
      "Caught exception while handling request: expected element is missing: ChannelType",
    )
  })

  it("an empty required element", () => {
    const fields = callFields.replace("900000000051", "")
    expect(left(decodeRequest(insertEnvelope(fields)))).toEqual(Faults.requiredField("InteractionId"))
  })

  it("a boolean that is not true, false, 1 or 0", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:CreateServiceRequest>yes</data:CreateServiceRequest>`))).toBe(
      "Caught exception while handling request: invalid boolean value: yes",
    )
  })

  it("a value outside its LOV", () => {
    expect(left(decodeRequest(insertEnvelope(callFields.replace("Inbound Call", "Fax"))))).toEqual(
      Faults.invalidValue("Fax", "ChannelType"),
    )
  })

  it("more than five interactions", () => {
    expect(left(decodeRequest(insertEnvelope(...Array(6).fill(callFields))))).toEqual(Faults.tooManyInteractions())
  })

  it("a wrap-up interaction with an insert-only element", () => {
    const xml = sample("wrapup-request").replace(
      "<data:ChannelType>Inbound Call</data:ChannelType>",
      "<data:ChannelType>Inbound Call</data:ChannelType><data:Queue>Support</data:Queue>",
    )
    expect(messageOf(xml)).toBe("Caught exception while handling request: unexpected element: Queue")
  })
})

describe("The structure inside the Body is checked", () => {
  it("names an element repeated inside one Interaction", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:Origin>1</data:Origin><data:Origin>2</data:Origin>`))).toBe(
      "Caught exception while handling request: element occurs more than once: Origin",
    )
  })

  it("names an element in another namespace", () => {
    expect(messageOf(insertEnvelope(`${callFields}<Origin>1</Origin>`))).toBe(
      "Caught exception while handling request: unexpected element in Interaction: Origin",
    )
  })

  it("names an element nested inside a field", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:Origin><data:Number>1</data:Number></data:Origin>`))).toBe(
      "Caught exception while handling request: unexpected element in Origin: {urn:/crmondemand/xml/ctiactivity/data}Number",
    )
  })

  it("names an unexpected element in ListOfInteraction", () => {
    const xml = envelope(
      "<cti:CTIActivityInsert_Input><data:ListOfInteraction><data:Activity/></data:ListOfInteraction></cti:CTIActivityInsert_Input>",
    )
    expect(messageOf(xml)).toBe(
      "Caught exception while handling request: unexpected element in ListOfInteraction: {urn:/crmondemand/xml/ctiactivity/data}Activity",
    )
  })

  it("refuses two ListOfInteraction elements", () => {
    const list = `<data:ListOfInteraction><data:Interaction>${callFields}</data:Interaction></data:ListOfInteraction>`
    expect(messageOf(envelope(`<cti:CTIActivityInsert_Input>${list}${list}</cti:CTIActivityInsert_Input>`))).toBe(
      "Caught exception while handling request: element occurs more than once: ListOfInteraction",
    )
  })
})

describe("No prototype pollution through element names", () => {
  it.each(["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"])(
    "an element named %s is an unexpected element, and nothing is polluted",
    (name) => {
      const fields = `${callFields}<data:${name}><data:polluted>yes</data:polluted></data:${name}><data:${name}>x</data:${name}>`
      expect(left(decodeRequest(insertEnvelope(fields))).faultCode).toBe("Client")
      expect(messageOf(insertEnvelope(`${callFields}<data:${name}>x</data:${name}>`))).toBe(
        `Caught exception while handling request: unexpected element: ${name}`,
      )
      const unprefixed = `<${name} xmlns="urn:/crmondemand/xml/ctiactivity/data">x</${name}>`
      expect(messageOf(insertEnvelope(`${callFields}${unprefixed}`))).toBe(
        `Caught exception while handling request: unexpected element: ${name}`,
      )
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      expect(Object.prototype.toString.call([])).toBe("[object Array]")
    },
  )

  it("a namespace prefix named __proto__ is an ordinary prefix", () => {
    expect(interactionsOf(renamePrefix(insertEnvelope(callFields), "data", "__proto__"))).toEqual([call])
  })
})
