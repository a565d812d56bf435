import { describe, expect, it } from "vitest"
import fc from "fast-check"
import { AssociatedRecordTypes, ChannelTypes, CtiString, StringLimits } from "@crmod-cti/core"
import {
  buildCtiCommandForm,
  buildCtiCommandUrl,
  type CtiCommand,
  ctiCommandParameters,
  parseCtiCommand,
} from "@crmod-cti/servlet-urls"
import { Either, Schema } from "effect"

// Text that stresses the encoding: the form's own delimiters, spaces, percent signs, non-ASCII and astral characters.
const text = (limit: number) =>
  fc
    .oneof(
      fc.string({ unit: fc.constantFrom(..."AZaz09-+&=%#?/ é€😀\t"), minLength: 1, maxLength: limit }),
      fc.string({ unit: "grapheme", minLength: 1, maxLength: limit }),
    )
    .filter(Schema.is(CtiString(limit)))

const channelType = fc.constantFrom(...ChannelTypes)

// Channel Type is required for an Activity and optional for the other record types.
const screenPop: fc.Arbitrary<CtiCommand> = fc.oneof(
  fc.record({
    command: fc.constant("ScreenPop" as const),
    recordType: fc.constant("Activity" as const),
    recordId: text(StringLimits.AssociatedRecordId),
    channelType,
  }),
  fc.record(
    {
      command: fc.constant("ScreenPop" as const),
      recordType: fc.constantFrom(...AssociatedRecordTypes.filter((type) => type !== "Activity")),
      recordId: text(StringLimits.AssociatedRecordId),
      channelType,
    },
    { requiredKeys: ["command", "recordType", "recordId"] },
  ),
)

const wrapUp: fc.Arbitrary<CtiCommand> = fc.record({
  command: fc.constant("WrapUp" as const),
  interactionId: text(StringLimits.InteractionId),
  agentOfferTime: fc.maxSafeNat(),
})

const command = fc.oneof(screenPop, wrapUp)

const roundTrips = (encode: (command: CtiCommand) => URL | string | URLSearchParams) =>
  fc.assert(
    fc.property(command, (original) => {
      expect(parseCtiCommand(encode(original))).toEqual(Either.right(original))
    }),
    { numRuns: 300 },
  )

describe("every valid command survives building and parsing", () => {
  it("through an absolute GET URL", () => roundTrips((c) => buildCtiCommandUrl("http://127.0.0.1:8080/OnDemand/", c)))
  it("through a URL object", () =>
    roundTrips((c) => new URL(buildCtiCommandUrl("https://x.crmondemand.com/OnDemand", c))))
  it("through a request target on the page's own server", () => roundTrips((c) => buildCtiCommandUrl("/OnDemand", c)))
  it("through a POST form body", () => roundTrips(buildCtiCommandForm))
  it("through URLSearchParams", () => roundTrips(ctiCommandParameters))
  it("through a form body whose parameters were shuffled", () =>
    fc.assert(
      fc.property(command, fc.integer(), (original, seed) => {
        const pairs = [...ctiCommandParameters(original)]
        const shuffled = pairs.map((pair, i) => ({ pair, key: (i * 7919 + seed) % 101 })).sort((a, b) => a.key - b.key)
        expect(parseCtiCommand(new URLSearchParams(shuffled.map(({ pair }) => pair)))).toEqual(Either.right(original))
      }),
      { numRuns: 200 },
    ))
})
