import { decodeRequest, PasswordTextType } from "@crmod-cti/soap-codec"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { callFields, envelope, insertEnvelope, left, right, sample, securityXml } from "./Helpers.js"

const messageOf = (xml: string) => left(decodeRequest(xml)).message
const notWellFormed = (detail: string) => `The request is not well-formed XML: ${detail}`

const SoapNamespace = "http://schemas.xmlsoap.org/soap/envelope/"
const CtiNamespace = "urn:crmondemand/ws/odctibs/ctiactivity/"
const DataNamespace = "urn:/crmondemand/xml/ctiactivity/data"
const WsseNamespace = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"

const insertBody =
  `<cti:CTIActivityInsert_Input><data:ListOfInteraction><data:Interaction>${callFields}</data:Interaction>` +
  "</data:ListOfInteraction></cti:CTIActivityInsert_Input>"
const expected = right(decodeRequest(envelope(insertBody)))

/** The insert request with the data namespace declared by `declaration` (`xmlns:data="…"`) on ListOfInteraction. */
const declaringData = (declaration: string) =>
  envelope(insertBody.replace("<data:ListOfInteraction>", `<data:ListOfInteraction ${declaration}>`)).replace(
    ` xmlns:data="${DataNamespace}"`,
    "",
  )

/** The operation's element is what an unknown operation's fault names: `{namespace}localName`. */
const operationNamed = (body: string) => messageOf(envelope(body)).replace("Unknown operation: ", "")

describe("Attribute values are quoted with either quote", () => {
  it("reads a namespace declared in single quotes as one declared in double quotes", () => {
    expect(right(decodeRequest(declaringData(`xmlns:data='${DataNamespace}'`)))).toEqual(expected)
  })

  it("takes the other quote inside a value as a plain character", () => {
    expect(operationNamed(`<x:Op xmlns:x='urn:"a"'/>`)).toBe('{urn:"a"}Op')
    expect(operationNamed(`<x:Op xmlns:x="urn:'a'"/>`)).toBe("{urn:'a'}Op")
  })

  it("refuses an unquoted value", () => {
    expect(messageOf(declaringData(`xmlns:data=${DataNamespace}`))).toBe(
      notWellFormed("the value of the attribute xmlns:data of <data:ListOfInteraction> is not quoted (line 1)"),
    )
  })

  it("refuses a value that is not closed", () => {
    expect(messageOf(declaringData(`xmlns:data="${DataNamespace}`))).toBe(
      notWellFormed("an attribute value of <data:ListOfInteraction> is not closed (line 1)"),
    )
  })
})

describe("White space may surround '='", () => {
  it("reads a declaration with spaces, tabs and line ends around '='", () => {
    expect(right(decodeRequest(declaringData(`xmlns:data \t=\r\n "${DataNamespace}"`)))).toEqual(expected)
  })

  it("reads white space before '>' and '/>'", () => {
    expect(right(decodeRequest(declaringData(`xmlns:data="${DataNamespace}" \n`)))).toEqual(expected)
    expect(operationNamed(`<x:Op xmlns:x="urn:a" \t/>`)).toBe("{urn:a}Op")
  })
})

describe("References in attribute values are decoded as in text", () => {
  it("decodes a character reference and a predefined entity in a namespace URI", () => {
    expect(right(decodeRequest(declaringData('xmlns:data="urn:/crmondemand/xml/ctiactivity/&#100;&#x61;ta"')))).toEqual(
      expected,
    )
    expect(operationNamed('<x:Op xmlns:x="urn:a&amp;b&lt;c"/>')).toBe("{urn:a&b<c}Op")
  })

  it("normalises white space written as such to spaces, as XML does, but keeps it written as a reference", () => {
    expect(operationNamed('<x:Op xmlns:x="urn:a\tb\r\nc"/>')).toBe("{urn:a b c}Op")
    expect(operationNamed('<x:Op xmlns:x="urn:a&#9;b"/>')).toBe("{urn:a\tb}Op")
  })

  it("refuses an undefined entity or a bare '&' in any attribute value", () => {
    const badReference = notWellFormed(
      "an '&' that does not start one of the five predefined entities or a character reference",
    )
    expect(messageOf(declaringData('xmlns:data="urn:&xxe;"'))).toBe(badReference)
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue note="a & b">x</data:Queue>`))).toBe(badReference)
  })

  it("reports a bad reference in an attribute after the structure, as one in text", () => {
    expect(messageOf(`${insertEnvelope(`${callFields}<data:Queue note="&xxe;">x</data:Queue>`)}<x/>`)).toMatch(
      /a second root element/,
    )
  })
})

describe("Each attribute is named once per tag (Unique Att Spec)", () => {
  it("refuses a namespace declared twice on one element", () => {
    expect(messageOf(declaringData(`xmlns:data="${DataNamespace}" xmlns:data="urn:other"`))).toBe(
      notWellFormed("the attribute xmlns:data appears twice in <data:ListOfInteraction> (line 1)"),
    )
  })

  it("refuses any other attribute twice", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue a="1" b="2" a="3">x</data:Queue>`))).toBe(
      notWellFormed("the attribute a appears twice in <data:Queue> (line 1)"),
    )
  })

  it("accepts names that differ only in their prefix or their case", () => {
    const xml = insertEnvelope(`${callFields}<data:Queue a="1" data:a="2" A="3" xmlns="urn:d">Support</data:Queue>`)
    expect(right(decodeRequest(xml))).toEqual(
      right(decodeRequest(insertEnvelope(`${callFields}<data:Queue>Support</data:Queue>`))),
    )
  })
})

describe("Every attribute has a name, '=' and a value", () => {
  it("refuses an attribute without a value", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue checked>x</data:Queue>`))).toBe(
      notWellFormed("the attribute checked of <data:Queue> has no value (line 1)"),
    )
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue checked/>`))).toBe(
      notWellFormed("the attribute checked of <data:Queue> has no value (line 1)"),
    )
  })

  it("refuses '=' without a value", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue a=>x</data:Queue>`))).toBe(
      notWellFormed("the value of the attribute a of <data:Queue> is not quoted (line 1)"),
    )
  })

  it("refuses a value without a name", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue ="1">x</data:Queue>`))).toBe(
      notWellFormed("an attribute of <data:Queue> has no name (line 1)"),
    )
  })

  it("refuses a '/' that does not end an empty-element tag", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue / >x</data:Queue>`))).toBe(
      notWellFormed("'/' is not followed by '>' in the tag <data:Queue> (line 1)"),
    )
  })

  it("refuses a tag cut off inside its attributes", () => {
    expect(messageOf('<soapenv:Envelope xmlns:soapenv="x" a')).toBe(
      notWellFormed("the document ends inside the tag <soapenv:Envelope> (line 1)"),
    )
  })
})

describe("No '<' in an attribute value", () => {
  it("refuses '<' in a value, and accepts '>'", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue note="a<b">x</data:Queue>`))).toBe(
      notWellFormed("'<' in the value of the attribute note of <data:Queue> (line 1)"),
    )
    expect(operationNamed('<x:Op xmlns:x="urn:a>b"/>')).toBe("{urn:a>b}Op")
  })

  it("accepts '<' written as a reference", () => {
    expect(operationNamed('<x:Op xmlns:x="urn:a&#60;b"/>')).toBe("{urn:a<b}Op")
  })
})

describe("White space separates attributes", () => {
  it("refuses two attributes without white space between them", () => {
    expect(messageOf(declaringData(`xmlns:data="${DataNamespace}"xmlns:x="urn:x"`))).toBe(
      notWellFormed("no white space between two attributes of <data:ListOfInteraction> (line 1)"),
    )
  })

  it("refuses a quote right after the element name", () => {
    expect(messageOf(insertEnvelope(`${callFields}<data:Queue"x">x</data:Queue>`))).toBe(
      notWellFormed("a quote right after the name <data:Queue (line 1)"),
    )
  })
})

describe("Namespace declarations are scoped to their element", () => {
  it('undeclares the default namespace with xmlns=""', () => {
    const xml = insertEnvelope(
      `${callFields}<Queue xmlns="urn:/crmondemand/xml/ctiactivity/data"><Inner xmlns="">x</Inner></Queue>`,
    )
    expect(messageOf(xml)).toBe(`Caught exception while handling request: unexpected element in Queue: Inner`)
  })

  it("reads prefixes declared on inner elements only", () => {
    const xml =
      `<s:Envelope xmlns:s="${SoapNamespace}"><s:Header><w:Security xmlns:w="${WsseNamespace}"><w:UsernameToken>` +
      "<w:Username>OKP/mos.def</w:Username><w:Password>password</w:Password></w:UsernameToken></w:Security>" +
      `</s:Header><s:Body><c:CTIActivityInsert_Input xmlns:c="${CtiNamespace}">` +
      `<d:ListOfInteraction xmlns:d="${DataNamespace}">` +
      "<d:Interaction><d:InteractionId>900000000051</d:InteractionId><d:AgentOfferTime>1287786900</d:AgentOfferTime>" +
      "<d:ChannelType>Inbound Call</d:ChannelType></d:Interaction></d:ListOfInteraction></c:CTIActivityInsert_Input>" +
      "</s:Body></s:Envelope>"
    expect(right(decodeRequest(xml))).toEqual(expected)
  })

  it("does not lend a prefix declared on one element to its siblings", () => {
    const header = `<w:Security xmlns:w="${WsseNamespace}"/><w:Other/>`
    expect(messageOf(envelope("<cti:CTIActivityInsert_Input/>", header))).toBe(
      notWellFormed("an element name uses an undeclared namespace prefix"),
    )
  })

  it("reads a namespace declared on an empty-element tag, and only there", () => {
    expect(operationNamed('<x:Op xmlns:x="urn:self-closing"/>')).toBe("{urn:self-closing}Op")
    const header = `<x:Empty xmlns:x="urn:x"/><y:Other xmlns:y="urn:y"/>${securityXml()}`
    expect(right(decodeRequest(envelope(insertBody, header)))).toEqual(expected)
    expect(messageOf(envelope(insertBody, `<x:Empty xmlns:x="urn:x"/><x:Other/>${securityXml()}`))).toBe(
      notWellFormed("an element name uses an undeclared namespace prefix"),
    )
  })
})

describe("Attributes other than namespace declarations are accepted and ignored", () => {
  it("Type on Password and mustUnderstand on Security", () => {
    const header =
      '<wsse:Security soapenv:mustUnderstand="1"><wsse:UsernameToken><wsse:Username>OKP/mos.def</wsse:Username>' +
      `<wsse:Password Type='${PasswordTextType}'>password</wsse:Password></wsse:UsernameToken></wsse:Security>`
    expect(right(decodeRequest(envelope(insertBody, header)))).toEqual(expected)
  })

  it("any well-formed attributes added to any start tag of the chapter's request", () => {
    const request = sample("insert-request")
    const startTags = [...request.matchAll(/<[A-Za-z][^\s/>]*/g)].map((match) => (match.index ?? 0) + match[0].length)
    const decoded = right(decodeRequest(request))
    const attribute = fc
      .tuple(
        // Names no tag of the sample has already (a second `Type` on `Password` is a duplicate, refused).
        fc.constantFrom("a", "wsu:Id", "soapenv:actor", "type", "x-y.z_1"),
        fc.constantFrom("", " ", "\t", "\n"),
        fc.constantFrom('"', "'"),
        fc.string({ maxLength: 12 }).map((text) => text.replace(/[<&"']/g, "")),
        fc.constantFrom("", "&amp;", "&#x20AC;", ">"),
      )
      .map(([name, space, quote, text, reference]) => ` ${name}${space}=${space}${quote}${text}${reference}${quote}`)
    fc.assert(
      fc.property(fc.constantFrom(...startTags), attribute, (at, added) => {
        const xml = request.slice(0, at) + added + request.slice(at)
        expect(right(decodeRequest(xml))).toEqual(decoded)
      }),
      { numRuns: 200 },
    )
  })
})

describe("A problem inside a password quotes no names", () => {
  it.each([
    ["an attribute without a value", "pa<ss word>x"],
    ["two attributes without space", 'pa<ss a="1"b="2">x'],
    ["'<' in a value", 'pa<ss a="<">x'],
  ])("%s", (_, password) => {
    const header = securityXml(`<wsse:Username>u</wsse:Username><wsse:Password>${password}</wsse:Password>`)
    const fault = left(decodeRequest(envelope(insertBody, header)))
    expect(fault.message).toMatch(/^The request is not well-formed XML: /)
    expect(fault.message).not.toMatch(/ss|word|Password/)
  })
})
