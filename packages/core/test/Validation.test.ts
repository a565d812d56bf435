import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { validateInsertRequest } from "@crmod-cti/core"

const call = { InteractionId: "900000000051", AgentOfferTime: "1287786900", ChannelType: "Inbound Call" }

const message = (result: Either.Either<unknown, { message: string }>) =>
  Either.match(result, { onLeft: (fault) => fault.message, onRight: () => "valid" })

describe("CTIActivityInsert request validation", () => {
  it("accepts the chapter's first interaction", () => {
    const result = validateInsertRequest([{ ...call, Origin: "15551111212", Priority: "2-Medium" }])
    expect(Either.getOrThrow(result)).toEqual([
      {
        InteractionId: "900000000051",
        AgentOfferTime: 1287786900,
        ChannelType: "Inbound Call",
        Origin: "15551111212",
        Priority: "2-Medium",
      },
    ])
  })
  it("names a missing ChannelType", () => {
    expect(message(validateInsertRequest([{ InteractionId: "1", AgentOfferTime: "1" }]))).toBe(
      "Caught exception while handling request: expected element is missing: ChannelType",
    )
  })
  it("rejects a boolean that is not true, false, 1 or 0", () => {
    expect(message(validateInsertRequest([{ ...call, CreateServiceRequest: "yes" }]))).toBe(
      "Caught exception while handling request: invalid boolean value: yes",
    )
  })
})
