import { DemoIds, DemoUsers } from "@crmod-cti/emulator"
import { scaled } from "@crmod-cti/testing"
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { Browser, type Page } from "./support/Browser.js"
import { Password, usePlayground } from "./support/testPlayground.js"

// The test's budget, only to catch a hang, scaled by CTI_TEST_TIMEOUT_SCALE like every other.
const budget60s = scaled(60_000)

const playground = usePlayground()
const Inserted = 150

/** The interaction ids of a list's rows, in the order shown. */
const rows = (page: Page, listId: string): Array<string> => {
  const start = page.body.indexOf(`id="${listId}"`)
  if (start < 0) return []
  const end = page.body.indexOf("</table>", start)
  return [...page.body.slice(start, end).matchAll(/data-interaction-id="([^"]+)"/g)].map((m) => m[1] ?? "")
}

/** The href of the list's link to the older page, if any. */
const olderLink = (page: Page, navId: string): string | undefined => {
  const start = page.body.indexOf(`id="${navId}"`)
  if (start < 0) return undefined
  const nav = page.body.slice(start, page.body.indexOf("</nav>", start))
  return /rel="next" href="([^"]+)"/.exec(nav)?.[1]?.replaceAll("&amp;", "&")
}

const ids = (from: number, to: number) =>
  Array.from({ length: from - to + 1 }, (_, index) => `paged-${String(from - index).padStart(3, "0")}`)

let agent: Browser
beforeAll(async () => {
  // 150 calls of OKP/mos.def on Fred Hong's record, five a request (the service's limit), oldest first.
  const service = playground().emulator.serviceFor(DemoUsers.mosDef)
  for (let first = 0; first < Inserted; first += 5) {
    await Effect.runPromise(
      service.insert(
        Array.from({ length: 5 }, (_, offset) => ({
          InteractionId: `paged-${String(first + offset).padStart(3, "0")}`,
          AgentOfferTime: 1_700_000_000,
          ChannelType: "Inbound Call" as const,
          AssociatedRecordType: "Contact" as const,
          AssociatedRecordId: DemoIds.fredHong,
        })),
      ),
    )
  }
  agent = new Browser(playground().url)
  await agent.signIn(DemoUsers.mosDef, Password)
}, budget60s)

describe("Every list shows at most 100 rows a page, newest first, with paging links (CONTRACT §9)", () => {
  it("a record's activities: the newest 100, then the next page from its link", async () => {
    const first = await agent.get(`/OnDemand/user/ContactDetail?id=${DemoIds.fredHong}`)
    expect(rows(first, "related-activities")).toEqual(ids(149, 50))
    const older = olderLink(first, "activity-pages")
    expect(older).toMatch(new RegExp(`^/OnDemand/user/ContactDetail\\?id=${DemoIds.fredHong}&before=\\d+$`))
    const second = await agent.get(older ?? "")
    expect(rows(second, "related-activities").slice(0, 50)).toEqual(ids(49, 0))
    expect(second.body).toContain(`rel="first" href="/OnDemand/user/ContactDetail?id=${DemoIds.fredHong}"`)
  })

  it("a Communications subtab: the newest 100 current calls, then the next page", async () => {
    const first = await agent.get("/OnDemand/user/Communications?subtab=Call")
    expect(rows(first, "current-interactions")).toEqual(ids(149, 50))
    const older = olderLink(first, "current-pages")
    expect(older).toMatch(/^\/OnDemand\/user\/Communications\?subtab=Call&currentBefore=\d+$/)
    expect(rows(await agent.get(older ?? ""), "current-interactions").slice(0, 50)).toEqual(ids(49, 0))
  })

  it("names a paging parameter that is not a page's position", async () => {
    for (const path of [
      `/OnDemand/user/ContactDetail?id=${DemoIds.fredHong}&before=-1`,
      "/OnDemand/user/Communications?subtab=Call&currentBefore=1.5",
      "/OnDemand/user/Records?type=Contact&before=x",
    ]) {
      const page = await agent.get(path)
      expect(page.status, path).toBe(400)
      expect(page.body).toMatch(/<code class="parameter">(before|currentBefore)<\/code>/)
    }
  })
})
