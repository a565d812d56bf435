import { DemoUsers } from "@crmod-cti/emulator"
import { describe, expect, it } from "vitest"
import { Browser, csrfOf, hiddenField, type Page } from "./support/Browser.js"
import { Password, usePlayground } from "./support/testPlayground.js"

// 20 sessions per user as in use; 3 sessions before sign-in in all (10 000 in use).
const playground = usePlayground({}, { limits: { sessions: { maxPerUser: 20, maxPending: 3 } } })
const browser = () => new Browser(playground().url)

const signedIn = async (user: string) => {
  const agent = browser()
  expect((await agent.signIn(user, Password)).status).toBe(303)
  return agent
}

describe("At most 20 sessions per user: a new one ends that user's oldest, never another's (CONTRACT §9)", () => {
  it("signs the user's oldest session out at the 21st sign-in, and nobody else", async () => {
    const other = await signedIn(DemoUsers.callAgent)
    const sessions = []
    for (let count = 0; count < 21; count++) sessions.push(await signedIn(DemoUsers.mosDef))
    expect((await sessions[0]?.get("/"))?.status).toBe(302)
    for (const session of sessions.slice(1)) expect((await session.get("/")).status).toBe(200)
    expect((await other.get("/")).status).toBe(200)
  })
})

describe("Sessions before sign-in are capped in all, the oldest ending first (3 here)", () => {
  it("lets the oldest sign-in form expire, and the newer ones sign in", async () => {
    const visitors = [browser(), browser(), browser(), browser()]
    const forms: Array<Page> = []
    for (const visitor of visitors) forms.push(await visitor.get("/OnDemand/logon"))
    const signIn = (index: number) => {
      const form = forms[index]
      if (form === undefined) throw new Error(`No form ${index}`)
      return visitors[index]?.post("/OnDemand/logon", {
        csrf: csrfOf(form),
        next: hiddenField(form, "next"),
        username: DemoUsers.mosDef,
        password: Password,
      })
    }
    for (const index of [1, 2, 3]) expect((await signIn(index))?.status).toBe(303)
    const expired = await signIn(0)
    expect(expired?.status).toBe(403)
    expect(expired?.body).toContain("The sign-in form expired.")
    expect(visitors[0]?.cookies.has("crmod_session")).toBe(false)
  })

  it("never ends a signed-in session, however many sign-in forms are opened", async () => {
    const agent = await signedIn(DemoUsers.noCti)
    for (let count = 0; count < 20; count++) await browser().get("/OnDemand/logon")
    expect((await agent.get("/")).status).toBe(200)
  })
})
