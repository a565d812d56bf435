import { describe, expect, it } from "vitest"
import {
  buildCtiCommandForm,
  buildCtiCommandUrl,
  type CtiCommand,
  ctiCommandParameters,
  encodeCtiCommand,
  ServletParameterError,
} from "@crmod-cti/servlet-urls"
import { Either } from "effect"

const contactPop: CtiCommand = { command: "ScreenPop", recordType: "Contact", recordId: "1QA2-D903L00" }
const activityPop: CtiCommand = {
  command: "ScreenPop",
  recordType: "Activity",
  recordId: "1QA2-D903189",
  channelType: "Inbound Voicemail",
}
const wrapUp: CtiCommand = { command: "WrapUp", interactionId: "90001841534038", agentOfferTime: 1287786213 }

const errorOf = (command: CtiCommand): ServletParameterError =>
  Either.getOrThrowWith(Either.flip(encodeCtiCommand(command)), () => new Error("expected an invalid command"))

describe("the servlet URL is <CRMOD base URL>/user/CTICommand, for any base URL", () => {
  it("appends the servlet path to CRM On Demand's base URL", () => {
    expect(buildCtiCommandUrl("https://secure-ausomxxxx.crmondemand.com/OnDemand", contactPop)).toBe(
      "https://secure-ausomxxxx.crmondemand.com/OnDemand/user/CTICommand?Command=ScreenPop&Record%20Type=Contact&Record%20Id=1QA2-D903L00",
    )
  })
  it("ignores a trailing slash on the base URL", () => {
    expect(buildCtiCommandUrl("http://127.0.0.1:8080/OnDemand/", contactPop)).toBe(
      buildCtiCommandUrl("http://127.0.0.1:8080/OnDemand", contactPop),
    )
  })
  it("takes a path on the page's own server as the base", () => {
    expect(buildCtiCommandUrl("/OnDemand", wrapUp)).toBe(
      "/OnDemand/user/CTICommand?Command=WrapUp&Interaction%20Id=90001841534038&Agent%20Offer%20Time=1287786213",
    )
  })
})

describe("parameter names have spaces (Record Type, Record Id, Channel Type, Agent Offer Time, Interaction Id)", () => {
  it("writes the chapter's Contact ScreenPop example", () => {
    expect([...ctiCommandParameters(contactPop)]).toEqual([
      ["Command", "ScreenPop"],
      ["Record Type", "Contact"],
      ["Record Id", "1QA2-D903L00"],
    ])
  })
  it("writes the chapter's Activity ScreenPop example with its Channel Type", () => {
    expect([...ctiCommandParameters(activityPop)]).toEqual([
      ["Command", "ScreenPop"],
      ["Record Type", "Activity"],
      ["Record Id", "1QA2-D903189"],
      ["Channel Type", "Inbound Voicemail"],
    ])
  })
  it("writes the chapter's WrapUp example, the offer time in epoch seconds", () => {
    expect([...ctiCommandParameters(wrapUp)]).toEqual([
      ["Command", "WrapUp"],
      ["Interaction Id", "90001841534038"],
      ["Agent Offer Time", "1287786213"],
    ])
  })
  it("keeps a Channel Type given for a record that is not an Activity", () => {
    expect(ctiCommandParameters({ ...contactPop, channelType: "Inbound Call" }).get("Channel Type")).toBe(
      "Inbound Call",
    )
  })
})

describe("parameters are passed by HTTP GET (query string) or POST (form body)", () => {
  it("encodes spaces as %20 in a URL, and characters that would end a value", () => {
    const url = buildCtiCommandUrl("/OnDemand", { command: "ScreenPop", recordType: "Lead", recordId: "a+b&c=d #é" })
    expect(url).toBe(
      "/OnDemand/user/CTICommand?Command=ScreenPop&Record%20Type=Lead&Record%20Id=a%2Bb%26c%3Dd%20%23%C3%A9",
    )
  })
  it("writes an application/x-www-form-urlencoded body, spaces as +", () => {
    expect(buildCtiCommandForm(activityPop)).toBe(
      "Command=ScreenPop&Record+Type=Activity&Record+Id=1QA2-D903189&Channel+Type=Inbound+Voicemail",
    )
  })
})

describe("a command that breaks a rule of the chapter is not built", () => {
  it("requires Channel Type when Record Type is Activity", () => {
    const { channelType: _, ...withoutChannel } = activityPop as Extract<CtiCommand, { recordType: string }>
    const error = errorOf(withoutChannel)
    expect(error).toMatchObject({ reason: "Missing", parameter: "Channel Type" })
    expect(() => buildCtiCommandUrl("/OnDemand", withoutChannel)).toThrow(ServletParameterError)
  })
  it("limits Interaction Id to 30 characters, like the Web service's InteractionId", () => {
    expect(Either.isRight(encodeCtiCommand({ ...wrapUp, interactionId: "x".repeat(30) } as CtiCommand))).toBe(true)
    const error = errorOf({ ...wrapUp, interactionId: "x".repeat(31) } as CtiCommand)
    expect(error).toMatchObject({ reason: "Invalid", parameter: "Interaction Id", value: "x".repeat(31) })
    expect(error.message).toContain("longer than 30 characters")
  })
  it("limits Record Id to 100 characters and refuses an empty one", () => {
    expect(Either.isRight(encodeCtiCommand({ ...contactPop, recordId: "x".repeat(100) }))).toBe(true)
    expect(errorOf({ ...contactPop, recordId: "x".repeat(101) })).toMatchObject({
      reason: "Invalid",
      parameter: "Record Id",
    })
    expect(errorOf({ ...contactPop, recordId: "" })).toMatchObject({
      reason: "Invalid",
      parameter: "Record Id",
      value: "",
    })
  })
  it("requires Agent Offer Time in whole, non-negative epoch seconds", () => {
    for (const agentOfferTime of [-1, 1.5, Number.NaN]) {
      expect(errorOf({ ...wrapUp, agentOfferTime } as CtiCommand)).toMatchObject({
        reason: "Invalid",
        parameter: "Agent Offer Time",
        value: String(agentOfferTime),
      })
    }
  })
  it("names an unknown command passed by an untyped caller", () => {
    expect(errorOf({ command: "Dial" } as unknown as CtiCommand)).toMatchObject({
      reason: "UnknownCommand",
      parameter: "Command",
      value: "Dial",
    })
  })
  it("checks Record Type and Channel Type against their LOVs", () => {
    const error = errorOf({ ...contactPop, recordType: "Order" } as unknown as CtiCommand)
    expect(error).toMatchObject({ reason: "Invalid", parameter: "Record Type", value: "Order" })
    expect(error.message).toBe(
      'Invalid value "Order" for parameter "Record Type": expected one of Account, Activity, Campaign, Contact, Lead, Service Request, Opportunity',
    )
    expect(errorOf({ ...activityPop, channelType: "Fax" } as unknown as CtiCommand)).toMatchObject({
      parameter: "Channel Type",
      value: "Fax",
    })
  })
})
