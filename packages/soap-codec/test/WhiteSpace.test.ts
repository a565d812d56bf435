// CONTRACT.md §9: only XML white space (space, tab, CR, LF) is trimmed from values; any other character is part of
// the value, so that "\u00a0X" and "X" stay two identities.
import { trimXmlWhiteSpace } from "@crmod-cti/core"
import { decodeRequest, encodeInsertRequest } from "@crmod-cti/soap-codec"
import * as Arb from "@crmod-cti/testing"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { demoUser, envelope, insertEnvelope, right, securityXml } from "./Helpers.js"

// Space characters that are not XML white space (JavaScript's `trim` removes all but the last two).
const otherSpaces = ["\u00a0", "\u2003", "\u2000", "\u3000", "\u1680", "\u202f", "\ufeff", "\u2028", "\u0085", "\u200b"]
const xmlWhiteSpace = fc.constantFrom("", " ", "\t", "\n", "\r\n", "  \n\t")

const interactionWithId = (id: string) =>
  insertEnvelope(
    `<data:InteractionId>${id}</data:InteractionId><data:AgentOfferTime>1287786900</data:AgentOfferTime>` +
      "<data:ChannelType>Inbound Call</data:ChannelType>",
  )

const idOf = (xml: string) => right(decodeRequest(xml)).interactions[0]?.InteractionId

describe("Values keep every character that is not XML white space", () => {
  it('"\\u00a0X" is not "X": the identity keeps its no-break space', () => {
    expect(idOf(interactionWithId("\u00a0900000000051"))).toBe("\u00a0900000000051")
    expect(idOf(interactionWithId("\u00a0900000000051"))).not.toBe(idOf(interactionWithId("900000000051")))
  })

  it("any other space at either end, inside any XML white space, is part of the value", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...otherSpaces),
        xmlWhiteSpace,
        xmlWhiteSpace,
        fc.boolean(),
        (space, before, after, leading) => {
          const value = leading ? `${space}900000000051` : `900000000051${space}`
          expect(idOf(interactionWithId(`${before}${value}${after}`))).toBe(value)
        },
      ),
    )
  })

  it("the user name and the client name are trimmed by the same rule", () => {
    const header =
      securityXml("<wsse:Username>\n \u00a0OKP/mos.def\u2003 </wsse:Username><wsse:Password>password</wsse:Password>") +
      '<ClientName xmlns="urn:crmondemand/ws">\t\ufeffSoftphone\u00a0\n</ClientName>'
    const body =
      "<cti:CTIActivityInsert_Input><data:ListOfInteraction><data:Interaction>" +
      "<data:InteractionId>1</data:InteractionId><data:AgentOfferTime>1</data:AgentOfferTime>" +
      "<data:ChannelType>Inbound Call</data:ChannelType></data:Interaction></data:ListOfInteraction>" +
      "</cti:CTIActivityInsert_Input>"
    const decoded = right(decodeRequest(envelope(body, header)))
    expect(decoded.security.username).toBe("\u00a0OKP/mos.def\u2003")
    expect(decoded.clientName).toBe("\ufeffSoftphone\u00a0")
  })

  it("an identity with another space at its end travels as it is, through encoding and decoding", () => {
    fc.assert(
      fc.property(Arb.interaction, fc.constantFrom(...otherSpaces), (interaction, space) => {
        // Cut to 29 characters, for the space to fit in 30, and trimmed again: a cut can end in white space.
        const id = `${space}${trimXmlWhiteSpace(Array.from(interaction.InteractionId).slice(0, 29).join(""))}`
        const xml = encodeInsertRequest([{ ...interaction, InteractionId: id }], { security: demoUser })
        expect(idOf(xml)).toBe(id)
      }),
      { numRuns: 50 },
    )
  })
})
