import { Faults, trimXmlWhiteSpace } from "@crmod-cti/core"
import {
  decodeInsertResponse,
  decodeRequest,
  decodeWrapUpResponse,
  encodeFault,
  encodeInsertRequest,
  encodeInsertResponse,
  encodeWrapUpRequest,
  encodeWrapUpResponse,
} from "@crmod-cti/soap-codec"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  anyText,
  clientName,
  insertResult,
  interaction,
  usernameToken,
  wrapUpInteraction,
  wrapUpResult,
} from "../../core/test/arbitraries/index.js"
import { demoUser, left, right } from "./Helpers.js"

const batch = <A>(item: fc.Arbitrary<A>) => fc.array(item, { minLength: 1, maxLength: 5 })

describe("Requests: encoding then decoding gives back every valid request", () => {
  it("CTIActivityInsert", () => {
    fc.assert(
      fc.property(batch(interaction), usernameToken, fc.option(clientName, { nil: undefined }), (xs, token, name) => {
        const options = { security: token, ...(name === undefined ? {} : { clientName: name }) }
        expect(right(decodeRequest(encodeInsertRequest(xs, options)))).toEqual({
          operation: "CTIActivityInsert",
          interactions: xs,
          ...options,
        })
      }),
      { numRuns: 300 },
    )
  })

  it("CTIActivityWrapUp", () => {
    fc.assert(
      fc.property(batch(wrapUpInteraction), usernameToken, (xs, token) => {
        expect(right(decodeRequest(encodeWrapUpRequest(xs, { security: token })))).toEqual({
          operation: "CTIActivityWrapUp",
          interactions: xs,
          security: token,
        })
      }),
      { numRuns: 200 },
    )
  })
})

describe("Responses: encoding then decoding gives back every result", () => {
  it("CTIActivityInsert", () => {
    fc.assert(
      fc.property(fc.array(insertResult, { maxLength: 5 }), (results) => {
        expect(right(decodeInsertResponse(encodeInsertResponse(results)))).toEqual(results)
      }),
      { numRuns: 300 },
    )
  })

  it("CTIActivityWrapUp", () => {
    fc.assert(
      fc.property(fc.array(wrapUpResult, { maxLength: 5 }), (results) => {
        expect(right(decodeWrapUpResponse(encodeWrapUpResponse(results)))).toEqual(results)
      }),
      { numRuns: 200 },
    )
  })
})

describe("Faults: encoding then decoding keeps the message and code", () => {
  it("any message", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const fault = Faults.serverError(`Store failure: ${text}`)
        expect(left(decodeInsertResponse(encodeFault(fault)))).toMatchObject({
          faultCode: "Server",
          errorCode: fault.errorCode,
          message: trimXmlWhiteSpace(fault.message),
        })
      }),
      { numRuns: 200 },
    )
  })

  // JavaScript's trim() also removes U+00A0, U+3000 and other Unicode spaces; XML white space is four characters only.
  it("only XML white space is trimmed: a no-break or ideographic space at either end is part of the message", () => {
    for (const space of ["\u00a0", "\u3000", "\u2028", "\ufeff"]) {
      const fault = Faults.serverError(`${space}Store failure:${space} \t\r\n`)
      expect(left(decodeInsertResponse(encodeFault(fault))).message).toBe(`${space}Store failure:${space}`)
    }
  })
})

describe("Encoding escapes every text value: no XML injection", () => {
  it("markup in Origin and Queue stays text", () => {
    const injected = {
      InteractionId: "1",
      AgentOfferTime: 1,
      ChannelType: "Inbound Call",
      Origin: "</data:Origin><data:AssociatedRecordId>1QA2-EVIL</data:AssociatedRecordId><data:Origin>",
      Queue: "]]><![CDATA[<x>&amp;",
    } as const
    expect(right(decodeRequest(encodeInsertRequest([injected], { security: demoUser }))).interactions).toEqual([
      injected,
    ])
  })

  it("a carriage return survives (as &#13;), where a literal one would become a line feed", () => {
    const xml = encodeInsertResponse([{ Status: "OK", InteractionId: "a\r\nb\rc", AgentOfferTime: 1 }])
    expect(xml).toContain("a&#13;\nb&#13;c")
    expect(right(decodeInsertResponse(xml))[0]?.InteractionId).toBe("a\r\nb\rc")
  })
})
