// Whole-request validation of both operations, CONTRACT.md §4–§6, and the schemas' round trips.
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  type CtiFault,
  InsertResult,
  Interaction,
  MaxInteractionsPerRequest,
  type RawInteraction,
  WrapUpInteraction,
  WrapUpResult,
  characterLength,
  validateInsertRequest,
  validateWrapUpRequest,
} from "@crmod-cti/core"
import * as Arb from "@crmod-cti/testing"

// The chapter's sample request, first interaction, as element name → text.
const call: RawInteraction = {
  InteractionId: "900000000051",
  AgentOfferTime: "1287786900",
  ChannelType: "Inbound Call",
  Origin: "15551111212",
  Destination: "18003849503",
  Priority: "2-Medium",
  IVRBeginTime: "1287786601",
  QueueBeginTime: "1287786213",
  Queue: "Support",
}
const wrapUp: RawInteraction = {
  InteractionId: "100000000000",
  AgentOfferTime: "1287786900",
  ChannelType: "Inbound Call",
}

const missing = (element: string) => `Caught exception while handling request: expected element is missing: ${element}`
const required = (element: string) =>
  `'${element}' is a required field. Please enter a value for the field.(SBL-DAT-00498)`
const invalid = (value: string, parameter: string) => `Invalid value, ${value}, is specified for option ${parameter}`

const faultOf = <A>(result: Either.Either<A, CtiFault>): string =>
  Either.match(result, { onLeft: (fault) => fault.message, onRight: () => "valid" })

const insert = (...interactions: ReadonlyArray<RawInteraction>) => faultOf(validateInsertRequest(interactions))
const wrap = (...interactions: ReadonlyArray<RawInteraction>) => faultOf(validateWrapUpRequest(interactions))

const without = (raw: RawInteraction, element: string): RawInteraction =>
  Object.fromEntries(Object.entries(raw).filter(([name]) => name !== element))

describe("CTIActivityInsert: the chapter's sample request", () => {
  it("decodes the first interaction to typed values", () => {
    expect(Either.getOrThrow(validateInsertRequest([call]))).toEqual([
      {
        InteractionId: "900000000051",
        AgentOfferTime: 1287786900,
        ChannelType: "Inbound Call",
        Origin: "15551111212",
        Destination: "18003849503",
        Priority: "2-Medium",
        IVRBeginTime: 1287786601,
        QueueBeginTime: 1287786213,
        Queue: "Support",
      },
    ])
  })

  it("accepts the four channels of the sample", () => {
    const chat = { ...call, InteractionId: "9000000000054", ChannelType: "Inbound Chat", Origin: "jsoap@match.com" }
    const email = { ...chat, InteractionId: "900000000053", ChannelType: "Inbound Email" }
    const voicemail = { ...call, InteractionId: "900000000055", ChannelType: "Inbound Voicemail" }
    const result = Either.getOrThrow(validateInsertRequest([call, chat, email, voicemail]))
    expect(result.map((interaction) => interaction.ChannelType)).toEqual([
      "Inbound Call",
      "Inbound Chat",
      "Inbound Email",
      "Inbound Voicemail",
    ])
  })

  it("accepts every optional parameter", () => {
    const full = {
      ...call,
      AssociatedRecordId: "1QA2-RXQQC",
      AssociatedRecordType: "Contact",
      CampaignSourceCode: "SPRING-24",
      ContactPhoneNumber: "+1 (555) 111-1212",
      CreateServiceRequest: "1",
      ServiceRequestNumber: "SR-0001",
    }
    expect(Either.getOrThrow(validateInsertRequest([full]))[0]).toMatchObject({
      AssociatedRecordType: "Contact",
      CreateServiceRequest: true,
    })
  })
})

describe("ListOfInteraction: one to five interactions", () => {
  it("a missing ListOfInteraction is a missing element", () => {
    expect(faultOf(validateInsertRequest(undefined))).toBe(missing("ListOfInteraction"))
    expect(faultOf(validateWrapUpRequest(undefined))).toBe(missing("ListOfInteraction"))
  })

  it("an empty list is a missing Interaction", () => {
    expect(insert()).toBe(missing("Interaction"))
    expect(wrap()).toBe(missing("Interaction"))
  })

  it("five interactions are accepted, six are too many", () => {
    expect(MaxInteractionsPerRequest).toBe(5)
    const five = Array.from({ length: 5 }, (_, i) => ({ ...call, InteractionId: `id-${i}` }))
    expect(insert(...five)).toBe("valid")
    expect(insert(...five, call)).toBe("Request contains too many interactions")
    expect(wrap(...Array.from({ length: 5 }, () => wrapUp))).toBe("valid")
    expect(wrap(...Array.from({ length: 6 }, () => wrapUp))).toBe("Request contains too many interactions")
  })

  it("too many interactions is reported before what is wrong inside them", () => {
    expect(insert(...Array.from({ length: 6 }, () => ({ ChannelType: "nonsense" })))).toBe(
      "Request contains too many interactions",
    )
  })
})

describe("Required elements: InteractionId, AgentOfferTime, ChannelType", () => {
  const elements = ["InteractionId", "AgentOfferTime", "ChannelType"]

  it.each(elements)("a missing %s is a missing element", (element) => {
    expect(insert(without(call, element))).toBe(missing(element))
    expect(wrap(without(wrapUp, element))).toBe(missing(element))
  })

  it.each(elements)("an empty %s is a required field", (element) => {
    expect(insert({ ...call, [element]: "" })).toBe(required(element))
    expect(wrap({ ...wrapUp, [element]: "" })).toBe(required(element))
  })

  it.each(elements)("a %s of white space only is empty", (element) => {
    expect(insert({ ...call, [element]: " \n\t " })).toBe(required(element))
  })

  it("an element given as undefined is missing", () => {
    expect(insert({ ...call, ChannelType: undefined })).toBe(missing("ChannelType"))
  })

  it("a missing element is reported before an empty one", () => {
    expect(insert({ ...without(call, "ChannelType"), InteractionId: "" })).toBe(missing("ChannelType"))
  })
})

describe("String (n) limits: InteractionId 30, Queue 250, the others 100", () => {
  const limits = [
    ["InteractionId", 30],
    ["Queue", 250],
    ["AssociatedRecordId", 100],
    ["CampaignSourceCode", 100],
    ["ContactPhoneNumber", 100],
    ["Destination", 100],
    ["Origin", 100],
    ["ServiceRequestNumber", 100],
  ] as const

  it.each(limits)("%s holds %i characters", (parameter, n) => {
    const value = "7".repeat(n)
    const result = validateInsertRequest([{ ...call, [parameter]: value }])
    expect(Either.getOrThrow(result)[0]?.[parameter]).toBe(value)
  })

  it.each(limits)("%s of %i + 1 characters is an invalid value", (parameter, n) => {
    const value = "7".repeat(n + 1)
    expect(insert({ ...call, [parameter]: value })).toBe(invalid(value, parameter))
  })

  it("counts an astral character once", () => {
    expect(insert({ ...call, InteractionId: "😀".repeat(30) })).toBe("valid")
    expect(insert({ ...call, InteractionId: "😀".repeat(31) })).toBe(invalid("😀".repeat(31), "InteractionId"))
  })

  it("holds for the wrap-up InteractionId too", () => {
    expect(wrap({ ...wrapUp, InteractionId: "7".repeat(30) })).toBe("valid")
    expect(wrap({ ...wrapUp, InteractionId: "7".repeat(31) })).toBe(invalid("7".repeat(31), "InteractionId"))
  })

  it("a value with an XML-illegal character is invalid", () => {
    expect(insert({ ...call, Queue: "a\u0001b" })).toBe(invalid("a\u0001b", "Queue"))
  })
})

describe("LOV parameters: values outside the list are invalid", () => {
  it.each(["Inbound call", "Call", "Outbound Chat", "Inbound  Call"])("ChannelType %j", (value) => {
    expect(insert({ ...call, ChannelType: value })).toBe(invalid(value, "ChannelType"))
    expect(wrap({ ...wrapUp, ChannelType: value })).toBe(invalid(value, "ChannelType"))
  })

  it.each(["Contacts", "contact", "Case", "Activities"])("AssociatedRecordType %j", (value) => {
    expect(insert({ ...call, AssociatedRecordType: value, AssociatedRecordId: "1QA2-1" })).toBe(
      invalid(value, "AssociatedRecordType"),
    )
  })

  it("AssociatedRecordType accepts Opportunity", () => {
    expect(insert({ ...call, AssociatedRecordType: "Opportunity", AssociatedRecordId: "1QA2-1" })).toBe("valid")
  })

  it("an empty AssociatedRecordType is an invalid value", () => {
    expect(insert({ ...call, AssociatedRecordType: "" })).toBe(invalid("", "AssociatedRecordType"))
  })

  it("an unknown Priority is kept for the company's own list to judge (it is ignored there, not rejected)", () => {
    expect(Either.getOrThrow(validateInsertRequest([{ ...call, Priority: "9-Whenever" }]))[0]?.Priority).toBe(
      "9-Whenever",
    )
  })
})

describe("Date-Time parameters: epoch seconds", () => {
  const times = ["AgentOfferTime", "IVRBeginTime", "QueueBeginTime"]

  it.each(times)("%s of 0 is valid", (parameter) => {
    expect(insert({ ...call, [parameter]: "0" })).toBe("valid")
  })

  it.each(times.flatMap((parameter) => ["-1", "1.5", "1e3", "1287786900000000000", "now"].map((v) => [parameter, v])))(
    "%s %j is an invalid value",
    (parameter, value) => {
      expect(insert({ ...call, [parameter]: value })).toBe(invalid(value, parameter))
    },
  )

  it("an empty optional time is an invalid value, not an absent one", () => {
    expect(insert({ ...call, IVRBeginTime: "" })).toBe(invalid("", "IVRBeginTime"))
  })

  it("wrap-up AgentOfferTime is epoch seconds too", () => {
    expect(wrap({ ...wrapUp, AgentOfferTime: "1.5" })).toBe(invalid("1.5", "AgentOfferTime"))
  })
})

describe("CreateServiceRequest: Boolean", () => {
  it.each([
    ["true", true],
    ["1", true],
    ["false", false],
    ["0", false],
  ])("%s is %s", (text, value) => {
    const result = validateInsertRequest([{ ...call, CreateServiceRequest: text }])
    expect(Either.getOrThrow(result)[0]?.CreateServiceRequest).toBe(value)
  })

  it("yes is an invalid boolean value", () => {
    expect(insert({ ...call, CreateServiceRequest: "yes" })).toBe(
      "Caught exception while handling request: invalid boolean value: yes",
    )
  })

  it("empty is an invalid boolean value", () => {
    expect(insert({ ...call, CreateServiceRequest: "" })).toBe(
      "Caught exception while handling request: invalid boolean value: ",
    )
  })
})

describe("Unknown elements", () => {
  it("an element the operation does not define is a client fault naming it", () => {
    const result = validateInsertRequest([{ ...call, Subject: "hello" }])
    expect(Either.isLeft(result) && result.left).toMatchObject({
      reason: "MalformedRequest",
      faultCode: "Client",
      message: expect.stringContaining("Subject"),
    })
  })

  it("insert-only parameters are unknown to wrap-up", () => {
    const result = validateWrapUpRequest([{ ...wrapUp, Origin: "15551111212" }])
    expect(Either.isLeft(result) && result.left).toMatchObject({
      reason: "MalformedRequest",
      message: expect.stringContaining("Origin"),
    })
  })
})

describe("The first fault wins", () => {
  it("the first faulty interaction decides, whatever the interactions before it", () => {
    const bad1 = { ...call, ChannelType: "Inbound Fax" }
    const bad2 = without(call, "AgentOfferTime")
    expect(insert(bad1, bad2)).toBe(invalid("Inbound Fax", "ChannelType"))
    expect(insert(bad2, bad1)).toBe(missing("AgentOfferTime"))
    expect(insert(call, call, bad2, bad1)).toBe(missing("AgentOfferTime"))
    expect(insert(call, bad1)).toBe(insert(bad1))
  })

  it("within an interaction, the parameters are checked in a fixed order", () => {
    expect(insert({ ...call, InteractionId: "x".repeat(31), ChannelType: "Fax" })).toBe(
      invalid("x".repeat(31), "InteractionId"),
    )
    expect(insert({ ...call, AgentOfferTime: "-1", Queue: "x".repeat(251) })).toBe(invalid("-1", "AgentOfferTime"))
  })

  it("the fault has a reason, a Client fault code and an error code", () => {
    const result = validateInsertRequest([without(call, "InteractionId")])
    expect(Either.isLeft(result) && result.left).toMatchObject({
      _tag: "CtiFault",
      reason: "MissingElement",
      faultCode: "Client",
      errorCode: "SBL-EAI-04452",
    })
  })
})

describe("Trimming: white space around a value is not part of it", () => {
  it("trims every element", () => {
    const padded = Object.fromEntries(Object.entries(call).map(([name, text]) => [name, `\n    ${text}  \n`]))
    expect(Either.getOrThrow(validateInsertRequest([padded]))).toEqual(Either.getOrThrow(validateInsertRequest([call])))
  })

  it("trims before counting characters", () => {
    expect(insert({ ...call, InteractionId: ` ${"7".repeat(30)} ` })).toBe("valid")
  })

  it("trims only XML white space: any other space character is part of the value, so identities stay apart", () => {
    const otherSpaces = ["\u00a0", "\u2003", "\ufeff", "\u3000", "\u2028", "\u0085", "\u200b"]
    fc.assert(
      fc.property(
        fc.constantFrom(...otherSpaces),
        fc.constantFrom(" ", "\t", "\r\n", "\n", ""),
        fc.boolean(),
        (space, xmlSpace, before) => {
          const id = before ? `${xmlSpace}${space}X${xmlSpace}` : `${xmlSpace}X${space}${xmlSpace}`
          const [interaction] = Either.getOrThrow(validateInsertRequest([{ ...call, InteractionId: id }]))
          expect(interaction?.InteractionId).toBe(before ? `${space}X` : `X${space}`)
          expect(interaction?.InteractionId).not.toBe("X")
        },
      ),
    )
  })

  it("trims booleans and times", () => {
    const result = validateInsertRequest([{ ...call, CreateServiceRequest: " true ", AgentOfferTime: " 0 " }])
    expect(Either.getOrThrow(result)[0]).toMatchObject({ CreateServiceRequest: true, AgentOfferTime: 0 })
  })
})

describe("Empty optional text elements are absent", () => {
  const textElements = [
    "AssociatedRecordId",
    "CampaignSourceCode",
    "ContactPhoneNumber",
    "Destination",
    "Origin",
    "Priority",
    "Queue",
    "ServiceRequestNumber",
  ]

  it.each(textElements)("an empty %s is left out", (element) => {
    for (const empty of ["", "  ", "\n\t"]) {
      const result = Either.getOrThrow(validateInsertRequest([{ ...call, [element]: empty }]))[0]
      expect(result).toBeDefined()
      expect(Object.hasOwn(result ?? {}, element)).toBe(false)
    }
  })
})

const roundTrips = <A, I>(schema: Schema.Schema<A, I>, value: A) => {
  const encoded = Schema.encodeSync(schema)(value)
  expect(Schema.decodeSync(schema)(encoded)).toEqual(value)
}

describe("The generators make valid values only (so the properties below test what they claim)", () => {
  it("every generated interaction is an Interaction, its strings within their limits", () => {
    fc.assert(
      fc.property(Arb.interaction, (interaction) => {
        expect(Schema.is(Interaction)(interaction)).toBe(true)
        expect(characterLength(interaction.InteractionId)).toBeLessThanOrEqual(30)
      }),
    )
    expect(Schema.is(Interaction)(Arb.awkwardInteraction)).toBe(true)
  })
})

describe("Interaction: decode ∘ encode = identity", () => {
  it("for the awkward example", () => {
    roundTrips(Interaction, Arb.awkwardInteraction)
  })

  it("for arbitrary valid interactions", () => {
    fc.assert(fc.property(Arb.interaction, (interaction) => roundTrips(Interaction, interaction)))
  })

  it("encodes to element texts: epoch seconds and booleans as strings", () => {
    expect(Schema.encodeSync(Interaction)(Arb.awkwardInteraction)).toMatchObject({
      AgentOfferTime: "0",
      CreateServiceRequest: "false",
      IVRBeginTime: "9007199254740991",
    })
  })
})

describe("WrapUpInteraction, InsertResult, WrapUpResult: decode ∘ encode = identity", () => {
  it("WrapUpInteraction", () => {
    fc.assert(fc.property(Arb.wrapUpInteraction, (interaction) => roundTrips(WrapUpInteraction, interaction)))
  })

  it("InsertResult", () => {
    fc.assert(fc.property(Arb.insertResult, (result) => roundTrips(InsertResult, result)))
  })

  it("WrapUpResult", () => {
    fc.assert(fc.property(Arb.wrapUpResult, (result) => roundTrips(WrapUpResult, result)))
  })
})

describe("Validation accepts every valid request and returns it", () => {
  it("CTIActivityInsert: one to five encoded valid interactions", () => {
    fc.assert(
      fc.property(fc.array(Arb.interaction, { minLength: 1, maxLength: 5 }), (interactions) => {
        const raw = interactions.map((interaction) => Schema.encodeSync(Interaction)(interaction))
        expect(Either.getOrThrow(validateInsertRequest(raw))).toEqual(interactions)
      }),
      { examples: [[[Arb.awkwardInteraction]]] },
    )
  })

  it("CTIActivityWrapUp: one to five encoded valid interactions", () => {
    fc.assert(
      fc.property(fc.array(Arb.wrapUpInteraction, { minLength: 1, maxLength: 5 }), (interactions) => {
        const raw = interactions.map((interaction) => Schema.encodeSync(WrapUpInteraction)(interaction))
        expect(Either.getOrThrow(validateWrapUpRequest(raw))).toEqual(interactions)
      }),
    )
  })

  it("and the same interactions padded with white space, as pretty-printed XML carries them", () => {
    fc.assert(
      fc.property(Arb.interaction, (interaction) => {
        const raw = Object.fromEntries(
          Object.entries(Schema.encodeSync(Interaction)(interaction)).map(([name, text]) => [name, `\n  ${text}\n`]),
        )
        expect(Either.getOrThrow(validateInsertRequest([raw]))).toEqual([interaction])
      }),
    )
  })
})
