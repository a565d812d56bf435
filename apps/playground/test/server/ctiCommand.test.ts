import { DemoIds, DemoUsers } from "@crmod-cti/emulator"
import { beforeAll, describe, expect, it } from "vitest"
import { Browser, type Page } from "./support/Browser.js"
import { Password, usePlayground } from "./support/testPlayground.js"

const playground = usePlayground()
const servlet = "/OnDemand/user/CTICommand"
// The demo tenant's wrap-up sample: interactions 100000000000… offered at 1287786900, owned by OKP/mos.def.
const sampleOfferTime = "1287786900"

let agent: Browser
let callAgent: Browser
beforeAll(async () => {
  agent = new Browser(playground().url)
  await agent.signIn(DemoUsers.mosDef, Password)
  callAgent = new Browser(playground().url)
  await callAgent.signIn(DemoUsers.callAgent, Password)
})

const expectRedirect = (page: Page, location: string) => {
  expect(page.status, page.body.slice(0, 500)).toBe(302)
  expect(page.location).toBe(location)
}

/** A 400 page naming the parameter, without a stack trace. */
const expectParameterError = (page: Page, parameter: string) => {
  expect(page.status).toBe(400)
  expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8")
  expect(page.body).toContain(`<code class="parameter">${parameter}</code>`)
  expect(page.body).toContain(`&quot;${parameter}&quot;`)
  expect(page.body).not.toMatch(/\bat .*\.(ts|js):\d+/)
}

describe("ScreenPop redirects (302) to the record's detail page (CONTRACT §7)", () => {
  it("takes its parameters from a GET query, spaces as %20", async () => {
    const page = await agent.get(`${servlet}?Command=ScreenPop&Record%20Type=Contact&Record%20Id=${DemoIds.fredHong}`)
    expectRedirect(page, `/OnDemand/user/ContactDetail?id=${DemoIds.fredHong}`)
  })

  it("reads + as a space in a GET query, in names and values, in any order", async () => {
    const page = await agent.get(
      `${servlet}?Record+Id=${DemoIds.damagedWidget}&Record+Type=Service+Request&Command=ScreenPop`,
    )
    expectRedirect(page, `/OnDemand/user/ServiceRequestDetail?id=${DemoIds.damagedWidget}`)
  })

  it("takes its parameters from a POSTed form, with + or %20", async () => {
    for (const body of [
      `Command=ScreenPop&Record+Type=Account&Record+Id=${DemoIds.acme}`,
      `Command=ScreenPop&Record%20Type=Account&Record%20Id=${DemoIds.acme}`,
    ]) {
      expectRedirect(await agent.postRaw(servlet, body), `/OnDemand/user/AccountDetail?id=${DemoIds.acme}`)
    }
  })

  it("pops every record type of the servlet's LOV", async () => {
    const records = [
      ["Contact", DemoIds.fredHong, "ContactDetail"],
      ["Account", DemoIds.acme, "AccountDetail"],
      ["Lead", DemoIds.mariaGarcia, "LeadDetail"],
      ["Service Request", DemoIds.damagedWidget, "ServiceRequestDetail"],
      ["Campaign", DemoIds.springPromotion, "CampaignDetail"],
      ["Opportunity", DemoIds.acmeRenewal, "OpportunityDetail"],
    ] as const
    for (const [type, id, page] of records) {
      const query = new URLSearchParams({ Command: "ScreenPop", "Record Type": type, "Record Id": id })
      expectRedirect(await agent.get(`${servlet}?${query}`), `/OnDemand/user/${page}?id=${id}`)
    }
  })

  it("pops an activity with the Channel Type it was inserted with", async () => {
    const page = await agent.get(
      `${servlet}?Command=ScreenPop&Record%20Type=Activity&Record%20Id=${DemoIds.sampleVoicemail}&Channel%20Type=Inbound%20Voicemail`,
    )
    expectRedirect(page, `/OnDemand/user/ActivityDetail?id=${DemoIds.sampleVoicemail}`)
  })

  it("accepts the chapter's example URL with literal spaces, as a browser sends it (%20)", async () => {
    const chapterUrl = `${servlet}?Command=ScreenPop&Record Type=Activity&Record Id=${DemoIds.sampleCall}&Channel Type=Inbound Call`
    expectRedirect(await agent.get(encodeURI(chapterUrl)), `/OnDemand/user/ActivityDetail?id=${DemoIds.sampleCall}`)
  })
})

describe("WrapUp redirects (302) to the activity's wrap-up edit page", () => {
  it("finds the activity by Interaction Id and Agent Offer Time, from GET or POST", async () => {
    const location = `/OnDemand/user/ActivityWrapUp?id=${DemoIds.sampleCall}`
    expectRedirect(
      await agent.get(
        `${servlet}?Command=WrapUp&Agent%20Offer%20Time=${sampleOfferTime}&Interaction%20Id=100000000000`,
      ),
      location,
    )
    expectRedirect(
      await agent.postRaw(servlet, `Interaction+Id=100000000000&Command=WrapUp&Agent+Offer+Time=${sampleOfferTime}`),
      location,
    )
  })
})

describe("A missing or invalid parameter is a 400 page naming it", () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ["", "Command"],
    ["Command=Dial", "Command"],
    [`Command=ScreenPop&Record%20Id=${DemoIds.fredHong}`, "Record Type"],
    [`Command=ScreenPop&Record%20Type=Person&Record%20Id=${DemoIds.fredHong}`, "Record Type"],
    ["Command=ScreenPop&Record%20Type=Contact", "Record Id"],
    ["Command=ScreenPop&Record%20Type=Contact&Record%20Id=", "Record Id"],
    [`Command=ScreenPop&Record%20Type=Activity&Record%20Id=${DemoIds.sampleCall}`, "Channel Type"],
    [`Command=ScreenPop&Record%20Type=Activity&Record%20Id=${DemoIds.sampleCall}&Channel%20Type=Phone`, "Channel Type"],
    ["Command=WrapUp&Interaction%20Id=100000000000", "Agent Offer Time"],
    ["Command=WrapUp&Interaction%20Id=100000000000&Agent%20Offer%20Time=yesterday", "Agent Offer Time"],
    [`Command=WrapUp&Agent%20Offer%20Time=${sampleOfferTime}`, "Interaction Id"],
    [`Command=WrapUp&Interaction%20Id=${"9".repeat(31)}&Agent%20Offer%20Time=${sampleOfferTime}`, "Interaction Id"],
  ]
  it.each(cases)("GET ?%s names %s", async (query, parameter) => {
    expectParameterError(await agent.get(`${servlet}?${query}`), parameter)
  })
  it.each(cases)("POST %s names %s", async (body, parameter) => {
    expectParameterError(await agent.postRaw(servlet, body), parameter)
  })

  it("names Channel Type when it is not the activity's", async () => {
    const page = await agent.get(
      `${servlet}?Command=ScreenPop&Record%20Type=Activity&Record%20Id=${DemoIds.sampleCall}&Channel%20Type=Inbound%20Chat`,
    )
    expectParameterError(page, "Channel Type")
  })
})

describe("An unknown record is a 404 page that says so", () => {
  it("for a record id that does not exist", async () => {
    const page = await agent.get(`${servlet}?Command=ScreenPop&Record%20Type=Contact&Record%20Id=1QA2-NOPE`)
    expect(page.status).toBe(404)
    expect(page.body).toContain("There is no Contact with the Record Id 1QA2-NOPE.")
  })

  it("for a record of another type than the one named", async () => {
    const page = await agent.get(`${servlet}?Command=ScreenPop&Record%20Type=Lead&Record%20Id=${DemoIds.fredHong}`)
    expect(page.status).toBe(404)
  })

  it("for an activity or a wrap-up identity that does not exist", async () => {
    const screenPop = await agent.get(
      `${servlet}?Command=ScreenPop&Record%20Type=Activity&Record%20Id=1QA2-NOPE&Channel%20Type=Inbound%20Call`,
    )
    expect(screenPop.status).toBe(404)
    const wrapUp = await agent.get(
      `${servlet}?Command=WrapUp&Interaction%20Id=42&Agent%20Offer%20Time=${sampleOfferTime}`,
    )
    expect(wrapUp.status).toBe(404)
    expect(wrapUp.body).toContain("There is no activity with Interaction Id 42 and Agent Offer Time 1287786900.")
  })
})

describe("Without the channel's Access privilege: 403 Access Denied", () => {
  it("for a screen pop of a chat activity by a call-only agent", async () => {
    const page = await callAgent.get(
      `${servlet}?Command=ScreenPop&Record%20Type=Activity&Record%20Id=${DemoIds.sampleChat}&Channel%20Type=Inbound%20Chat`,
    )
    expect(page.status).toBe(403)
    expect(page.body).toContain("Access Denied")
  })

  it("for the wrap-up of an email by a call-only agent", async () => {
    const page = await callAgent.get(
      `${servlet}?Command=WrapUp&Interaction%20Id=100000000002&Agent%20Offer%20Time=${sampleOfferTime}`,
    )
    expect(page.status).toBe(403)
    expect(page.body).toContain("Access Denied")
  })

  it("but not for a call, which the agent may access", async () => {
    const page = await callAgent.get(
      `${servlet}?Command=ScreenPop&Record%20Type=Activity&Record%20Id=${DemoIds.sampleCall}&Channel%20Type=Inbound%20Call`,
    )
    expectRedirect(page, `/OnDemand/user/ActivityDetail?id=${DemoIds.sampleCall}`)
  })
})

describe("Without a session, the user signs in and then the command is performed", () => {
  it("for a GET command", async () => {
    const visitor = new Browser(playground().url)
    const command = `${servlet}?Command=ScreenPop&Record+Type=Contact&Record+Id=${DemoIds.fredHong}`
    const toLogon = await visitor.get(command)
    expect(toLogon.status).toBe(302)
    const next = new URL(toLogon.location ?? "", playground().url).searchParams.get("next") ?? ""
    const signedIn = await visitor.signIn(DemoUsers.mosDef, Password, next)
    const performed = await visitor.follow(signedIn)
    expectRedirect(performed, `/OnDemand/user/ContactDetail?id=${DemoIds.fredHong}`)
  })

  it("for a POSTed command, brought back as its GET URL", async () => {
    const visitor = new Browser(playground().url)
    const toLogon = await visitor.postRaw(
      servlet,
      `Command=ScreenPop&Record%20Type=Lead&Record%20Id=${DemoIds.mariaGarcia}`,
    )
    expect(toLogon.status).toBe(302)
    const next = new URL(toLogon.location ?? "", playground().url).searchParams.get("next") ?? ""
    expect(next.startsWith(`${servlet}?`)).toBe(true)
    const performed = await visitor.follow(await visitor.signIn(DemoUsers.mosDef, Password, next))
    expectRedirect(performed, `/OnDemand/user/LeadDetail?id=${DemoIds.mariaGarcia}`)
  })
})
