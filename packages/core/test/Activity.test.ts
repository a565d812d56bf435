// What happens to an inserted activity: the records it is associated with, the screen pop, the response.
import { describe, expect, it } from "vitest"
import {
  type AssociationType,
  type Associations,
  type CandidateRecord,
  type ChannelType,
  type Interaction,
  type Lookup,
  associationLookups,
  identityKey,
  identityOf,
  createdResult,
  existingResult,
  failedResult,
  isLogged,
  resolveAssociations,
  screenPopFor,
  shouldCreateServiceRequest,
  wrapUpResult,
} from "@crmod-cti/core"

const interaction = (channel: ChannelType, fields: Partial<Interaction> = {}): Interaction => ({
  InteractionId: "900000000051",
  AgentOfferTime: 1287786900,
  ChannelType: channel,
  ...fields,
})

const phone = (digits: string): Lookup => ({ kind: "Phone", digits })
const email = (address: string): Lookup => ({ kind: "Email", email: address })

// oracle-facts.md, "Record association": which end of each channel identifies the customer.
const byOrigin: ReadonlyArray<ChannelType> = [
  "Inbound Call",
  "Inbound Transfer",
  "Missed Transfer",
  "DID/Direct Call",
  "Inbound Voicemail",
  "Forwarded Voicemail",
  "Reassigned Voicemail",
]
const byDestination: ReadonlyArray<ChannelType> = [
  "Outbound Call",
  "Outbound Transfer",
  "Predictive Call",
  "Predictive Transfer",
  "Preview Call",
  "Preview Transfer",
  "Callback",
  "Web Callback",
]
const emails: ReadonlyArray<ChannelType> = [
  "Inbound Email",
  "Outbound Email",
  "Forwarded Email",
  "Reassigned Email",
  "Email Response",
]
const chats: ReadonlyArray<ChannelType> = ["Inbound Chat", "Chat Transfer"]

describe("ANI/DNIS matching by channel", () => {
  it("covers all 22 channel types", () => {
    expect(new Set([...byOrigin, ...byDestination, ...emails, ...chats]).size).toBe(22)
  })

  it.each(byOrigin)("%s matches the Origin phone number", (channel) => {
    expect(associationLookups(interaction(channel, { Origin: "15551111212", Destination: "18003849503" }))).toEqual([
      phone("15551111212"),
    ])
  })

  it.each(byDestination)("%s matches the Destination phone number", (channel) => {
    expect(associationLookups(interaction(channel, { Origin: "18003849503", Destination: "15551111212" }))).toEqual([
      phone("15551111212"),
    ])
  })

  it.each(emails)("%s matches the Origin email address, case-insensitively", (channel) => {
    expect(
      associationLookups(interaction(channel, { Origin: "JSoap@Match.COM", Destination: "cti@testing.com" })),
    ).toEqual([email("jsoap@match.com")])
  })

  it.each(chats)("%s matches the Origin phone number or email address", (channel) => {
    expect(associationLookups(interaction(channel, { Origin: "jsoap@match.com", Destination: "x@y.z" }))).toEqual([
      email("jsoap@match.com"),
    ])
    expect(associationLookups(interaction(channel, { Origin: "+1 (555) 111-1212", Destination: "x@y.z" }))).toEqual([
      phone("15551111212"),
    ])
  })

  it("compares phone numbers by their digits only", () => {
    for (const formatted of ["+1 (555) 111-1212", "1-555-111-1212", "+1 555 111 1212", "1.555.111.1212"]) {
      expect(associationLookups(interaction("Inbound Call", { Origin: formatted }))).toEqual([phone("15551111212")])
    }
  })

  it("an address without digits, or no address, finds nothing", () => {
    expect(associationLookups(interaction("Inbound Call", { Origin: "anonymous" }))).toEqual([])
    expect(associationLookups(interaction("Inbound Call"))).toEqual([])
    expect(associationLookups(interaction("Outbound Call", { Origin: "15551111212" }))).toEqual([])
  })
})

describe("Association lookups, strongest first", () => {
  it("passed-in record, then IVR parameters (SR number, campaign source code, contact home phone), then ANI", () => {
    const everything = interaction("Inbound Call", {
      AssociatedRecordType: "Contact",
      AssociatedRecordId: "1QA2-RXQQC",
      ServiceRequestNumber: "SR-0001",
      CampaignSourceCode: "SPRING-24",
      ContactPhoneNumber: "+1 (555) 222-3333",
      Origin: "15551111212",
    })
    expect(associationLookups(everything)).toEqual([
      { kind: "PassedInRecord", type: "Contact", id: "1QA2-RXQQC" },
      { kind: "ServiceRequestNumber", number: "SR-0001" },
      { kind: "CampaignSourceCode", code: "SPRING-24" },
      { kind: "ContactHomePhone", digits: "15552223333" },
      phone("15551111212"),
    ])
  })

  it.each(["Account", "Campaign", "Contact", "Lead", "Service Request", "Opportunity"] as const)(
    "a passed-in %s record is looked up",
    (type) => {
      expect(
        associationLookups(interaction("Outbound Call", { AssociatedRecordType: type, AssociatedRecordId: "1QA2-1" })),
      ).toEqual([{ kind: "PassedInRecord", type, id: "1QA2-1" }])
    },
  )

  it("a passed-in record needs both its type and its id", () => {
    expect(associationLookups(interaction("Outbound Call", { AssociatedRecordType: "Contact" }))).toEqual([])
    expect(associationLookups(interaction("Outbound Call", { AssociatedRecordId: "1QA2-RXQQC" }))).toEqual([])
  })

  it("a passed-in Activity is no record to associate", () => {
    expect(
      associationLookups(interaction("Outbound Call", { AssociatedRecordType: "Activity", AssociatedRecordId: "1" })),
    ).toEqual([])
  })

  it("an IVR contact phone number without digits is no lookup", () => {
    expect(associationLookups(interaction("Inbound Call", { ContactPhoneNumber: "none" }))).toEqual([])
  })
})

const account = (id: string, label = `Account ${id}`): CandidateRecord => ({ type: "Account", id, label })
const contact = (id: string, brings: ReadonlyArray<CandidateRecord> = []): CandidateRecord => ({
  type: "Contact",
  id,
  label: `Contact ${id}`,
  brings,
})
const lead = (id: string): CandidateRecord => ({ type: "Lead", id, label: `Lead ${id}` })
const campaign = (id: string): CandidateRecord => ({ type: "Campaign", id, label: `Campaign ${id}` })
const opportunity = (id: string): CandidateRecord => ({ type: "Opportunity", id, label: `Opportunity ${id}` })
const serviceRequest = (id: string, brings: ReadonlyArray<CandidateRecord> = []): CandidateRecord => ({
  type: "Service Request",
  id,
  label: `SR-${id}`,
  brings,
})

const ids = (found: ReadonlyArray<ReadonlyArray<CandidateRecord>>) =>
  Object.fromEntries(Object.entries(resolveAssociations(found)).map(([type, record]) => [type, record?.id]))

describe("resolveAssociations: stronger lookups win", () => {
  it("nothing found, nothing associated", () => {
    expect(resolveAssociations([])).toEqual({})
    expect(resolveAssociations([[], []])).toEqual({})
  })

  it("the chapter's example: the caller's number matches Fred Hong", () => {
    const fred: CandidateRecord = { type: "Contact", id: "1QA2-RXQQC", label: "Fred Hong" }
    expect(resolveAssociations([[fred]])).toEqual({ Contact: fred })
  })

  it("a passed-in contact wins over the contact the caller's number matches", () => {
    expect(ids([[contact("passed")], [contact("ani")]])).toEqual({ Contact: "passed" })
  })

  it("weaker lookups fill the types still free", () => {
    expect(ids([[serviceRequest("1")], [campaign("2")], [contact("3"), lead("4"), account("5")]])).toEqual({
      "Service Request": "1",
      Campaign: "2",
      Contact: "3",
      Lead: "4",
      Account: "5",
    })
  })

  it("a passed-in opportunity is associated", () => {
    expect(ids([[opportunity("9")], [contact("3")]])).toEqual({ Opportunity: "9", Contact: "3" })
  })

  it("the same record found twice is one match", () => {
    expect(ids([[contact("3"), contact("3")]])).toEqual({ Contact: "3" })
  })
})

describe("resolveAssociations: more than one match of a type associates none of that type", () => {
  it("two contacts: no contact, while the other types go on", () => {
    expect(ids([[contact("a"), contact("b"), account("x"), lead("l")]])).toEqual({ Account: "x", Lead: "l" })
  })

  it("nor later, from a weaker lookup", () => {
    expect(
      ids([
        [contact("a"), contact("b")],
        [contact("c"), account("x")],
      ]),
    ).toEqual({ Account: "x" })
  })

  it("nor by being brought along", () => {
    expect(ids([[account("x"), account("y")], [contact("c", [account("z")])]])).toEqual({ Contact: "c" })
  })

  it("a stronger lookup's match is kept when a weaker lookup finds several", () => {
    expect(ids([[contact("passed")], [contact("a"), contact("b")]])).toEqual({ Contact: "passed" })
  })
})

describe("resolveAssociations: brought records fill only free types", () => {
  it("a contact brings its primary account", () => {
    expect(ids([[contact("c", [account("primary")])]])).toEqual({ Contact: "c", Account: "primary" })
  })

  it("a service request brings its contact and account", () => {
    expect(ids([[serviceRequest("sr", [contact("c"), account("a")])]])).toEqual({
      "Service Request": "sr",
      Contact: "c",
      Account: "a",
    })
  })

  it("a brought contact brings its own account in turn", () => {
    expect(ids([[serviceRequest("sr", [contact("c", [account("a")])])]])).toEqual({
      "Service Request": "sr",
      Contact: "c",
      Account: "a",
    })
  })

  it("a brought record does not replace one from a stronger lookup", () => {
    expect(ids([[account("passed")], [contact("c", [account("primary")])]])).toEqual({
      Account: "passed",
      Contact: "c",
    })
  })

  it("a brought record takes its type before a weaker lookup", () => {
    expect(ids([[serviceRequest("sr", [contact("c")])], [contact("ani")]])).toEqual({
      "Service Request": "sr",
      Contact: "c",
    })
  })

  it("a record that brings nothing brings nothing", () => {
    expect(ids([[serviceRequest("sr")]])).toEqual({ "Service Request": "sr" })
  })
})

describe("CreateServiceRequest", () => {
  const none = {}
  const withSr = { "Service Request": serviceRequest("sr") }

  it("creates a service request when asked and none is associated", () => {
    expect(shouldCreateServiceRequest(interaction("Inbound Call", { CreateServiceRequest: true }), none)).toBe(true)
  })

  it.each([
    ["not asked", { CreateServiceRequest: false }, none],
    ["absent", {}, none],
    ["a service request is associated", { CreateServiceRequest: true }, withSr],
    ["ServiceRequestNumber is given", { CreateServiceRequest: true, ServiceRequestNumber: "SR-404" }, none],
    [
      "AssociatedRecordType is Service Request",
      { CreateServiceRequest: true, AssociatedRecordType: "Service Request", AssociatedRecordId: "1QA2-404" },
      none,
    ],
  ] as const)("does not when %s", (_, fields, associations) => {
    expect(shouldCreateServiceRequest(interaction("Inbound Call", fields), associations)).toBe(false)
  })

  it("does when another record type is passed in", () => {
    const fields = { CreateServiceRequest: true, AssociatedRecordType: "Contact", AssociatedRecordId: "1" } as const
    expect(shouldCreateServiceRequest(interaction("Inbound Call", fields), { Contact: contact("1") })).toBe(true)
  })
})

// The chapter's ScreenPopRecordType priority order, literally; Activity is the fallback and Opportunity is never
// returned.
const chapterPriority = ["Service Request", "Campaign", "Contact", "Lead", "Account"] as const
const associable: ReadonlyArray<AssociationType> = [
  "Service Request",
  "Campaign",
  "Contact",
  "Lead",
  "Account",
  "Opportunity",
]

const record = (type: AssociationType): CandidateRecord => ({ type, id: `id of ${type}`, label: type })

// Every subset of the six associable types: 2^6 = 64 combinations.
const subsets: ReadonlyArray<ReadonlyArray<AssociationType>> = Array.from(
  { length: 2 ** associable.length },
  (_, bits) => associable.filter((_, index) => (bits & (1 << index)) !== 0),
)

const expected = (types: ReadonlyArray<AssociationType>) => {
  const type = chapterPriority.find((candidate) => types.includes(candidate))
  return type === undefined
    ? { ScreenPopRecordType: "Activity", ScreenPopRecordId: "1QA2-S78VO" }
    : { ScreenPopRecordType: type, ScreenPopRecordId: `id of ${type}` }
}

describe("ScreenPopRecordType: Service Request, Campaign, Contact, Lead, Account, else Activity", () => {
  it("there are 64 combinations", () => {
    expect(new Set(subsets.map((types) => types.join())).size).toBe(64)
  })

  it.each(subsets.map((types) => [types.join(", ") || "nothing", types] as const))("associated with %s", (_, types) => {
    const associations: Associations = Object.fromEntries(types.map((type) => [type, record(type)]))
    const suggestion = screenPopFor(associations, "1QA2-S78VO")
    expect(suggestion).toEqual(expected(types))
    expect(suggestion.ScreenPopRecordType).not.toBe("Opportunity")
  })

  it("the chapter's example: a contact and an account pop the contact", () => {
    expect(screenPopFor({ Contact: record("Contact"), Account: record("Account") }, "1QA2-X")).toEqual({
      ScreenPopRecordType: "Contact",
      ScreenPopRecordId: "id of Contact",
    })
  })
})

const fredHong: CandidateRecord = { type: "Contact", id: "1QA2-RXQQC", label: "Fred Hong" }
const offeredAt = 1287786900

describe("CTIActivityInsert output: the chapter's sample response", () => {
  it("the call matched to Fred Hong pops his contact record", () => {
    const result = createdResult({ InteractionId: "900000000051", AgentOfferTime: offeredAt }, "1QA2-S78VL", {
      Contact: fredHong,
    })
    expect(result).toEqual({
      Status: "OK",
      InteractionId: "900000000051",
      AgentOfferTime: 1287786900,
      ActivityId: "1QA2-S78VL",
      ContactId: "1QA2-RXQQC",
      ContactFullName: "Fred Hong",
      ScreenPopRecordId: "1QA2-RXQQC",
      ScreenPopRecordType: "Contact",
    })
    // In the order the sample response writes them.
    expect(Object.keys(result)).toEqual([
      "Status",
      "InteractionId",
      "AgentOfferTime",
      "ActivityId",
      "ContactId",
      "ContactFullName",
      "ScreenPopRecordId",
      "ScreenPopRecordType",
    ])
  })

  it("the chat matched to nothing pops its own activity", () => {
    expect(createdResult({ InteractionId: "9000000000054", AgentOfferTime: offeredAt }, "1QA2-S78VO", {})).toEqual({
      Status: "OK",
      InteractionId: "9000000000054",
      AgentOfferTime: 1287786900,
      ActivityId: "1QA2-S78VO",
      ScreenPopRecordId: "1QA2-S78VO",
      ScreenPopRecordType: "Activity",
    })
  })
})

describe("CTIActivityInsert output: OK with every association", () => {
  it("returns each record's id and name, and the service request's number", () => {
    const associations: Associations = {
      Account: { type: "Account", id: "1QA2-ACC1", label: "Hong Industries" },
      Contact: fredHong,
      Lead: { type: "Lead", id: "1QA2-LEA1", label: "Jo Soap" },
      Campaign: { type: "Campaign", id: "1QA2-CAM1", label: "Spring Offer" },
      "Service Request": { type: "Service Request", id: "1QA2-SR01", label: "SR-0001" },
      Opportunity: { type: "Opportunity", id: "1QA2-OPP1", label: "Big Deal" },
    }
    expect(createdResult({ InteractionId: "1", AgentOfferTime: 0 }, "1QA2-ACT1", associations)).toEqual({
      Status: "OK",
      InteractionId: "1",
      AgentOfferTime: 0,
      ActivityId: "1QA2-ACT1",
      AccountId: "1QA2-ACC1",
      AccountName: "Hong Industries",
      ContactId: "1QA2-RXQQC",
      ContactFullName: "Fred Hong",
      LeadId: "1QA2-LEA1",
      LeadFullName: "Jo Soap",
      CampaignId: "1QA2-CAM1",
      CampaignName: "Spring Offer",
      ServiceRequestId: "1QA2-SR01",
      ServiceRequestNumber: "SR-0001",
      ScreenPopRecordId: "1QA2-SR01",
      ScreenPopRecordType: "Service Request",
    })
  })
})

describe("CTIActivityInsert output: the other statuses", () => {
  const identity = { InteractionId: "900000000051", AgentOfferTime: offeredAt }

  it("Activity already exists: the existing ActivityId and no association fields", () => {
    expect(existingResult(identity, "1QA2-S78VL")).toEqual({
      Status: "Activity already exists",
      InteractionId: "900000000051",
      AgentOfferTime: 1287786900,
      ActivityId: "1QA2-S78VL",
    })
  })

  it.each(["Unable to create activity", "Error"] as const)("%s: no ActivityId", (status) => {
    expect(failedResult(identity, status)).toEqual({
      Status: status,
      InteractionId: "900000000051",
      AgentOfferTime: 1287786900,
    })
  })

  it("OK and Activity already exists both mean the activity is logged", () => {
    expect(isLogged(createdResult(identity, "1QA2-1", {}))).toBe(true)
    expect(isLogged(existingResult(identity, "1QA2-1"))).toBe(true)
    expect(isLogged(failedResult(identity, "Unable to create activity"))).toBe(false)
    expect(isLogged(failedResult(identity, "Error"))).toBe(false)
  })
})

describe("CTIActivityWrapUp output", () => {
  it.each([
    "OK",
    "Activity has already been wrapped up",
    "Activity not found",
    "Multiple activites found",
    "Error",
  ] as const)("%s echoes the interaction's identity", (status) => {
    expect(wrapUpResult({ InteractionId: "100000000000", AgentOfferTime: offeredAt }, status)).toEqual({
      Status: status,
      InteractionId: "100000000000",
      AgentOfferTime: 1287786900,
    })
  })
})

describe("Identity of an activity: InteractionId and AgentOfferTime", () => {
  it("is read from an interaction of either operation", () => {
    const inserted = interaction("Inbound Call", { Origin: "15551111212", Queue: "Support" })
    expect(identityOf(inserted)).toEqual({ InteractionId: "900000000051", AgentOfferTime: 1287786900 })
    expect(identityOf({ InteractionId: "1", AgentOfferTime: 2, ChannelType: "Inbound Chat" })).toEqual({
      InteractionId: "1",
      AgentOfferTime: 2,
    })
  })

  it("keys are equal exactly when both parts are", () => {
    const key = (InteractionId: string, AgentOfferTime: number) => identityKey({ InteractionId, AgentOfferTime })
    expect(key("900000000051", 1287786900)).toBe(key("900000000051", 1287786900))
    expect(key("900000000051", 1287786900)).not.toBe(key("900000000051", 1287786901))
    expect(key("12", 3)).not.toBe(key("1", 23))
    expect(key("1 2", 3)).not.toBe(key("1", 23))
  })
})
