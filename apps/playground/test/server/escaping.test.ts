import { DemoIds, DemoUsers } from "@crmod-cti/emulator"
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { Browser, csrfOf, type Page } from "./support/Browser.js"
import { Password, usePlayground } from "./support/testPlayground.js"

const playground = usePlayground()

const origin = "<script>alert(1)</script>"
const queue = '"><img src=x onerror=alert(1)>'
const escapedOrigin = "&lt;script&gt;alert(1)&lt;/script&gt;"
const escapedQueue = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"

let agent: Browser
let activityId: string
beforeAll(async () => {
  const [result] = await Effect.runPromise(
    playground()
      .emulator.serviceFor(DemoUsers.mosDef)
      .insert([
        {
          InteractionId: "xss-1",
          AgentOfferTime: 1_700_000_000,
          ChannelType: "Inbound Call",
          Origin: origin,
          Queue: queue,
          AssociatedRecordType: "Contact",
          AssociatedRecordId: DemoIds.fredHong,
        },
      ]),
  )
  activityId = result?.ActivityId ?? ""
  agent = new Browser(playground().url)
  await agent.signIn(DemoUsers.mosDef, Password)
})

/** The hostile values appear as text only: escaped, never as markup. */
const expectText = (page: Page, values: { readonly origin: boolean; readonly queue: boolean }) => {
  expect(page.status).toBe(200)
  if (values.origin) expect(page.body).toContain(escapedOrigin)
  if (values.queue) expect(page.body).toContain(escapedQueue)
  expect(page.body).not.toContain("<script>alert")
  expect(page.body).not.toContain("<img src=x")
  expect(page.body).not.toContain('"><img')
}

describe("Every user-supplied value is HTML-escaped (issue 7, CONTRACT §8)", () => {
  it("on the Communications tab", async () => {
    expectText(await agent.get("/OnDemand/user/Communications?subtab=Call"), { origin: true, queue: true })
  })

  it("on the activity's detail page", async () => {
    expectText(await agent.get(`/OnDemand/user/ActivityDetail?id=${activityId}`), { origin: true, queue: true })
  })

  it("on the activity's wrap-up page", async () => {
    expectText(await agent.get(`/OnDemand/user/ActivityWrapUp?id=${activityId}`), { origin: true, queue: true })
  })

  it("in the related activities of the contact it is associated with", async () => {
    expectText(await agent.get(`/OnDemand/user/ContactDetail?id=${DemoIds.fredHong}`), { origin: true, queue: true })
  })

  it("in wrap-up notes, once saved", async () => {
    const form = await agent.get(`/OnDemand/user/ActivityWrapUp?id=${activityId}`)
    const saved = await agent.post(`/OnDemand/user/ActivityWrapUp?id=${activityId}`, {
      csrf: csrfOf(form),
      notes: `Caller wrote ${origin}`,
      callResult: "Resolved",
    })
    expect(saved.status).toBe(303)
    const page = await agent.follow(saved)
    expectText(page, { origin: true, queue: true })
    expect(page.body).toContain(`Caller wrote ${escapedOrigin}`)
  })

  it("in a record id or parameter echoed on an error page", async () => {
    const page = await agent.get(
      `/OnDemand/user/CTICommand?Command=ScreenPop&Record%20Type=Contact&Record%20Id=${encodeURIComponent(origin)}`,
    )
    expect(page.status).toBe(404)
    expect(page.body).toContain(escapedOrigin)
    expect(page.body).not.toContain("<script>alert")
  })

  it("in the sign-in page's next field", async () => {
    const visitor = new Browser(playground().url)
    const page = await visitor.get(`/OnDemand/logon?next=${encodeURIComponent(`/x${queue}`)}`)
    expect(page.body).toContain(`value="/x${escapedQueue}"`)
    expect(page.body).not.toContain("<img src=x")
  })

  it("in the user name sent back after a failed sign-in", async () => {
    const visitor = new Browser(playground().url)
    const page = await visitor.signIn(`OKP/${queue}`, "wrong")
    expect(page.status).toBe(401)
    expect(page.body).toContain(escapedQueue)
    expect(page.body).not.toContain("<img src=x")
  })
})
