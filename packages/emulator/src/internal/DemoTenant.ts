import { Privileges } from "@crmod-cti/core"
import type { TenantSeed } from "./Seed.js"

/** The demo tenant's company (`CONTRACT.md` §3). */
export const DemoCompany = "OKP"

/** The demo users' sign-in ids. */
export const DemoUsers = {
  /** All four Access privileges and Manage CTI On Demand Access. */
  mosDef: "OKP/mos.def",
  /** Access Call Communications only. */
  callAgent: "OKP/call.agent",
  /** None of the CTI privileges. */
  noCti: "OKP/no.cti",
} as const

/** The demo password unless `CTI_DEMO_PASSWORD` or the `password` option says otherwise. */
export const DemoPassword = "password"

/** Ids of the demo records, all below the default id generator's first id (`1QA2-S78VL`). */
export const DemoIds = {
  /** Fred Hong, work phone `+1 555 111 1212`, no account: the chapter's caller. */
  fredHong: "1QA2-RXQQC",
  /** Acme Corporation, main phone `+1 555 222 0000`. */
  acme: "1QA2-RXA01",
  /** Jane Doe of Acme: work, home and mobile phones and an email. */
  janeDoe: "1QA2-RXC01",
  /** Pat and Chris Jones share the home phone `+1 555 666 0200`: a caller from it matches no contact. */
  patJones: "1QA2-RXC02",
  chrisJones: "1QA2-RXC03",
  /** Maria Garcia, a lead with work and mobile phones and an email. */
  mariaGarcia: "1QA2-RXL01",
  /** Service request `SR-001001`, for Jane Doe of Acme. */
  damagedWidget: "1QA2-RXS01",
  /** Campaign with the source code `SPRING2024`. */
  springPromotion: "1QA2-RXM01",
  /** Opportunity of Acme. */
  acmeRenewal: "1QA2-RXO01",
  /** The four activities the chapter's wrap-up sample wraps up (interactions `100000000000` to `…003`). */
  sampleCall: "1QA2-RXV01",
  sampleChat: "1QA2-RXV02",
  sampleEmail: "1QA2-RXV03",
  sampleVoicemail: "1QA2-RXV04",
} as const

/** Phone numbers, emails, numbers and codes of the demo records, to show every association path. */
export const DemoValues = {
  fredHongWorkPhone: "+1 555 111 1212",
  acmeMainPhone: "+1 555 222 0000",
  janeDoeWorkPhone: "+1 555 222 0101",
  janeDoeHomePhone: "+1 555 333 0101",
  janeDoeMobilePhone: "+1 555 444 0101",
  janeDoeEmail: "jane.doe@acme.example",
  jonesHomePhone: "+1 555 666 0200",
  mariaGarciaWorkPhone: "+1 555 777 0301",
  mariaGarciaMobilePhone: "+1 555 777 0302",
  mariaGarciaEmail: "maria.garcia@globex.example",
  serviceRequestNumber: "SR-001001",
  campaignSourceCode: "SPRING2024",
} as const

const sampleOfferTime = 1287786900

/**
 * The demo tenant of `CONTRACT.md` §3. The chapter's sample insert request, sent as it stands, gets the
 * chapter's sample response: Fred Hong on the call and the voicemail (by his work phone), and the chat and the
 * email, from `jsoap@match.com` which no record holds, popping the activity itself. The chapter's sample wrap-up
 * request finds the four activities it names, seeded for `OKP/mos.def` and not yet wrapped up.
 */
export const DemoTenant: TenantSeed = {
  company: DemoCompany,
  users: [
    { signInId: DemoUsers.mosDef, privileges: [...Privileges] },
    { signInId: DemoUsers.callAgent, privileges: ["Access Call Communications"] },
    { signInId: DemoUsers.noCti, privileges: [] },
  ],
  contacts: [
    { id: DemoIds.fredHong, firstName: "Fred", lastName: "Hong", workPhone: DemoValues.fredHongWorkPhone },
    {
      id: DemoIds.janeDoe,
      firstName: "Jane",
      lastName: "Doe",
      workPhone: DemoValues.janeDoeWorkPhone,
      homePhone: DemoValues.janeDoeHomePhone,
      mobilePhone: DemoValues.janeDoeMobilePhone,
      email: DemoValues.janeDoeEmail,
      accountId: DemoIds.acme,
    },
    { id: DemoIds.patJones, firstName: "Pat", lastName: "Jones", homePhone: DemoValues.jonesHomePhone },
    { id: DemoIds.chrisJones, firstName: "Chris", lastName: "Jones", homePhone: DemoValues.jonesHomePhone },
  ],
  accounts: [{ id: DemoIds.acme, name: "Acme Corporation", mainPhone: DemoValues.acmeMainPhone }],
  leads: [
    {
      id: DemoIds.mariaGarcia,
      firstName: "Maria",
      lastName: "Garcia",
      workPhone: DemoValues.mariaGarciaWorkPhone,
      mobilePhone: DemoValues.mariaGarciaMobilePhone,
      email: DemoValues.mariaGarciaEmail,
    },
  ],
  serviceRequests: [
    {
      id: DemoIds.damagedWidget,
      number: DemoValues.serviceRequestNumber,
      subject: "Widget arrived damaged",
      contactId: DemoIds.janeDoe,
      accountId: DemoIds.acme,
    },
  ],
  campaigns: [{ id: DemoIds.springPromotion, name: "Spring Promotion", sourceCode: DemoValues.campaignSourceCode }],
  opportunities: [{ id: DemoIds.acmeRenewal, name: "Acme Widget Renewal", accountId: DemoIds.acme }],
  activities: (
    [
      [DemoIds.sampleCall, "100000000000", "Inbound Call"],
      [DemoIds.sampleChat, "100000000001", "Inbound Chat"],
      [DemoIds.sampleEmail, "100000000002", "Inbound Email"],
      [DemoIds.sampleVoicemail, "100000000003", "Inbound Voicemail"],
    ] as const
  ).map(([id, interactionId, channel]) => ({
    id,
    owner: DemoUsers.mosDef,
    interaction: { InteractionId: interactionId, AgentOfferTime: sampleOfferTime, ChannelType: channel },
    createdAt: sampleOfferTime * 1000,
  })),
}
