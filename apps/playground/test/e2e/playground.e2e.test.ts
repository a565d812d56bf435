import { existsSync } from "node:fs"
import { mkdir } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import { scaled } from "@crmod-cti/testing"
import type { Browser, Frame, Locator, Page } from "playwright-core"
import { chromium } from "playwright-core"
import { Effect, Option } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startPlayground } from "../../src/server/startPlayground.js"
import { buildSoftphoneOnce } from "./softphoneBuild.js"

// The test's budget, only to catch a hang, scaled by CTI_TEST_TIMEOUT_SCALE like every other.
const budget60s = scaled(60_000)

/**
 * The playground as a person uses it, in headless Chromium (Debian's, driven by playwright-core): the softphone
 * beside the emulated CRM, from an inbound call to a completed wrap-up. Each step saves a screenshot to
 * `apps/playground/test-artifacts/` (the README's come from there).
 */

const ChromiumPath = "/usr/bin/chromium"
const ChromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
]
const appRoot = new URL("../../", import.meta.url)
const artifacts = fileURLToPath(new URL("test-artifacts/", appRoot))

const FredHong = { id: "1QA2-RXQQC", name: "Fred Hong", phone: "+1 555 111 1212" }
const Acme = { id: "1QA2-RXA01", name: "Acme Corporation", digits: "15552220000" }
const Notes = "Called Acme back: the replacement widgets ship on Monday."

let playground: Awaited<ReturnType<typeof startPlayground>> | undefined
let browser: Browser | undefined
let page: Page
/** Whatever the browser reports that a person would not see: script errors, CSP violations, failed requests. */
const browserProblems: Array<string> = []

const running = () => {
  if (playground === undefined) throw new Error("The playground did not start")
  return playground
}

const crm = (): Frame => {
  const frame = page.frame({ name: "crm" })
  if (frame === null) throw new Error('The workspace has no <iframe name="crm">')
  return frame
}

const screenshot = (name: string) => page.screenshot({ path: `${artifacts}${name}.png` })

const softphone = () => page.locator("#softphone")
/** The softphone's card of the given title (its `<section>`, labelled by the title). */
const softphoneCard = (title: string) => softphone().getByRole("region", { name: title })

/** A value of the result card's details (`<dt>label</dt><dd>value</dd>`). */
const detail = (card: Locator, label: string) =>
  card
    .locator("dt", { hasText: new RegExp(`^${label}$`) })
    .locator("xpath=following-sibling::dd[1]")
    .textContent()
    .then((text) => text ?? "")

const signIn = async (username: string, password: string, shot?: string): Promise<void> => {
  await page.goto(`${running().url}/`)
  await page.waitForURL(/\/OnDemand\/logon/)
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(password)
  if (shot !== undefined) await screenshot(shot)
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith("/OnDemand/logon")),
    page.keyboard.press("Enter"),
  ])
}

beforeAll(async () => {
  if (!existsSync(ChromiumPath)) {
    throw new Error(
      `The browser test needs Debian's Chromium at ${ChromiumPath}, which is missing: install it with ` +
        "`apt-get install -y chromium` (.ci/run does).",
    )
  }
  await mkdir(artifacts, { recursive: true })
  // The page loads the softphone from the Vite build: built from the current sources, unless it already was.
  await buildSoftphoneOnce()
  // An empty environment: the defaults a fresh `start` has (demo password, limiters on), on a free port.
  playground = await startPlayground({ port: 0, env: {} })
  browser = await chromium.launch({ executablePath: ChromiumPath, args: ChromiumArgs })
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  page.setDefaultTimeout(15_000)
  page.on("pageerror", (error) => browserProblems.push(`page error: ${error.message}`))
  page.on("requestfinished", async (request) => {
    const status = (await request.response())?.status() ?? 0
    if (status >= 400) browserProblems.push(`HTTP ${status}: ${request.url()}`)
  })
  page.on("console", (message) => {
    // The browser asks for /favicon.ico by itself: the pages do not link one.
    const url = message.location().url
    if (message.type() === "error" && !url.endsWith("/favicon.ico")) {
      browserProblems.push(`console error: ${message.text()} (${url})`)
    }
  })
}, budget60s)

afterAll(async () => {
  await browser?.close()
  await playground?.close()
})

describe("the playground in a browser", { timeout: scaled(60_000) }, () => {
  let outbound: { interactionId: string; activityId: string }

  it("signs OKP/mos.def in and shows the CRM beside the softphone", async () => {
    await signIn("OKP/mos.def", "password", "01-sign-in")
    await expect.poll(() => crm().url()).toContain("/OnDemand/user/Communications")
    await softphone().getByRole("button", { name: "Connect" }).click()
    await softphoneCard("CTI connection").getByText("Connected", { exact: true }).waitFor()
    await screenshot("02-workspace")
  })

  it("logs an inbound call from Fred Hong's number and pops his contact in the CRM", async () => {
    const simulate = softphoneCard("Simulate an inbound interaction")
    expect(await simulate.getByLabel("Channel").inputValue()).toBe("Call")
    expect(await simulate.getByLabel("From (customer)").inputValue()).toBe(FredHong.phone)
    await simulate.getByRole("button", { name: "Simulate" }).click()

    const result = softphoneCard("Last result")
    await result.getByText(`Inbound Call from ${FredHong.phone}`).waitFor()
    expect(await result.locator("dl").textContent()).toContain(`${FredHong.name} (${FredHong.id})`)
    await crm().waitForURL(`**/ContactDetail?id=${FredHong.id}`)
    await crm().getByRole("heading", { level: 1, name: FredHong.name }).waitFor()
    await softphoneCard("Active interactions").getByText("Inbound Call", { exact: true }).waitFor()
    await screenshot("03-inbound-call-screen-pop")
  })

  it("starts an outbound call from a record's Click-to-Dial link, associated with that record", async () => {
    await crm().getByRole("link", { name: "Records" }).click()
    await crm().getByRole("link", { name: Acme.name }).first().click()
    await crm().waitForURL(`**/AccountDetail?id=${Acme.id}`)
    const link = crm().locator(`main [data-cti-action="clickToDial"][data-cti-phone-number="${Acme.digits}"]`).first()
    expect(await link.getAttribute("data-cti-record-type")).toBe("Account")
    expect(await link.getAttribute("data-cti-record-id")).toBe(Acme.id)
    await link.click()

    // The result card names the record the call was dialled from, and CTIActivityInsert associated it.
    const result = softphoneCard("Last result")
    await result.getByText(`Outbound Call to +${Acme.digits}`).waitFor()
    await result.getByText(`Dialled from Account ${Acme.id}`).waitFor()
    expect(await result.locator("dl").textContent()).toContain(`${Acme.name} (${Acme.id})`)
    outbound = {
      interactionId: await detail(result, "Interaction"),
      activityId: await detail(result, "Activity"),
    }

    // The screen pop reloads the account, whose activities list the call; its activity page names the account.
    await crm()
      .getByRole("link", { name: `Outbound Call ${outbound.interactionId}` })
      .first()
      .click()
    await crm().waitForURL(`**/ActivityDetail?id=${outbound.activityId}`)
    await crm().getByRole("link", { name: Acme.name }).first().waitFor()
    const stored = await Effect.runPromise(
      Effect.option(running().emulator.queries.activity({ signInId: "OKP/mos.def" }, outbound.activityId)),
    )
    expect(Option.getOrThrow(stored)).toMatchObject({ subtype: "Outbound Call", accountId: Acme.id })
    await screenshot("04-click-to-dial")
  })

  it("opens the wrap-up page on hang-up and completes the interaction when the agent saves it", async () => {
    const active = softphoneCard("Active interactions")
    await active.getByRole("button", { name: `Hang up Outbound Call ${outbound.interactionId}` }).click()
    await active.getByText("Wrap-up", { exact: true }).waitFor()

    await crm().waitForURL(`**/ActivityWrapUp?id=${outbound.activityId}`)
    await crm().getByLabel("Notes").fill(Notes)
    await crm().getByLabel("Call Result").selectOption("Resolved")
    await screenshot("05-wrap-up")
    // The softphone completes the interaction on the Save click itself (the control it watches), while the form's
    // POST is still on its way: the store is read once the CRM has saved and gone back to the activity's page.
    await Promise.all([
      crm().waitForURL(`**/ActivityDetail?id=${outbound.activityId}&saved=ok`),
      crm().locator("#CTIWrapUp_Save").click(),
    ])
    await softphoneCard("Completed").getByText("Outbound Call", { exact: true }).waitFor()
    const stored = Option.getOrThrow(
      await Effect.runPromise(
        Effect.option(running().emulator.queries.activity({ signInId: "OKP/mos.def" }, outbound.activityId)),
      ),
    )
    expect(stored).toMatchObject({ wrapUpNotes: Notes, callResult: "Resolved" })
    expect(stored.wrappedUpAt).toBeDefined()
  })

  it("lists the wrapped-up call as completed on the Call subtab of the Communications tab", async () => {
    await crm().getByRole("link", { name: "Communications" }).click()
    await crm().waitForURL("**/OnDemand/user/Communications**")
    const completed = crm().locator("#completed-interactions")
    await completed.getByText(outbound.interactionId).waitFor()
    // The inbound call is still going on: it is current, the outbound call is not.
    await expect.poll(() => crm().locator("#current-interactions").textContent()).not.toContain(outbound.interactionId)
    await softphoneCard("Completed").scrollIntoViewIfNeeded()
    await screenshot("06-communications-completed")
  })

  it("shows OKP/call.agent the Call subtab and no Chat subtab", async () => {
    // The CRM's header bar is the top of the workspace; its Sign out leaves the frame (target _top).
    await Promise.all([page.waitForURL("**/OnDemand/logon**"), crm().getByRole("button", { name: "Sign out" }).click()])
    await signIn("OKP/call.agent", "password")
    const subtabs = crm().getByRole("navigation", { name: "Communications" })
    await subtabs.getByRole("link", { name: "Call" }).waitFor()
    expect(await subtabs.getByRole("link").allTextContents()).toEqual(["Call"])
    expect(await crm().getByRole("link", { name: "Chat", exact: true }).count()).toBe(0)
    await screenshot("07-call-agent-no-chat")
  })

  // Checked before the faults below, whose HTTP 500 answers (SOAP 1.1 faults) the browser reports as errors.
  it("reports nothing wrong in the browser: no script error, no CSP violation, no failed request", () => {
    expect(browserProblems).toEqual([])
  })

  it("shows the service's faults with their message: a wrong password, then a channel the agent may not use", async () => {
    const connection = softphoneCard("CTI connection")
    const result = softphoneCard("Last result")
    const simulate = softphoneCard("Simulate an inbound interaction")
    await connection.getByLabel("Password").fill("not-the-password")
    await connection.getByRole("button", { name: "Connect" }).click()
    await simulate.getByRole("button", { name: "Simulate" }).click()
    await result.getByText("The security token could not be authenticated or authorized.").waitFor()
    await connection.getByText("Sign-in refused").waitFor()

    await connection.getByLabel("Password").fill("password")
    await connection.getByRole("button", { name: "Reconnect" }).click()
    await simulate.getByLabel("Channel").selectOption("Chat")
    expect(await simulate.getByLabel("From (customer)").inputValue()).toBe("jane.doe@acme.example")
    await simulate.getByRole("button", { name: "Simulate" }).click()
    await result.getByText("Access Denied").waitFor()
    await connection.getByText("Signed in").waitFor()
    await softphone()
      .getByRole("region", { name: "Event log" })
      .getByText(/Inbound Chat from .* failed: Access Denied/)
      .waitFor()
    await screenshot("08-faults")
  })
})
