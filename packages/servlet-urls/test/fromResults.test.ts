import { describe, expect, it } from "vitest"
import { createdResult, existingResult, failedResult, type InsertResult } from "@crmod-cti/core"
import { parseCtiCommand, screenPopCommandFor, screenPopUrlFor, wrapUpUrlFor } from "@crmod-cti/servlet-urls"
import { Either } from "effect"

const identity = { InteractionId: "900000000051", AgentOfferTime: 1287786900 }
const fredHong = { type: "Contact", id: "1QA2-RXQQC", label: "Fred Hong" } as const
const base = "http://127.0.0.1:8080/OnDemand"

const url = (result: Either.Either<string, unknown>) => Either.getOrThrowWith(result, (error) => error)

describe("screen pop the record suggested by CTIActivityInsert (ScreenPopRecordType, ScreenPopRecordId)", () => {
  it("pops the associated contact, without a channel type", () => {
    const result = createdResult(identity, "1QA2-ACT001", { Contact: fredHong })
    expect(url(screenPopUrlFor(base, result, "Inbound Call"))).toBe(
      `${base}/user/CTICommand?Command=ScreenPop&Record%20Type=Contact&Record%20Id=1QA2-RXQQC`,
    )
  })
  it("pops the activity itself with the interaction's channel type", () => {
    const result = createdResult(identity, "1QA2-D903189", {})
    const popped = Either.flatMap(screenPopUrlFor(base, result, "Inbound Voicemail"), parseCtiCommand)
    expect(popped).toEqual(
      Either.right({
        command: "ScreenPop",
        recordType: "Activity",
        recordId: "1QA2-D903189",
        channelType: "Inbound Voicemail",
      }),
    )
  })
  it("fails for an interaction that was not created now, naming its status", () => {
    for (const result of [
      existingResult(identity, "1QA2-ACT001"),
      failedResult(identity, "Unable to create activity"),
    ]) {
      const error = Either.getOrThrow(Either.flip(screenPopUrlFor(base, result, "Inbound Call")))
      expect(error).toMatchObject({ _tag: "ScreenPopUnavailable", reason: "NotCreated", status: result.Status })
      expect(error.message).toContain(result.Status)
    }
  })
  it("fails for an OK result without the screen-pop fields", () => {
    const result: InsertResult = { Status: "OK", ...identity, ActivityId: "1QA2-ACT001" }
    expect(Either.getOrThrow(Either.flip(screenPopCommandFor(result, "Inbound Call")))).toMatchObject({
      reason: "NoSuggestion",
      interactionId: "900000000051",
    })
  })
  it("fails with the parameter's error when the suggested id breaks the servlet's rules", () => {
    const result: InsertResult = { ...createdResult(identity, "1QA2-ACT001", {}), ScreenPopRecordId: "X".repeat(101) }
    expect(Either.getOrThrow(Either.flip(screenPopUrlFor(base, result, "Inbound Call")))).toMatchObject({
      _tag: "ServletParameterError",
      parameter: "Record Id",
    })
  })
})

describe("wrap up an interaction by Interaction Id and Agent Offer Time", () => {
  it("builds the chapter's WrapUp example from an insert result", () => {
    const result = createdResult({ InteractionId: "90001841534038", AgentOfferTime: 1287786213 }, "1QA2-X", {})
    expect(url(wrapUpUrlFor(base, result))).toBe(
      `${base}/user/CTICommand?Command=WrapUp&Interaction%20Id=90001841534038&Agent%20Offer%20Time=1287786213`,
    )
  })
  it("fails naming Interaction Id when a result carries one over 30 characters", () => {
    expect(
      Either.getOrThrow(Either.flip(wrapUpUrlFor(base, { InteractionId: "1".repeat(31), AgentOfferTime: 1 }))),
    ).toMatchObject({ reason: "Invalid", parameter: "Interaction Id" })
  })
})
