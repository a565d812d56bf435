import { existsSync } from "node:fs"
import type { Browser, BrowserContext, Page, Request } from "playwright-core"
import { chromium } from "playwright-core"
import { scaled } from "@crmod-cti/testing"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startPlayground } from "../../src/server/startPlayground.js"
import { buildSoftphoneOnce } from "./softphoneBuild.js"

/**
 * The softphone logs through the browser outbox (`@crmod-cti/outbox/browser`), in headless Chromium: what it keeps
 * survives a reload during an outage of the service, and of two tabs one delivers.
 */

const ChromiumPath = "/usr/bin/chromium"
const ChromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-component-update"]
const ServicePattern = "**/Services/Integration"

let playground: Awaited<ReturnType<typeof startPlayground>> | undefined
let browser: Browser | undefined
const contexts: Array<BrowserContext> = []

const running = () => {
  if (playground === undefined) throw new Error("The playground did not start")
  return playground
}

beforeAll(async () => {
  if (!existsSync(ChromiumPath)) throw new Error(`The browser test needs Debian's Chromium at ${ChromiumPath}`)
  await buildSoftphoneOnce()
  playground = await startPlayground({ port: 0, env: {} })
  browser = await chromium.launch({ executablePath: ChromiumPath, args: ChromiumArgs })
}, scaled(60_000))

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await playground?.close()
})

/** A browser profile of its own (its own IndexedDB), signed in as OKP/mos.def. */
const signedInContext = async (): Promise<{ context: BrowserContext; page: Page }> => {
  if (browser === undefined) throw new Error("Chromium did not start")
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  contexts.push(context)
  const page = await context.newPage()
  page.setDefaultTimeout(scaled(10_000))
  await page.goto(`${running().url}/`)
  await page.locator('input[name="username"]').fill("OKP/mos.def")
  await page.locator('input[name="password"]').fill("password")
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/OnDemand/logon")),
    page.keyboard.press("Enter"),
  ])
  return { context, page }
}

const card = (page: Page, title: string) => page.locator("#softphone").getByRole("region", { name: title })
const outboxCount = (page: Page, label: string) =>
  card(page, "Outbox").locator(`[data-count="${label}"] dd`).textContent()

const connect = async (page: Page) => {
  await card(page, "CTI connection")
    .getByRole("button", { name: /Connect|Reconnect/ })
    .click()
  await card(page, "CTI connection").getByText("Connected", { exact: true }).waitFor()
}

const simulateCall = (page: Page) =>
  card(page, "Simulate an inbound interaction").getByRole("button", { name: "Simulate" }).click()

/** The identity a CTIActivityInsert request carries (the softphone logs one interaction a request). */
const identityIn = (request: Request) => {
  const body = request.postData() ?? ""
  const id = body.match(/<(?:[\w-]+:)?InteractionId>([^<]*)</)?.[1]
  const time = body.match(/<(?:[\w-]+:)?AgentOfferTime>([^<]*)</)?.[1]
  return id === undefined || time === undefined ? undefined : { InteractionId: id, AgentOfferTime: Number(time) }
}

const isInsert = (request: Request) =>
  request.method() === "POST" && (request.headers().soapaction ?? "").includes("CTIActivityInsert")

/** How long a poll waits for the outbox: its back-off starts at half a second and it looks at the store every second. */
const poll = { timeout: scaled(5_000) }

describe("the softphone's outbox in a browser", { timeout: scaled(30_000) }, () => {
  it("keeps a call logged during an outage of the service across a reload, and logs it once the service is back", async () => {
    const { context, page } = await signedInContext()
    await connect(page)
    // The service out of reach: the first request is refused as a network error would be; the retry hangs, so
    // the page reloads in the middle of a delivery (its claim must not strand the entry).
    const refused: Array<Request> = []
    await context.route(ServicePattern, (route) => {
      refused.push(route.request())
      return refused.length === 1 ? route.abort("connectionrefused") : new Promise<void>(() => undefined)
    })
    await simulateCall(page)
    await expect.poll(() => refused.length, poll).toBe(2)
    const identity = identityIn(refused[0]!)
    expect(identity).toBeDefined()
    await expect.poll(() => outboxCount(page, "Pending"), poll).toBe("1")

    await page.reload()
    await connect(page)
    await expect.poll(() => outboxCount(page, "Pending"), poll).toBe("1")
    const found = () =>
      Effect.runPromise(running().emulator.queries.findActivity({ signInId: "OKP/mos.def" }, identity!)).then(
        (lookup) => lookup._tag,
      )
    expect(await found()).toBe("NotFound")

    // The service back: the reloaded page's outbox delivers what the first page stored.
    const delivered: Array<Request> = []
    page.on("requestfinished", (request) => {
      if (isInsert(request)) delivered.push(request)
    })
    await context.unrouteAll({ behavior: "ignoreErrors" })
    await expect.poll(found, { timeout: scaled(15_000) }).toBe("Found")
    await expect.poll(() => outboxCount(page, "Pending"), poll).toBe("0")
    expect(delivered.map(identityIn)).toEqual([identity])
    // The wire shows it, the password masked.
    const request = card(page, "Outbox").locator('[data-wire="request"]').first()
    expect(await request.textContent()).toContain("<wsse:Password")
    expect(await request.textContent()).toContain(">********</wsse:Password>")
    expect(await request.textContent()).not.toContain(">password<")
  })

  it("delivers from one tab of two: the other enqueues, shows the delivering tab's state, and takes over when it closes", async () => {
    const { context, page: first } = await signedInContext()
    await connect(first)
    await card(first, "Outbox").getByText("Delivering in this tab").waitFor()
    const second = await context.newPage()
    await second.goto(first.url())
    await connect(second)
    await card(second, "Outbox").getByText("Another tab delivers").waitFor()

    const sentBy = new Map<Page, Array<Request>>([
      [first, []],
      [second, []],
    ])
    for (const [page, requests] of sentBy) page.on("request", (request) => isInsert(request) && requests.push(request))

    // Logged in the second tab, sent by the first; the second still gets its result and pops the caller.
    await simulateCall(second)
    await card(second, "Last result").getByText("Inbound Call from", { exact: false }).waitFor()
    expect(await card(second, "Last result").locator("dl").textContent()).toContain("Fred Hong")
    expect(sentBy.get(first)).toHaveLength(1)
    expect(sentBy.get(second)).toHaveLength(0)
    await expect.poll(() => outboxCount(second, "Delivered"), poll).toBe("1")

    // The first tab closes: the second takes delivery over.
    await first.close()
    await card(second, "Outbox").getByText("Delivering in this tab").waitFor()
    await simulateCall(second)
    await expect.poll(() => sentBy.get(second)!.length, poll).toBe(1)
    expect(sentBy.get(first)).toHaveLength(1)
  })
})
