import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { type CrmServer, scaled, startCrmServer } from "@crmod-cti/testing"
import { type Browser, chromium } from "playwright-core"
import { afterAll, beforeAll, expect, it } from "vitest"
import { bundleForBrowser, pageOfOrigin } from "./helpers/browser.js"

const ChromiumPath = "/usr/bin/chromium"

let server: CrmServer
let browser: Browser

beforeAll(async () => {
  if (!existsSync(ChromiumPath)) throw new Error(`The browser test needs Debian's Chromium at ${ChromiumPath}`)
  server = await startCrmServer({ emulator: { lockout: false } })
  browser = await chromium.launch({ executablePath: ChromiumPath, args: ["--headless", "--no-sandbox"] })
}, scaled(30_000))
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/**
 * The browser outbox in Chromium: the README's example as it stands, and what a full disk does. (The softphone's
 * reload during an outage and its two tabs are the playground's browser tests.)
 */
it("runs the README's browser example in Chromium as it stands, printing what its comments say", async () => {
  const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8")
  const code = await bundleForBrowser(/## In a browser\n\n```ts browser\n([\s\S]*?)```/.exec(readme)?.[1] ?? "")
  const { context, lines, run } = await pageOfOrigin(browser, server.url)
  await run(code)
  await expect.poll(() => lines.at(-1), { timeout: scaled(10_000) }).toBe("true 0 1")
  expect(lines).toEqual(["true", "Fred Hong", "true 0 1"])
  await context.close()
})

it("rejects an enqueue the storage quota refuses, naming it, and stores none of its interactions", async () => {
  const { context, lines, run } = await pageOfOrigin(browser, server.url)
  await run(
    await bundleForBrowser(`
      import { openBrowserOutbox } from "@crmod-cti/outbox/browser"
      const outbox = await openBrowserOutbox({
        endpoint: location.origin + "/Services/Integration",
        username: "OKP/mos.def",
        password: "password",
      })
      // The disk full at the second interaction of three: IndexedDB refuses the write as it would then.
      const add = IDBObjectStore.prototype.add
      let adds = 0
      IDBObjectStore.prototype.add = function (...args) {
        if (++adds === 2) throw new DOMException("The quota has been exceeded.", "QuotaExceededError")
        return add.apply(this, args)
      }
      const calls = [1, 2, 3].map((n) => ({ InteractionId: "full-" + n, AgentOfferTime: 1700000000, ChannelType: "Inbound Call" }))
      const error = await outbox.enqueueInsert(calls).catch((error) => error)
      IDBObjectStore.prototype.add = add
      console.log(JSON.stringify({ tag: error._tag, reason: error.reason, message: error.message }))
      console.log(JSON.stringify({ adds, pending: await outbox.pending() }))
      await outbox.close()
      console.log("closed")
    `),
  )
  await expect.poll(() => lines.at(-1), { timeout: scaled(10_000) }).toBe("closed")
  expect(lines.map((line) => (line.startsWith("{") ? JSON.parse(line) : line))).toEqual([
    {
      tag: "OutboxError",
      reason: "QuotaExceeded",
      message: "The browser's storage quota for this site is used up: the outbox could not store the interactions",
    },
    { adds: 2, pending: 0 },
    "closed",
  ])
  await context.close()
})
