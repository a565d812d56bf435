import { describe, expect, it } from "vitest"
import { type CtiCommand, parseCtiCommand, type ServletParameterError } from "@crmod-cti/servlet-urls"
import { Either } from "effect"

const chapterUrl =
  "http://ezintegr4u.us.oracle.com/OnDemand/user/CTICommand?Command=ScreenPop&Record Type=Activity&Record Id=1QA2-S5YEX&Channel Type=Inbound Call"
const chapterCommand: CtiCommand = {
  command: "ScreenPop",
  recordType: "Activity",
  recordId: "1QA2-S5YEX",
  channelType: "Inbound Call",
}

const parsed = (input: URL | string | URLSearchParams): CtiCommand =>
  Either.getOrThrowWith(parseCtiCommand(input), (error) => error)

const errorOf = (input: string): ServletParameterError =>
  Either.getOrThrowWith(Either.flip(parseCtiCommand(input)), () => new Error(`expected an error for ${input}`))

describe("the chapter's example URL screen-pops an Inbound Call activity", () => {
  it("parses with literal spaces, as the chapter prints it", () => {
    expect(parsed(chapterUrl)).toEqual(chapterCommand)
  })
  it("parses with spaces written %20", () => {
    expect(parsed(chapterUrl.replaceAll(" ", "%20"))).toEqual(chapterCommand)
  })
  it("parses with spaces written +", () => {
    expect(parsed(chapterUrl.replaceAll(" ", "+"))).toEqual(chapterCommand)
  })
  it("parses as a URL object, a request target, a query string or URLSearchParams", () => {
    const url = new URL(chapterUrl)
    expect(parsed(url)).toEqual(chapterCommand)
    expect(parsed(`${url.pathname}${url.search}`)).toEqual(chapterCommand)
    expect(parsed(url.search)).toEqual(chapterCommand)
    expect(parsed(url.search.slice(1))).toEqual(chapterCommand)
    expect(parsed(url.searchParams)).toEqual(chapterCommand)
  })
})

describe("parameters come by GET or POST, in any order, + and %20 both meaning a space", () => {
  it("reads a POST form body with names and values mixing + and %20", () => {
    expect(
      parsed("Record%20Id=1QA2-D903189&Channel+Type=Inbound%20Voicemail&Command=ScreenPop&Record+Type=Activity"),
    ).toEqual({
      command: "ScreenPop",
      recordType: "Activity",
      recordId: "1QA2-D903189",
      channelType: "Inbound Voicemail",
    })
  })
  it("reads the chapter's Contact example", () => {
    expect(parsed("Command=ScreenPop&Record Id=1QA2-D903L00&Record Type=Contact")).toEqual({
      command: "ScreenPop",
      recordType: "Contact",
      recordId: "1QA2-D903L00",
    })
  })
  it("reads the chapter's WrapUp example, Agent Offer Time as a number", () => {
    expect(parsed("Agent+Offer+Time=1287786213&Command=WrapUp&Interaction+Id=90001841534038")).toEqual({
      command: "WrapUp",
      interactionId: "90001841534038",
      agentOfferTime: 1287786213,
    })
  })
  it("keeps a + written %2B as a plus sign", () => {
    expect(parsed("Command=ScreenPop&Record+Type=Lead&Record+Id=a%2Bb")).toMatchObject({ recordId: "a+b" })
  })
  it("ignores parameters the command does not use", () => {
    expect(parsed("Command=WrapUp&Interaction Id=1&Agent Offer Time=2&Record Type=Contact&lang=ENU")).toEqual({
      command: "WrapUp",
      interactionId: "1",
      agentOfferTime: 2,
    })
  })
})

describe("Command is required and is ScreenPop or WrapUp", () => {
  it("names a missing Command", () => {
    const error = errorOf("Record Type=Contact&Record Id=1QA2-D903L00")
    expect(error).toMatchObject({ reason: "Missing", parameter: "Command" })
    expect(error.value).toBeUndefined()
    expect(error.message).toBe('Missing parameter "Command"')
  })
  it("names an unknown command and its value", () => {
    const error = errorOf("Command=screenpop&Record Type=Contact&Record Id=1QA2-D903L00")
    expect(error).toMatchObject({ reason: "UnknownCommand", parameter: "Command", value: "screenpop" })
    expect(error.message).toBe('Unknown value "screenpop" for parameter "Command": expected one of ScreenPop, WrapUp')
  })
})

describe("ScreenPop requires Record Type (the Record Type LOV) and Record Id", () => {
  it.each([
    ["Record Type", "Command=ScreenPop&Record Id=1QA2-D903L00"],
    ["Record Id", "Command=ScreenPop&Record Type=Contact"],
  ])("names a missing %s", (parameter, input) => {
    const error = errorOf(input)
    expect(error).toMatchObject({ reason: "Missing", parameter })
    expect(error.message).toBe(`Missing parameter "${parameter}"`)
  })
  it("names a parameter sent empty", () => {
    const error = errorOf("Command=ScreenPop&Record Type=Contact&Record Id=")
    expect(error).toMatchObject({ reason: "Missing", parameter: "Record Id", value: "" })
    expect(error.message).toBe('Parameter "Record Id" is empty')
  })
  it("names a Record Type outside the LOV, with its value", () => {
    const error = errorOf("Command=ScreenPop&Record Type=Order&Record Id=1QA2-D903L00")
    expect(error).toMatchObject({ reason: "Invalid", parameter: "Record Type", value: "Order" })
    expect(error.message).toContain('Invalid value "Order" for parameter "Record Type"')
  })
  it("accepts every record type of the chapter's servlet list", () => {
    for (const type of ["Service Request", "Contact", "Account", "Lead", "Opportunity", "Campaign"]) {
      expect(parsed(`Command=ScreenPop&Record Type=${type}&Record Id=1QA2-X`)).toMatchObject({ recordType: type })
    }
  })
  it("names a Record Id over 100 characters or with surrounding spaces", () => {
    expect(errorOf(`Command=ScreenPop&Record Type=Contact&Record Id=${"X".repeat(101)}`)).toMatchObject({
      reason: "Invalid",
      parameter: "Record Id",
    })
    expect(errorOf("Command=ScreenPop&Record Type=Contact&Record Id=+1QA2-X")).toMatchObject({
      reason: "Invalid",
      parameter: "Record Id",
      value: " 1QA2-X",
    })
  })
})

describe("Channel Type is required when Record Type is Activity", () => {
  it("names Channel Type missing for an Activity", () => {
    const error = errorOf("Command=ScreenPop&Record Type=Activity&Record Id=1QA2-S5YEX")
    expect(error).toMatchObject({ reason: "Missing", parameter: "Channel Type" })
    expect(error.message).toBe('Missing parameter "Channel Type": required when Record Type is Activity')
  })
  it("names Channel Type sent empty for an Activity", () => {
    expect(errorOf("Command=ScreenPop&Record Type=Activity&Record Id=1QA2-S5YEX&Channel Type=")).toMatchObject({
      reason: "Missing",
      parameter: "Channel Type",
      value: "",
    })
  })
  it("names a Channel Type outside the LOV", () => {
    expect(errorOf("Command=ScreenPop&Record Type=Activity&Record Id=1QA2-S5YEX&Channel Type=Fax")).toMatchObject({
      reason: "Invalid",
      parameter: "Channel Type",
      value: "Fax",
    })
  })
  it("does not need it for other record types, and treats an empty one as absent", () => {
    expect(parsed("Command=ScreenPop&Record Type=Contact&Record Id=1QA2-D903L00&Channel Type=")).toEqual({
      command: "ScreenPop",
      recordType: "Contact",
      recordId: "1QA2-D903L00",
    })
  })
})

describe("WrapUp requires Interaction Id (String 30) and Agent Offer Time (epoch seconds)", () => {
  it.each([
    ["Interaction Id", "Command=WrapUp&Agent Offer Time=1287786213"],
    ["Agent Offer Time", "Command=WrapUp&Interaction Id=90001841534038"],
  ])("names a missing %s", (parameter, input) => {
    expect(errorOf(input)).toMatchObject({ reason: "Missing", parameter })
  })
  it.each(["-1", "1.5", "1e9", "2010-10-22T22:23:33Z", "12345678901234567"])(
    "names Agent Offer Time %s, which is not epoch seconds",
    (value) => {
      const error = errorOf(`Command=WrapUp&Interaction Id=1&Agent Offer Time=${encodeURIComponent(value)}`)
      expect(error).toMatchObject({ reason: "Invalid", parameter: "Agent Offer Time", value })
      expect(error.message).toContain(`"${value}"`)
    },
  )
  it("names an Interaction Id over 30 characters", () => {
    const value = "9".repeat(31)
    expect(errorOf(`Command=WrapUp&Interaction Id=${value}&Agent Offer Time=1`)).toMatchObject({
      reason: "Invalid",
      parameter: "Interaction Id",
      value,
    })
  })
})

describe("a parameter given twice is invalid", () => {
  it("names a repeated parameter and its values, however its spaces are written", () => {
    const error = errorOf("Command=ScreenPop&Record+Type=Contact&Record%20Type=Lead&Record Id=1QA2-X")
    expect(error).toMatchObject({ reason: "Invalid", parameter: "Record Type", value: "Contact, Lead" })
    expect(error.message).toBe('Parameter "Record Type" is given 2 times ("Contact", "Lead"); give it once')
  })
  it("names a repeated Command", () => {
    expect(errorOf("Command=WrapUp&Command=WrapUp&Interaction Id=1&Agent Offer Time=1")).toMatchObject({
      reason: "Invalid",
      parameter: "Command",
    })
  })
})
