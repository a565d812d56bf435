import { DemoIds, DemoUsers } from "@crmod-cti/emulator"
import { beforeAll, describe, expect, it } from "vitest"
import { Browser, type Page } from "./support/Browser.js"
import { Password, usePlayground } from "./support/testPlayground.js"

const playground = usePlayground()

const csp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'self'; " +
  "form-action 'self'; base-uri 'none'"

const pages = [
  "/",
  "/OnDemand/user/Communications",
  "/OnDemand/user/Communications?subtab=Voicemail",
  "/OnDemand/user/Records",
  `/OnDemand/user/ContactDetail?id=${DemoIds.janeDoe}`,
  `/OnDemand/user/AccountDetail?id=${DemoIds.acme}`,
  `/OnDemand/user/LeadDetail?id=${DemoIds.mariaGarcia}`,
  `/OnDemand/user/ServiceRequestDetail?id=${DemoIds.damagedWidget}`,
  `/OnDemand/user/CampaignDetail?id=${DemoIds.springPromotion}`,
  `/OnDemand/user/OpportunityDetail?id=${DemoIds.acmeRenewal}`,
  `/OnDemand/user/ActivityDetail?id=${DemoIds.sampleEmail}`,
  `/OnDemand/user/ActivityWrapUp?id=${DemoIds.sampleChat}`,
  "/OnDemand/user/WebServicesAdmin",
  "/OnDemand/user/CtiPrivileges",
  "/OnDemand/user/ContactDetail?id=1QA2-NOPE",
  "/no/such/page",
]

let agent: Browser
beforeAll(async () => {
  agent = new Browser(playground().url)
  await agent.signIn(DemoUsers.mosDef, Password)
})

const expectSecurityHeaders = (page: Page) => {
  expect(page.headers.get("content-security-policy")).toBe(csp)
  expect(page.headers.get("x-content-type-options")).toBe("nosniff")
  expect(page.headers.get("referrer-policy")).toBe("same-origin")
}

describe("Every page has a Content-Security-Policy, nosniff and a same-origin referrer policy", () => {
  it.each(pages)("%s", async (path) => {
    expectSecurityHeaders(await agent.get(path))
  })

  it("so do the sign-in page, static files and the CTI Web service's answers", async () => {
    const visitor = new Browser(playground().url)
    for (const path of ["/OnDemand/logon", "/static/crm.css", "/healthz", "/Services/Integration/CTIActivity?wsdl"]) {
      expectSecurityHeaders(await visitor.get(path))
    }
    expectSecurityHeaders(await visitor.postRaw("/Services/Integration", "<not-soap/>", "text/xml"))
  })
})

describe("Pages work under that policy: no inline script, style or event handler", () => {
  it.each(pages)("%s", async (path) => {
    const page = await agent.get(path)
    const scripts = [...page.body.matchAll(/<script\b[^>]*>/g)].map((match) => match[0])
    for (const script of scripts) expect(script).toMatch(/ src="\/(static|assets)\/[^"]+"| type="application\/json"/)
    expect(page.body).not.toMatch(/<[a-z]+\b[^>]*\sstyle=/i)
    expect(page.body).not.toMatch(/<[a-z]+\b[^>]*\son[a-z]+=/i)
    expect(page.body).not.toMatch(/<style\b/i)
    expect(page.body).not.toMatch(/href="javascript:/i)
  })
})

describe("Pages that show a user's data are not cached", () => {
  it("answers them with Cache-Control: no-store", async () => {
    expect((await agent.get("/OnDemand/user/Communications")).headers.get("cache-control")).toBe("no-store")
  })
})
