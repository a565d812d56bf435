import type { InsertResult, Interaction, WrapUpInteraction, WrapUpResult } from "@crmod-cti/core"
import {
  decodeInsertResponse,
  decodeRequest,
  decodeWrapUpResponse,
  encodeInsertRequest,
  encodeInsertResponse,
  encodeWrapUpRequest,
  encodeWrapUpResponse,
} from "@crmod-cti/soap-codec"
import { describe, expect, it } from "vitest"
import { demoUser, right, sample } from "./Helpers.js"

const ivr = {
  Priority: "2-Medium",
  IVRBeginTime: 1287786601,
  QueueBeginTime: 1287786213,
  Queue: "Support",
} as const

const insertInteractions: ReadonlyArray<Interaction> = [
  {
    InteractionId: "900000000051",
    AgentOfferTime: 1287786900,
    ChannelType: "Inbound Call",
    Origin: "15551111212",
    Destination: "18003849503",
    ...ivr,
  },
  {
    InteractionId: "9000000000054",
    AgentOfferTime: 1287786900,
    ChannelType: "Inbound Chat",
    Origin: "jsoap@match.com",
    Destination: "cti@testing.com",
    ...ivr,
  },
  {
    InteractionId: "900000000053",
    AgentOfferTime: 1287786900,
    ChannelType: "Inbound Email",
    Origin: "jsoap@match.com",
    Destination: "cti@testing.com",
    ...ivr,
  },
  {
    InteractionId: "900000000055",
    AgentOfferTime: 1287786900,
    ChannelType: "Inbound Voicemail",
    Origin: "15551111212",
    Destination: "18003849503",
    ...ivr,
  },
]

const fredHong = { ContactId: "1QA2-RXQQC", ContactFullName: "Fred Hong" } as const

const insertResults: ReadonlyArray<InsertResult> = [
  {
    Status: "OK",
    InteractionId: "900000000051",
    AgentOfferTime: 1287786900,
    ActivityId: "1QA2-S78VL",
    ...fredHong,
    ScreenPopRecordId: "1QA2-RXQQC",
    ScreenPopRecordType: "Contact",
  },
  {
    Status: "OK",
    InteractionId: "9000000000054",
    AgentOfferTime: 1287786900,
    ActivityId: "1QA2-S78VO",
    ScreenPopRecordId: "1QA2-S78VO",
    ScreenPopRecordType: "Activity",
  },
  {
    Status: "OK",
    InteractionId: "900000000053",
    AgentOfferTime: 1287786900,
    ActivityId: "1QA2-S78VQ",
    ScreenPopRecordId: "1QA2-S78VQ",
    ScreenPopRecordType: "Activity",
  },
  {
    Status: "OK",
    InteractionId: "900000000055",
    AgentOfferTime: 1287786900,
    ActivityId: "1QA2-S78VS",
    ...fredHong,
    ScreenPopRecordId: "1QA2-RXQQC",
    ScreenPopRecordType: "Contact",
  },
]

const channels = ["Inbound Call", "Inbound Chat", "Inbound Email", "Inbound Voicemail"] as const

const wrapUpInteractions: ReadonlyArray<WrapUpInteraction> = channels.map((ChannelType, i) => ({
  InteractionId: `10000000000${i}`,
  AgentOfferTime: 1287786900,
  ChannelType,
}))

const wrapUpResults: ReadonlyArray<WrapUpResult> = channels.map((_, i) => ({
  Status: "OK",
  InteractionId: `10000000000${i}`,
  AgentOfferTime: 1287786900,
}))

describe("CTIActivityInsert SOAP Request (the chapter's sample)", () => {
  it("decodes to its four interactions and the UsernameToken", () => {
    expect(right(decodeRequest(sample("insert-request")))).toEqual({
      operation: "CTIActivityInsert",
      interactions: insertInteractions,
      security: demoUser,
    })
  })

  it("decodes from bytes as from text", () => {
    expect(right(decodeRequest(new TextEncoder().encode(sample("insert-request"))))).toEqual(
      right(decodeRequest(sample("insert-request"))),
    )
  })

  it("gives back the same request when its decoded values are encoded and decoded again", () => {
    const decoded = right(decodeRequest(sample("insert-request")))
    if (decoded.operation !== "CTIActivityInsert") throw new Error("not an insert")
    const encoded = encodeInsertRequest(decoded.interactions, { security: decoded.security })
    expect(right(decodeRequest(encoded))).toEqual(decoded)
  })
})

describe("CTIActivityInsert SOAP Response (the chapter's sample)", () => {
  it("decodes to its four results", () => {
    expect(right(decodeInsertResponse(sample("insert-response")))).toEqual(insertResults)
  })

  it("gives back the same results when they are encoded and decoded again", () => {
    const results = right(decodeInsertResponse(sample("insert-response")))
    expect(right(decodeInsertResponse(encodeInsertResponse(results)))).toEqual(results)
  })

  it("is encoded in the chapter's shape: the same elements in the same order, with only the present fields", () => {
    const elements = (xml: string) => [...xml.matchAll(/<([\w:]+)[\s/>]/g)].map((match) => match[1])
    expect(elements(encodeInsertResponse(insertResults))).toEqual(elements(sample("insert-response")))
  })
})

describe("CTIActivityWrapUp SOAP Request (the chapter's sample)", () => {
  it("decodes to its four interactions and the UsernameToken", () => {
    expect(right(decodeRequest(sample("wrapup-request")))).toEqual({
      operation: "CTIActivityWrapUp",
      interactions: wrapUpInteractions,
      security: demoUser,
    })
  })

  it("gives back the same request when its decoded values are encoded and decoded again", () => {
    const decoded = right(decodeRequest(sample("wrapup-request")))
    if (decoded.operation !== "CTIActivityWrapUp") throw new Error("not a wrap-up")
    const encoded = encodeWrapUpRequest(decoded.interactions, { security: decoded.security })
    expect(right(decodeRequest(encoded))).toEqual(decoded)
  })
})

describe("CTIActivityWrapUp SOAP Response (the chapter's sample)", () => {
  it("decodes to its four results", () => {
    expect(right(decodeWrapUpResponse(sample("wrapup-response")))).toEqual(wrapUpResults)
  })

  it("gives back the same results when they are encoded and decoded again", () => {
    expect(right(decodeWrapUpResponse(encodeWrapUpResponse(wrapUpResults)))).toEqual(wrapUpResults)
  })

  it("is encoded in the chapter's shape", () => {
    const elements = (xml: string) => [...xml.matchAll(/<([\w:]+)[\s/>]/g)].map((match) => match[1])
    expect(elements(encodeWrapUpResponse(wrapUpResults))).toEqual(elements(sample("wrapup-response")))
  })
})
