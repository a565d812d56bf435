// What the one pass reads from a document (XML 1.0 §2.4 character data, §2.7 CDATA, §2.11 end-of-line handling,
// §3.3.3 attribute-value normalisation; Namespaces in XML §6 scoping), and which problem a document with several is
// refused for. The password is the witness for text: it is taken exactly as sent, neither trimmed nor changed.
import { decodeRequest, PasswordTextType } from "@crmod-cti/soap-codec"
import { describe, expect, it } from "vitest"
import { demoUser, envelope, insertEnvelope, left, right, securityXml } from "./Helpers.js"

const insertBody = (fields: string) =>
  `<cti:CTIActivityInsert_Input><data:ListOfInteraction><data:Interaction>${fields}</data:Interaction>` +
  "</data:ListOfInteraction></cti:CTIActivityInsert_Input>"

const callBody = insertBody(
  "<data:InteractionId>900000000051</data:InteractionId><data:AgentOfferTime>1287786900</data:AgentOfferTime>" +
    "<data:ChannelType>Inbound Call</data:ChannelType>",
)

/** The password of an insert request whose `Password` element has `attributes` and `content`, as written. */
const passwordOf = (content: string, attributes = "") =>
  right(
    decodeRequest(
      envelope(
        callBody,
        securityXml(`<wsse:Username>OKP/mos.def</wsse:Username><wsse:Password${attributes}>${content}</wsse:Password>`),
      ),
    ),
  ).security.password

const messageOf = (xml: string) => left(decodeRequest(xml)).message
const notWellFormed = (detail: string) => `The request is not well-formed XML: ${detail}`
const badReference = notWellFormed(
  "an '&' that does not start one of the five predefined entities or a character reference",
)
const undeclaredPrefix = notWellFormed("an element name uses an undeclared namespace prefix")

describe("An element's text is its own text runs and CDATA sections, in document order", () => {
  it("joins the text around comments and CDATA, with the white space next to them", () => {
    expect(passwordOf(" a <!-- c --> b <![CDATA[ &c ]]> ")).toBe(" a  b  &c  ")
    expect(passwordOf("\n<!-- c -->\t<![CDATA[]]> ")).toBe("\n\t ")
  })

  it("keeps white space that is all of an element's content", () => {
    expect(passwordOf(" \t ")).toBe(" \t ")
  })

  it("leaves out white space that only separates a child element from the text or the tags around it", () => {
    expect(passwordOf("\n  <wsse:Nonce/>pass<wsse:Nonce>n</wsse:Nonce>\n  ")).toBe("pass")
  })

  it("reads a CR LF pair and a lone CR as LF, in text and in CDATA, and keeps a CR written as &#13;", () => {
    expect(passwordOf("a\r\nb\rc<![CDATA[\r\nd\r]]>&#13;")).toBe("a\nb\nc\nd\n\r")
  })

  it("decodes each text run alone: a reference cannot span a comment", () => {
    expect(passwordOf("p&amp;<!-- c -->&lt;")).toBe("p&<")
    expect(
      messageOf(
        envelope(
          callBody,
          securityXml("<wsse:Username>u</wsse:Username><wsse:Password>p&am<!-- c -->p;</wsse:Password>"),
        ),
      ),
    ).toBe(badReference)
  })
})

describe("References are decoded in every attribute value", () => {
  it("decodes references in an attribute that declares no namespace", () => {
    const type = PasswordTextType.replace("#", "&#x23;").replace("Text", "&#84;ext")
    expect(passwordOf("password", ` Type="${type}"`)).toBe(demoUser.password)
  })
})

describe("A namespace declaration is in scope on its element and inside it, and nowhere else", () => {
  it("gives a prefix back its outer namespace after the element that redeclared it ends", () => {
    const header = `<wsse:Other xmlns:wsse="urn:other"><wsse:Inner/></wsse:Other>${securityXml()}`
    expect(right(decodeRequest(envelope(callBody, header))).security).toEqual(demoUser)
  })

  it("reads a prefix redeclared on an inner element in the inner namespace, inside it", () => {
    const header = `<wsse:Security xmlns:wsse="urn:other"><wsse:UsernameToken/></wsse:Security>`
    expect(left(decodeRequest(envelope(callBody, header))).message).toBe("Missing <wsse:Security> in SOAP Header")
  })
})

describe("A document with several problems is refused for the same one, in whatever order they come", () => {
  it("first for its structure, wherever a bad reference or an undeclared prefix comes before it", () => {
    expect(messageOf(envelope("<x:Op>&bad;</y:Op>"))).toBe(
      notWellFormed("end tag </y:Op> does not match <x:Op> (line 1)"),
    )
  })

  it("then for a character XML cannot carry", () => {
    expect(messageOf(envelope("<x:Op>&bad;\u0001</x:Op>"))).toBe(notWellFormed("a character XML cannot carry (line 1)"))
  })

  it("then for a bad reference, before an undeclared prefix wherever each comes", () => {
    expect(messageOf(envelope("<x:Op>&bad;</x:Op>"))).toBe(badReference)
    expect(messageOf(envelope('<x:Op/><cti:Op a="&bad;"/>'))).toBe(badReference)
    expect(messageOf(insertEnvelope("<x:Field/>"))).toBe(undeclaredPrefix)
  })
})
