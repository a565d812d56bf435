import { CtiFault } from "@crmod-cti/core"
import {
  decodeInsertResponse,
  decodeRequest,
  decodeWrapUpResponse,
  encodeFault,
  encodeInsertRequest,
  SoapResponseError,
} from "@crmod-cti/soap-codec"
import { Either } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { demoUser, sample } from "./Helpers.js"

const seeds = [
  sample("insert-request"),
  sample("wrapup-request"),
  sample("insert-response"),
  sample("wrapup-response"),
  encodeInsertRequest([{ InteractionId: "1", AgentOfferTime: 1, ChannelType: "Callback", Queue: "a&b" }], {
    security: demoUser,
    clientName: "fuzz",
  }),
  encodeFault(new CtiFault({ reason: "RateLimited", faultCode: "Server", errorCode: "SBL-ODU-01005", message: "m" })),
]

const fragments = fc.constantFrom(
  "<",
  ">",
  "&",
  "&lt;",
  "&#0;",
  "&#x110000;",
  "&lol;",
  "</a>",
  "<a>",
  "<a/>",
  "<!--",
  "-->",
  "<![CDATA[",
  "]]>",
  '"',
  "'",
  "<!DOCTYPE x>",
  '<!ENTITY e "x">',
  "<?pi?>",
  '<?xml version="1.0"?>',
  ' xmlns:data="urn:x"',
  ' xmlns=""',
  "<data:Interaction>",
  "</data:Interaction>",
  "<__proto__>",
  "</__proto__>",
  "<soapenv:Fault>",
  "\uFEFF",
  "\u0000",
)

type Mutation = (xml: string) => string

// A position anywhere in the document, uniformly.
const at = (xml: string, position: number) => position % (xml.length + 1)

const insertion = fc.tuple(fc.nat(), fc.oneof(fragments, fc.string({ unit: "binary", maxLength: 8 }))).map(
  ([position, text]): Mutation =>
    (xml) =>
      xml.slice(0, at(xml, position)) + text + xml.slice(at(xml, position)),
)

const deletion = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(
  ([position, length]): Mutation =>
    (xml) =>
      xml.slice(0, at(xml, position)) + xml.slice(at(xml, position) + length),
)

const duplication = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 300 })).map(
  ([position, length]): Mutation =>
    (xml) =>
      xml.slice(0, at(xml, position) + length) + xml.slice(at(xml, position)),
)

const truncation = fc.nat().map(
  (position): Mutation =>
    (xml) =>
      xml.slice(0, at(xml, position)),
)

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: insertion },
  { weight: 3, arbitrary: deletion },
  { weight: 2, arbitrary: duplication },
  { weight: 1, arbitrary: truncation },
)

const mutated = fc
  .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([seed, mutations]) => mutations.reduce((xml, mutate) => mutate(xml), seed))

const bodies: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 6, arbitrary: mutated },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join("")) },
)

// A decoder that hangs on some document fails the test by its timeout (the suite's, scaled): no wall-clock budget per
// document, which a busy machine could break. Linear time on large documents is HostileInput.test.ts's business.
describe("Fuzzing: random and mutated envelopes never throw and never hang", () => {
  it("the request decoder answers a request or a Client fault", () => {
    fc.assert(
      fc.property(bodies, (body) => {
        const result = decodeRequest(body)
        expect(Either.isEither(result)).toBe(true)
        if (Either.isLeft(result)) {
          expect(result.left).toBeInstanceOf(CtiFault)
          expect(result.left.faultCode).toBe("Client")
        }
      }),
      { numRuns: 1500 },
    )
  })

  it("the response decoders answer results, a CtiFault or a SoapResponseError", () => {
    fc.assert(
      fc.property(bodies, (body) => {
        for (const decode of [decodeInsertResponse, decodeWrapUpResponse]) {
          const result: Either.Either<unknown, unknown> = decode(body)
          if (Either.isLeft(result)) {
            expect(result.left instanceof CtiFault || result.left instanceof SoapResponseError).toBe(true)
          } else expect(Array.isArray(result.right)).toBe(true)
        }
      }),
      { numRuns: 1000 },
    )
  })
})
