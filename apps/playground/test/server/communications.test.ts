import type { Interaction } from "@crmod-cti/core"
import { DemoIds, DemoUsers } from "@crmod-cti/emulator"
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { Browser, csrfOf, type Page } from "./support/Browser.js"
import { openEventStream } from "./support/eventStream.js"
import { Password, usePlayground } from "./support/testPlayground.js"

const playground = usePlayground()
const tab = "/OnDemand/user/Communications"

const signedIn = async (user: string) => {
  const browser = new Browser(playground().url)
  await browser.signIn(user, Password)
  return browser
}

let agent: Browser
let callAgent: Browser
let noCti: Browser
beforeAll(async () => {
  ;[agent, callAgent, noCti] = await Promise.all([
    signedIn(DemoUsers.mosDef),
    signedIn(DemoUsers.callAgent),
    signedIn(DemoUsers.noCti),
  ])
})

const subtabLinks = (page: Page) =>
  [...page.body.matchAll(/<a class="subtab[^"]*"[^>]* data-subtab="([A-Za-z]+)"/g)].map((m) => m[1])

let interactionCounter = 0
const insert = async (user: string, interaction: Partial<Interaction> & Pick<Interaction, "ChannelType">) => {
  interactionCounter += 1
  const [result] = await Effect.runPromise(
    playground()
      .emulator.serviceFor(user)
      .insert([{ InteractionId: `comms-${interactionCounter}`, AgentOfferTime: 1_700_000_000, ...interaction }]),
  )
  return result?.ActivityId ?? ""
}

/** The activity ids listed in a section of the page (`current-interactions` or `completed-interactions`). */
const listed = (page: Page, listId: string): Array<string> => {
  const start = page.body.indexOf(`id="${listId}"`)
  if (start < 0) return []
  const end = page.body.indexOf("</section>", start)
  return [...page.body.slice(start, end).matchAll(/data-activity-id="([^"]+)"/g)].map((m) => m[1] ?? "")
}

describe("Each subtab is shown only with its Access privilege", () => {
  it("shows all four to OKP/mos.def", async () => {
    expect(subtabLinks(await agent.get(tab))).toEqual(["Call", "Chat", "Email", "Voicemail"])
  })

  it("shows Call, not Chat, to OKP/call.agent", async () => {
    const page = await callAgent.get(tab)
    expect(subtabLinks(page)).toEqual(["Call"])
    expect(page.body).not.toContain("subtab=Chat")
  })

  it("refuses a subtab without its privilege with Access Denied", async () => {
    const page = await callAgent.get(`${tab}?subtab=Chat`)
    expect(page.status).toBe(403)
    expect(page.body).toContain("Access Denied")
  })

  it("tells a user without any that they have no channel", async () => {
    const page = await noCti.get(tab)
    expect(page.status).toBe(200)
    expect(subtabLinks(page)).toEqual([])
    expect(page.body).toContain("You have no access to any communications channel.")
  })

  it("names the subtab parameter when it is not a subtab", async () => {
    const page = await agent.get(`${tab}?subtab=Fax`)
    expect(page.status).toBe(400)
    expect(page.body).toContain('<code class="parameter">subtab</code>')
  })
})

describe("Each subtab lists the agent's current interactions first, then completed ones", () => {
  it("lists a new interaction as current, with Callbacks on the Call subtab, and not on other subtabs", async () => {
    const call = await insert(DemoUsers.mosDef, { ChannelType: "Inbound Call", Origin: "+1 555 111 1212" })
    const callback = await insert(DemoUsers.mosDef, { ChannelType: "Callback", Destination: "+1 555 111 1212" })
    const page = await agent.get(`${tab}?subtab=Call`)
    expect(listed(page, "current-interactions")).toEqual(expect.arrayContaining([call, callback]))
    expect(page.body.indexOf('id="current"')).toBeLessThan(page.body.indexOf('id="completed"'))
    expect(listed(await agent.get(`${tab}?subtab=Chat`), "current-interactions")).not.toContain(call)
  })

  it("moves it to completed once wrapped up on the wrap-up page", async () => {
    const call = await insert(DemoUsers.mosDef, { ChannelType: "Outbound Call", Destination: "+1 555 222 0101" })
    const form = await agent.get(`/OnDemand/user/ActivityWrapUp?id=${call}`)
    await agent.post(`/OnDemand/user/ActivityWrapUp?id=${call}`, { csrf: csrfOf(form), notes: "", callResult: "" })
    const page = await agent.get(`${tab}?subtab=Call`)
    expect(listed(page, "completed-interactions")).toContain(call)
    expect(listed(page, "current-interactions")).not.toContain(call)
  })

  it("lists only the signed-in agent's interactions", async () => {
    const theirs = await insert(DemoUsers.mosDef, { ChannelType: "Inbound Call" })
    const page = await callAgent.get(`${tab}?subtab=Call`)
    expect(listed(page, "current-interactions")).not.toContain(theirs)
  })

  it("names the record each interaction is about", async () => {
    await insert(DemoUsers.mosDef, { ChannelType: "Inbound Call", Origin: "+1 555 111 1212" })
    const page = await agent.get(`${tab}?subtab=Call`)
    expect(page.body).toContain(`<a href="/OnDemand/user/ContactDetail?id=${DemoIds.fredHong}">Fred Hong</a>`)
  })
})

describe("The lists are live: the page's script hears the agent's changes (Server-Sent Events)", () => {
  it("loads its script from /static, which the CSP allows", async () => {
    const page = await agent.get(tab)
    expect(page.body).toContain('<script src="/static/communications.js" defer></script>')
    expect(page.body).toContain('data-events="/OnDemand/user/Communications/events"')
    const script = await agent.get("/static/communications.js")
    expect(script.status).toBe(200)
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8")
    expect(script.body).toContain("EventSource")
  })

  it("announces a new interaction of the agent, with its subtab", async () => {
    const stream = await openEventStream(agent, `${tab}/events`)
    try {
      expect(stream.status).toBe(200)
      expect(stream.contentType).toBe("text/event-stream; charset=utf-8")
      expect((await stream.next()).event).toBe("ready")
      const id = await insert(DemoUsers.mosDef, { ChannelType: "Inbound Email", Origin: "jsoap@match.com" })
      const change = await stream.next()
      expect(change.event).toBe("change")
      expect(JSON.parse(change.data)).toEqual({ kind: "ActivityCreated", subtab: "Email", activityId: id })
    } finally {
      stream.close()
    }
  })

  it("announces nothing of other agents' interactions, and a change of the agent's privileges", async () => {
    const stream = await openEventStream(callAgent, `${tab}/events`)
    try {
      expect((await stream.next()).event).toBe("ready")
      await insert(DemoUsers.mosDef, { ChannelType: "Inbound Call" })
      await Effect.runPromise(
        playground().emulator.administration.setPrivileges({ signInId: DemoUsers.mosDef }, DemoUsers.callAgent, [
          "Access Call Communications",
        ]),
      )
      expect(JSON.parse((await stream.next()).data)).toEqual({ kind: "PrivilegesChanged" })
    } finally {
      stream.close()
    }
  })

  it("answers 403 to a user without any channel's Access privilege, as the emulator refuses them", async () => {
    const stream = await openEventStream(noCti, `${tab}/events`)
    expect(stream.status).toBe(403)
    stream.close()
    const head = await fetch(new URL(`${tab}/events`, noCti.baseUrl), {
      method: "HEAD",
      headers: { cookie: [...noCti.cookies].map(([name, value]) => `${name}=${value}`).join("; ") },
    })
    expect(head.status).toBe(403)
  })

  it("answers 401 without a session, instead of a redirect an EventSource would follow", async () => {
    const stream = await openEventStream(new Browser(playground().url), `${tab}/events`)
    expect(stream.status).toBe(401)
    stream.close()
  })

  it("ends a session's streams when it signs out", async () => {
    const user = await signedIn(DemoUsers.mosDef)
    const stream = await openEventStream(user, `${tab}/events`)
    expect((await stream.next()).event).toBe("ready")
    await user.signOut(await user.get(tab))
    await expect(stream.next()).rejects.toThrow("The event stream ended")
  })
})
