import { DemoUsers } from "@crmod-cti/emulator"
import { scaled } from "@crmod-cti/testing"
import { afterEach, describe, expect, it, vi } from "vitest"
import { Browser } from "./support/Browser.js"
import { type EventStream, openEventStream } from "./support/eventStream.js"
import { Password, usePlayground } from "./support/testPlayground.js"

// 10 streams per user as in use; 12 in all (500 in use).
const playground = usePlayground({}, { limits: { streams: { maxPerUser: 10, maxInAll: 12 } } })
const events = "/OnDemand/user/Communications/events"

const signedIn = async (user: string) => {
  const browser = new Browser(playground().url)
  await browser.signIn(user, Password)
  return browser
}

const open: Array<EventStream> = []
const stream = async (browser: Browser) => {
  const opened = await openEventStream(browser, events)
  open.push(opened)
  return opened
}
afterEach(async () => {
  for (const opened of open.splice(0)) opened.close()
  await vi.waitFor(() => expect(playground().openStreams()).toBe(0), { timeout: scaled(4_000) })
})

/** Opens `count` streams of the browser's user and waits until each is `ready`. */
const streams = async (browser: Browser, count: number) => {
  const opened = []
  for (let index = 0; index < count; index++) {
    const next = await stream(browser)
    expect(next.status).toBe(200)
    expect((await next.next()).event).toBe("ready")
    opened.push(next)
  }
  return opened
}

describe("Live streams of the Communications tab are bounded (CONTRACT §2, §9)", () => {
  it("refuses a user without any channel's Access privilege with 403", async () => {
    const refused = await stream(await signedIn(DemoUsers.noCti))
    expect(refused.status).toBe(403)
    expect(playground().openStreams()).toBe(0)
  })

  it("takes 10 streams of a user and answers the 11th 429, while another user still gets one", async () => {
    const agent = await signedIn(DemoUsers.mosDef)
    await streams(agent, 10)
    expect((await stream(agent)).status).toBe(429)
    // Another session of the same user counts too.
    expect((await stream(await signedIn(DemoUsers.mosDef))).status).toBe(429)
    await streams(await signedIn(DemoUsers.callAgent), 1)
  })

  it("frees a closed stream's place at once", async () => {
    const agent = await signedIn(DemoUsers.mosDef)
    const [first] = await streams(agent, 10)
    first?.close()
    await vi.waitFor(() => expect(playground().openStreams()).toBe(9), { timeout: scaled(4_000) })
    await streams(agent, 1)
  })

  it("answers 503 beyond the streams of all users, and takes one again once one closes", async () => {
    const [agent, other] = [await signedIn(DemoUsers.mosDef), await signedIn(DemoUsers.callAgent)]
    await streams(agent, 10)
    const [last] = await streams(other, 2)
    expect((await stream(other)).status).toBe(503)
    expect((await fetch(`${playground().url}/healthz`)).status).toBe(200)
    last?.close()
    await vi.waitFor(() => expect(playground().openStreams()).toBe(11), { timeout: scaled(4_000) })
    await streams(other, 1)
  })
})
