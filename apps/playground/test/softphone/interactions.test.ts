import { Interaction, validateInteraction } from "@crmod-cti/core"
import { DemoIds, DemoUsers, DemoValues, makeDemoEmulator } from "@crmod-cti/emulator"
import type { ClickToDial } from "@crmod-cti/ui-controls"
import { Effect, Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { ChannelSpecs, ContactCentreLine, SimulatedChannels } from "../../src/softphone/channels.js"
import { makeIdentitySource } from "../../src/softphone/interactionIds.js"
import { inboundInteraction, outboundInteraction } from "../../src/softphone/interactions.js"

// What the service checks, element by element, as the client does before sending.
const validates = (interaction: Interaction) =>
  validateInteraction(Schema.encodeSync(Interaction)(interaction) as Record<string, string>)

const insertAsMosDef = (interaction: Interaction) =>
  Effect.runPromise(
    Effect.flatMap(makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false } }), (emulator) =>
      emulator.serviceFor(DemoUsers.mosDef).insert([interaction]),
    ),
  ).then((results) => results[0])

describe("identities of new interactions (InteractionId String (30), AgentOfferTime in epoch seconds)", () => {
  it("are unique within the same millisecond, at most 30 characters, and offered now", () => {
    const now = 1_767_225_600_123
    const next = makeIdentitySource(() => now)
    const identities = Array.from({ length: 1000 }, next)
    expect(new Set(identities.map((identity) => identity.InteractionId)).size).toBe(1000)
    for (const identity of identities) {
      expect(identity.InteractionId).toMatch(/^PG[0-9A-Z]+$/)
      expect(identity.InteractionId.length).toBeLessThanOrEqual(30)
      expect(identity.AgentOfferTime).toBe(1_767_225_600)
    }
  })

  it("differ across reloads of the page, whose counters start again", () => {
    const first = makeIdentitySource(() => 1_767_225_600_000)()
    const afterReload = makeIdentitySource(() => 1_767_225_601_000)()
    expect(afterReload.InteractionId).not.toBe(first.InteractionId)
  })
})

describe("simulated inbound interactions", () => {
  const identity = { InteractionId: "PGTEST1", AgentOfferTime: 1_767_225_600 }

  it.each(SimulatedChannels)("%s is logged with its inbound channel type", (channel) => {
    const interaction = inboundInteraction(identity, { channel, from: "a", to: "b", queue: "Support" })
    expect(interaction.ChannelType).toBe(ChannelSpecs[channel].channelType)
    expect(Either.isRight(validates(interaction))).toBe(true)
  })

  it("sends the customer as Origin, the contact centre as Destination and the queue, trimmed", () => {
    expect(
      inboundInteraction(identity, {
        channel: "Call",
        from: " +1 555 111 1212 ",
        to: ContactCentreLine,
        queue: "Support",
      }),
    ).toEqual({
      ...identity,
      ChannelType: "Inbound Call",
      Origin: "+1 555 111 1212",
      Destination: ContactCentreLine,
      Queue: "Support",
    })
  })

  it("leaves out the fields the agent left empty", () => {
    expect(inboundInteraction(identity, { channel: "Email", from: "", to: " ", queue: "" })).toEqual({
      ...identity,
      ChannelType: "Inbound Email",
    })
  })

  it("associates a call from Fred Hong's work phone with his contact, which the screen pop suggests", async () => {
    const result = await insertAsMosDef(
      inboundInteraction(identity, {
        channel: "Call",
        from: DemoValues.fredHongWorkPhone,
        to: ContactCentreLine,
        queue: "Support",
      }),
    )
    expect(result).toMatchObject({
      Status: "OK",
      ContactId: DemoIds.fredHong,
      ContactFullName: "Fred Hong",
      ScreenPopRecordType: "Contact",
      ScreenPopRecordId: DemoIds.fredHong,
    })
  })
})

describe("Click-to-Dial: an outbound call associated with the clicked record", () => {
  const identity = { InteractionId: "PGTEST2", AgentOfferTime: 1_767_225_600 }
  const acmeLink: ClickToDial = {
    action: "clickToDial",
    phoneNumber: "15552220000",
    countryCode: "1",
    recordType: "Account",
    recordId: DemoIds.acme,
  }

  it("dials the link's number in international form from the agent's line, and passes the record in", () => {
    expect(outboundInteraction(identity, acmeLink, ContactCentreLine)).toEqual({
      ...identity,
      ChannelType: "Outbound Call",
      Origin: ContactCentreLine,
      Destination: "+15552220000",
      AssociatedRecordType: "Account",
      AssociatedRecordId: DemoIds.acme,
    })
  })

  it("passes no record for a link that names none", () => {
    const interaction = outboundInteraction(
      identity,
      { action: "clickToDial", phoneNumber: "15551111212" },
      ContactCentreLine,
    )
    expect(interaction).not.toHaveProperty("AssociatedRecordType")
    expect(interaction).not.toHaveProperty("AssociatedRecordId")
  })

  it("is associated with that record, which the screen pop suggests", async () => {
    const result = await insertAsMosDef(outboundInteraction(identity, acmeLink, ContactCentreLine))
    expect(result).toMatchObject({
      Status: "OK",
      AccountId: DemoIds.acme,
      AccountName: "Acme Corporation",
      ScreenPopRecordType: "Account",
      ScreenPopRecordId: DemoIds.acme,
    })
  })
})
