import { CtiFault, createdResult, existingResult, Faults } from "@crmod-cti/core"
import { CtiTransportError } from "@crmod-cti/transport-fetch"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { credentialsAfter, describeError } from "../../src/softphone/describeError.js"
import { formatDialled, formatDuration } from "../../src/softphone/format.js"
import { customerName, summarizeInsertResult } from "../../src/softphone/resultSummary.js"
import { parseSoftphoneConfig } from "../../src/softphone/SoftphoneConfig.js"

const identity = { InteractionId: "900000000051", AgentOfferTime: 1287786900 }

describe("the result card shows what CTIActivityInsert answered", () => {
  it("status, activity, every associated record by name and id, and the screen-pop suggestion", () => {
    const result = createdResult(identity, "1QA2-S78VL", {
      "Service Request": { type: "Service Request", id: "1QA2-RXS01", label: "SR-001001" },
      Contact: { type: "Contact", id: "1QA2-RXC01", label: "Jane Doe" },
      Account: { type: "Account", id: "1QA2-RXA01", label: "Acme Corporation" },
    })
    expect(summarizeInsertResult(result)).toEqual([
      { label: "Status", value: "OK" },
      { label: "Interaction", value: "900000000051" },
      { label: "Activity", value: "1QA2-S78VL" },
      { label: "Contact", value: "Jane Doe (1QA2-RXC01)" },
      { label: "Account", value: "Acme Corporation (1QA2-RXA01)" },
      { label: "Service request", value: "SR-001001 (1QA2-RXS01)" },
      { label: "Screen pop", value: "Service Request 1QA2-RXS01" },
    ])
    expect(customerName(result)).toBe("Jane Doe")
  })

  it("an activity that already exists: its id and nothing else", () => {
    const result = existingResult(identity, "1QA2-S78VL")
    expect(summarizeInsertResult(result)).toEqual([
      { label: "Status", value: "Activity already exists" },
      { label: "Interaction", value: "900000000051" },
      { label: "Activity", value: "1QA2-S78VL" },
    ])
    expect(customerName(result)).toBeUndefined()
  })
})

describe("errors are shown with their own message, never thrown away", () => {
  it("a fault keeps the service's text and names its code", () => {
    const fault = Faults.authenticationFailed()
    expect(describeError(fault)).toEqual({
      kind: "CTI fault SBL-ODU-01006",
      message: "The security token could not be authenticated or authorized.",
    })
  })

  it("a refused sign-in, or an Access Denied after sign-in, tells the connection card about the credentials", () => {
    expect(credentialsAfter(Faults.authenticationFailed())).toBe("refused")
    expect(credentialsAfter(Faults.accessDenied())).toBe("accepted")
    expect(credentialsAfter(Faults.invalidValue("x", "ChannelType"))).toBeUndefined()
    expect(credentialsAfter(new TypeError("Failed to fetch"))).toBeUndefined()
  })

  it("a transport error names its reason and HTTP status", () => {
    const error = new CtiTransportError({
      reason: "HtmlPage",
      endpoint: "http://127.0.0.1:8080/Services/Integration",
      status: 502,
      message: "http://127.0.0.1:8080/Services/Integration answered HTTP 502: an HTML page",
    })
    expect(describeError(error)).toEqual({ kind: "Transport error (HtmlPage, HTTP 502)", message: error.message })
  })

  it("anything else keeps its message too", () => {
    expect(describeError(new TypeError("Failed to fetch"))).toEqual({ kind: "TypeError", message: "Failed to fetch" })
    expect(describeError("odd")).toEqual({ kind: "Error", message: "odd" })
    expect(
      describeError(new CtiFault({ reason: "ServerError", faultCode: "Server", errorCode: "X", message: "m" })).kind,
    ).toBe("CTI fault X")
  })
})

describe("the page's softphone configuration", () => {
  const valid = {
    endpoint: "http://127.0.0.1:8080/Services/Integration",
    ctiBaseUrl: "http://127.0.0.1:8080/OnDemand",
    signInId: "OKP/mos.def",
    demoPassword: null,
    prefill: { phone: "+1 555 111 1212", email: "jane.doe@acme.example" },
  }

  it("is read from its JSON, with a null demo password when the operator changed it", () => {
    expect(parseSoftphoneConfig(JSON.stringify(valid))).toEqual(Either.right(valid))
  })

  it.each([
    [null, "Missing"],
    ["{", "NotJson"],
    [JSON.stringify({ ...valid, endpoint: "" }), "Invalid"],
    [JSON.stringify({ ...valid, prefill: undefined }), "Invalid"],
  ] as const)("is refused with a reason when it is %s", (json, reason) => {
    const parsed = parseSoftphoneConfig(json)
    expect(Either.isLeft(parsed) && parsed.left.reason).toBe(reason)
  })
})

describe("times and numbers on the softphone", () => {
  it.each([
    [0, "0:00"],
    [59_999, "0:59"],
    [61_000, "1:01"],
    [3_723_000, "1:02:03"],
    [-5, "0:00"],
  ])("%i ms shows as %s", (ms, shown) => expect(formatDuration(ms)).toBe(shown))

  it("shows dialled digits with a + when they start with the link's country code", () => {
    expect(formatDialled("15551111212", "1")).toBe("+15551111212")
    expect(formatDialled("5551111212", "44")).toBe("5551111212")
    expect(formatDialled("5551111212", undefined)).toBe("5551111212")
  })
})
