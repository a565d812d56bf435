// The chapter's parameter tables and types: LOVs, privileges, Date-Time, Boolean and String (n).
import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  AssociatedRecordType,
  AssociatedRecordTypes,
  ChannelType,
  ChannelTypes,
  CtiBoolean,
  CtiString,
  CtiText,
  DefaultPriorities,
  EpochSeconds,
  InsertResult,
  InsertResultElements,
  InteractionElements,
  Privileges,
  RecordType,
  RecordTypes,
  StringLimits,
  WrapUpInteractionElements,
  WrapUpResultElements,
  acceptedPriority,
  activityTypeOf,
  characterLength,
  isAssociatedRecordType,
  isChannelType,
  indexOfIllegalXmlCharacter,
  isRecordType,
  isXmlCharacter,
  mayAccessAll,
  normalizeEmail,
  requiredPrivilege,
  trimXmlWhiteSpace,
} from "@crmod-cti/core"

// The chapter's ChannelType list, "Inbound Call (Call)" and so on, written out as the chapter prints it.
const chapterChannelTypes = [
  ["Inbound Call", "Call"],
  ["Outbound Call", "Call"],
  ["Inbound Transfer", "Call"],
  ["Outbound Transfer", "Call"],
  ["Missed Transfer", "Call"],
  ["Predictive Call", "Call"],
  ["Predictive Transfer", "Call"],
  ["Preview Call", "Call"],
  ["Preview Transfer", "Call"],
  ["DID/Direct Call", "Call"],
  ["Inbound Email", "Email"],
  ["Outbound Email", "Email"],
  ["Forwarded Email", "Email"],
  ["Reassigned Email", "Email"],
  ["Email Response", "Email"],
  ["Inbound Voicemail", "Voicemail"],
  ["Forwarded Voicemail", "Voicemail"],
  ["Reassigned Voicemail", "Voicemail"],
  ["Callback", "Callback"],
  ["Web Callback", "Callback"],
  ["Inbound Chat", "Chat"],
  ["Chat Transfer", "Chat"],
] as const

// `oracle-facts.md` (role privileges) and CONTRACT.md §6 ("Callback counts as Call").
const privilegeOfActivityType = {
  Call: "Access Call Communications",
  Callback: "Access Call Communications",
  Chat: "Access Chat Communications",
  Email: "Access Email Communications",
  Voicemail: "Access Voicemail Communications",
} as const

const sorted = (values: ReadonlyArray<string>) => [...values].sort()

describe("ChannelType LOV: 22 channel types, each setting the activity Type in parentheses", () => {
  it("has exactly the chapter's 22 values", () => {
    expect(ChannelTypes).toHaveLength(22)
    expect(sorted(ChannelTypes)).toEqual(sorted(chapterChannelTypes.map(([channel]) => channel)))
  })

  it.each(chapterChannelTypes)("%s implies the activity type %s", (channel, activityType) => {
    expect(isChannelType(channel)).toBe(true)
    expect(Schema.decodeUnknownSync(ChannelType)(channel)).toBe(channel)
    expect(activityTypeOf(channel)).toBe(activityType)
  })

  it.each(["inbound call", "Inbound  Call", "Inbound Call ", "Call", "Email", "Outbound Chat", ""])(
    "rejects %j",
    (value) => {
      expect(isChannelType(value)).toBe(false)
    },
  )
})

describe("Record Type LOV", () => {
  it("is Account, Activity, Campaign, Contact, Lead and Service Request", () => {
    expect(sorted(RecordTypes)).toEqual(["Account", "Activity", "Campaign", "Contact", "Lead", "Service Request"])
  })

  it("AssociatedRecordType also supports Opportunity", () => {
    expect(sorted(AssociatedRecordTypes)).toEqual(sorted([...RecordTypes, "Opportunity"]))
    expect(isAssociatedRecordType("Opportunity")).toBe(true)
    expect(Schema.decodeUnknownSync(AssociatedRecordType)("Opportunity")).toBe("Opportunity")
  })

  it("ScreenPopRecordType never returns Opportunity", () => {
    expect(isRecordType("Opportunity")).toBe(false)
    const result = { Status: "OK", InteractionId: "1", AgentOfferTime: "1", ScreenPopRecordType: "Opportunity" }
    expect(Schema.decodeUnknownEither(InsertResult)(result)._tag).toBe("Left")
    expect(Schema.decodeUnknownEither(InsertResult)({ ...result, ScreenPopRecordType: "Contact" })._tag).toBe("Right")
  })

  it.each(["contact", "Service request", "ServiceRequest", "Opportunities", ""])("rejects %j", (value) => {
    expect(Schema.is(RecordType)(value)).toBe(false)
    expect(isAssociatedRecordType(value)).toBe(false)
  })
})

describe("Priority LOV: configurable, invalid values ignored", () => {
  it("defaults to 1-High, 2-Medium, 3-Low", () => {
    expect(DefaultPriorities).toEqual(["1-High", "2-Medium", "3-Low"])
  })

  it.each(["1-High", "2-Medium", "3-Low"])("keeps %s", (priority) => {
    expect(acceptedPriority(DefaultPriorities, priority)).toBe(priority)
  })

  it.each(["High", "2-medium", "4-Urgent", "", "2-Medium "])("drops %j", (priority) => {
    expect(acceptedPriority(DefaultPriorities, priority)).toBeUndefined()
  })

  it("drops an absent priority", () => {
    expect(acceptedPriority(DefaultPriorities, undefined)).toBeUndefined()
  })

  it("follows a company's own list", () => {
    const configured = ["1-High", "2-Medium", "3-Low", "4-Urgent"]
    expect(acceptedPriority(configured, "4-Urgent")).toBe("4-Urgent")
    expect(acceptedPriority(["A", "B"], "1-High")).toBeUndefined()
  })
})

describe("CTI role privileges", () => {
  it("are the four Access privileges and Manage CTI On Demand Access", () => {
    expect(sorted(Privileges)).toEqual([
      "Access Call Communications",
      "Access Chat Communications",
      "Access Email Communications",
      "Access Voicemail Communications",
      "Manage CTI On Demand Access",
    ])
  })

  it.each(chapterChannelTypes)("%s (%s) needs its Access privilege", (channel, activityType) => {
    expect(requiredPrivilege(channel)).toBe(privilegeOfActivityType[activityType])
  })

  it("Callback and Web Callback need Access Call Communications", () => {
    expect(requiredPrivilege("Callback")).toBe("Access Call Communications")
    expect(requiredPrivilege("Web Callback")).toBe("Access Call Communications")
  })

  it("a user may act on a request only with the privilege of every channel in it", () => {
    const callAgent = ["Access Call Communications"] as const
    expect(mayAccessAll(callAgent, ["Inbound Call", "Callback", "Web Callback", "DID/Direct Call"])).toBe(true)
    expect(mayAccessAll(callAgent, ["Inbound Call", "Inbound Chat"])).toBe(false)
    expect(mayAccessAll(new Set(callAgent), ["Inbound Voicemail"])).toBe(false)
    expect(mayAccessAll(["Manage CTI On Demand Access"], ["Inbound Email"])).toBe(false)
    expect(mayAccessAll(Privileges, ChannelTypes)).toBe(true)
    expect(mayAccessAll([], [])).toBe(true)
  })
})

const decodes =
  <A>(schema: Schema.Schema<A, string>) =>
  (text: string): boolean =>
    Either.isRight(Schema.decodeEither(schema)(text))

describe("Date-Time: UNIX epoch seconds", () => {
  const valid = decodes(EpochSeconds)

  it.each([
    ["0", 0],
    ["1293235200", 1293235200], // the chapter's example: midnight UTC on 25 December 2010
    ["1287786900", 1287786900],
    ["9007199254740991", Number.MAX_SAFE_INTEGER],
  ])("%s is %d seconds", (text, seconds) => {
    expect(Schema.decodeSync(EpochSeconds)(text)).toBe(seconds)
    expect(Schema.encodeSync(EpochSeconds)(seconds)).toBe(text)
  })

  it.each(["-1", "1.5", "1e3", "", " 1", "1 ", "+1", "0x10", "one", "9007199254740992", "99999999999999999"])(
    "rejects %j",
    (text) => {
      expect(valid(text)).toBe(false)
    },
  )

  it("encodes only non-negative safe integers", () => {
    for (const seconds of [-1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN]) {
      expect(Either.isLeft(Schema.encodeEither(EpochSeconds)(seconds))).toBe(true)
    }
  })
})

describe("Boolean: true and 1 are true, false and 0 are false", () => {
  it.each([
    ["true", true],
    ["1", true],
    ["false", false],
    ["0", false],
  ])("%s is %s", (text, value) => {
    expect(Schema.decodeSync(CtiBoolean)(text)).toBe(value)
  })

  it.each(["yes", "no", "TRUE", "False", "", " true", "2", "on"])("%j is an error", (text) => {
    expect(decodes(CtiBoolean)(text)).toBe(false)
  })

  it("is written true or false", () => {
    expect(Schema.encodeSync(CtiBoolean)(true)).toBe("true")
    expect(Schema.encodeSync(CtiBoolean)(false)).toBe("false")
  })
})

describe("String (n): non-empty text of at most n characters", () => {
  const limits = [1, 30, 100, 250]

  it.each(limits)("String (%i) holds n characters and not n + 1", (n) => {
    const valid = decodes(CtiString(n))
    expect(valid("x".repeat(n))).toBe(true)
    expect(valid("x".repeat(n + 1))).toBe(false)
  })

  it.each(limits)("String (%i) counts an astral character once", (n) => {
    const valid = decodes(CtiString(n))
    const astral = "😀"
    expect(astral.length).toBe(2)
    expect(valid(astral.repeat(n))).toBe(true)
    expect(valid(astral.repeat(n + 1))).toBe(false)
    expect(valid("é".repeat(n))).toBe(true)
  })

  it("counts characters, not UTF-16 code units", () => {
    expect(characterLength("")).toBe(0)
    expect(characterLength("abc")).toBe(3)
    expect(characterLength("a😀b")).toBe(3)
    expect(characterLength("𝄞")).toBe(1)
  })

  it("is never empty", () => {
    expect(decodes(CtiString(30))("")).toBe(false)
  })

  it.each([" x", "x ", "\tx", "x\n", "\r\nx"])("rejects leading or trailing XML white space in %j", (text) => {
    expect(decodes(CtiString(30))(text)).toBe(false)
    expect(decodes(CtiText)(text)).toBe(false)
  })

  it.each(["\u00a0x", "x\u00a0", "\u2003x", "\ufeffx", "x\u3000", "\u0085x"])(
    "accepts any other space character at either end as part of the value: %j",
    (text) => {
      expect(decodes(CtiString(30))(text)).toBe(true)
      expect(decodes(CtiText)(text)).toBe(true)
    },
  )

  it("keeps white space inside", () => {
    expect(decodes(CtiString(30))("Fred  Hong")).toBe(true)
    expect(decodes(CtiString(30))("line\nbreak\ttab")).toBe(true)
  })

  it.each(["\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\u001f", "\ufffe", "\uffff", "\ud800", "\udc00"])(
    "rejects the XML-illegal character %j",
    (character) => {
      expect(decodes(CtiString(30))(`a${character}b`)).toBe(false)
    },
  )

  it("accepts what XML can carry: markup characters, non-ASCII and astral characters", () => {
    expect(decodes(CtiString(30))(`<a href="x">&amp; ]]> 'q'`)).toBe(true)
    expect(decodes(CtiString(30))("Frédéric 中文 😀 𝄞 \u007f \u0085")).toBe(true)
  })

  it("has the chapter's limits", () => {
    expect(StringLimits).toEqual({
      InteractionId: 30,
      AssociatedRecordId: 100,
      CampaignSourceCode: 100,
      ContactPhoneNumber: 100,
      Destination: 100,
      Origin: 100,
      Queue: 250,
      ServiceRequestNumber: 100,
    })
  })
})

describe("Parameter tables of both operations", () => {
  it("CTIActivityInsert takes the chapter's 15 input parameters", () => {
    expect(sorted(InteractionElements)).toEqual(
      sorted([
        "AgentOfferTime",
        "AssociatedRecordId",
        "AssociatedRecordType",
        "CampaignSourceCode",
        "ChannelType",
        "ContactPhoneNumber",
        "CreateServiceRequest",
        "Destination",
        "InteractionId",
        "IVRBeginTime",
        "Origin",
        "Priority",
        "Queue",
        "QueueBeginTime",
        "ServiceRequestNumber",
      ]),
    )
  })

  it("CTIActivityInsert answers the chapter's 16 output parameters, in the sample response's order", () => {
    expect(sorted(InsertResultElements)).toEqual(
      sorted([
        "AccountId",
        "AccountName",
        "ActivityId",
        "AgentOfferTime",
        "CampaignId",
        "CampaignName",
        "ContactFullName",
        "ContactId",
        "InteractionId",
        "LeadFullName",
        "LeadId",
        "ScreenPopRecordId",
        "ScreenPopRecordType",
        "ServiceRequestId",
        "ServiceRequestNumber",
        "Status",
      ]),
    )
    const sample = [
      "Status",
      "InteractionId",
      "AgentOfferTime",
      "ActivityId",
      "ContactId",
      "ContactFullName",
      "ScreenPopRecordId",
      "ScreenPopRecordType",
    ]
    expect(InsertResultElements.filter((name) => sample.includes(name))).toEqual(sample)
  })

  it("CTIActivityWrapUp takes InteractionId, AgentOfferTime and ChannelType, and answers Status with the identity", () => {
    expect(sorted(WrapUpInteractionElements)).toEqual(["AgentOfferTime", "ChannelType", "InteractionId"])
    expect(WrapUpResultElements).toEqual(["Status", "InteractionId", "AgentOfferTime"])
  })
})

describe("XML text: one rule for white space and for the characters XML can carry", () => {
  it("trims space, tab, CR and LF, and nothing else", () => {
    expect(trimXmlWhiteSpace(" \t\r\n X \r\n")).toBe("X")
    expect(trimXmlWhiteSpace("\u00a0X\u2003")).toBe("\u00a0X\u2003")
    expect(trimXmlWhiteSpace("\ufeff X ")).toBe("\ufeff X")
    expect(trimXmlWhiteSpace(" \n ")).toBe("")
  })

  it("compares emails by the same rule: a no-break space is part of the address", () => {
    expect(normalizeEmail(" JSoap@Match.com\n")).toBe("jsoap@match.com")
    expect(normalizeEmail("\u00a0jsoap@match.com")).not.toBe(normalizeEmail("jsoap@match.com"))
  })

  it("knows XML 1.0 Char for code points and for text", () => {
    for (const legal of [0x9, 0xa, 0xd, 0x20, 0xd7ff, 0xe000, 0xfffd, 0x10000, 0x10ffff]) {
      expect(isXmlCharacter(legal)).toBe(true)
    }
    for (const illegal of [0x0, 0x8, 0xb, 0x1f, 0xd800, 0xdfff, 0xfffe, 0xffff, 0x110000, -1]) {
      expect(isXmlCharacter(illegal)).toBe(false)
    }
    expect(indexOfIllegalXmlCharacter("ab\u0001c")).toBe(2)
    expect(indexOfIllegalXmlCharacter("a\ud800")).toBe(1)
    expect(indexOfIllegalXmlCharacter("a😀\u00a0")).toBe(-1)
  })
})
