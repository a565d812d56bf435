import { DemoIds, DemoUsers, DemoValues } from "@crmod-cti/emulator"
import { Effect, Option } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { attributeOf, Browser, csrfOf, type Page, tagsWith } from "./support/Browser.js"
import { Password, usePlayground } from "./support/testPlayground.js"

const playground = usePlayground()

let agent: Browser
beforeAll(async () => {
  agent = new Browser(playground().url)
  await agent.signIn(DemoUsers.mosDef, Password)
})

const dialLinks = (page: Page) => tagsWith(page, "data-cti-action").filter((tag) => tag.includes('"clickToDial"'))
const buttonActions = (page: Page) =>
  tagsWith(page, "data-cti-action")
    .filter((tag) => tag.startsWith("<button"))
    .map((tag) => attributeOf(tag, "data-cti-action"))

describe("Every phone number is a Click-to-Dial link with the contract's data-cti-* attributes (CONTRACT §8)", () => {
  it("on Fred Hong's detail page", async () => {
    const page = await agent.get(`/OnDemand/user/ContactDetail?id=${DemoIds.fredHong}`)
    expect(page.status).toBe(200)
    const [link, ...others] = dialLinks(page)
    expect(others).toEqual([])
    expect(link).toBe(
      `<a class="phone" href="tel:+15551111212" data-cti-action="clickToDial" data-cti-phone-number="15551111212" ` +
        `data-cti-phone-countrycode="1" data-cti-record-type="Contact" data-cti-record-id="${DemoIds.fredHong}">`,
    )
    expect(page.body).toContain(`>${DemoValues.fredHongWorkPhone}</a>`)
  })

  it.each([
    ["ContactDetail", DemoIds.janeDoe, "Contact", 3],
    ["AccountDetail", DemoIds.acme, "Account", 1],
    ["LeadDetail", DemoIds.mariaGarcia, "Lead", 2],
  ] as const)("on the %s page: every number, for the record", async (page, id, type, count) => {
    const links = dialLinks(await agent.get(`/OnDemand/user/${page}?id=${id}`))
    expect(links).toHaveLength(count)
    for (const link of links) {
      expect(attributeOf(link, "data-cti-record-type")).toBe(type)
      expect(attributeOf(link, "data-cti-record-id")).toBe(id)
      expect(attributeOf(link, "data-cti-phone-number")).toMatch(/^1555\d{7}$/)
      expect(attributeOf(link, "href")).toBe(`tel:+${attributeOf(link, "data-cti-phone-number")}`)
    }
  })

  it("on the Records page, for each record's numbers", async () => {
    const links = dialLinks(await agent.get("/OnDemand/user/Records"))
    const records = new Set(links.map((link) => attributeOf(link, "data-cti-record-id")))
    expect(records).toEqual(
      new Set([
        DemoIds.fredHong,
        DemoIds.janeDoe,
        DemoIds.patJones,
        DemoIds.chrisJones,
        DemoIds.acme,
        DemoIds.mariaGarcia,
      ]),
    )
  })

  it("for an interaction's phone number, shown with its activity", async () => {
    const [result] = await Effect.runPromise(
      playground()
        .emulator.serviceFor(DemoUsers.mosDef)
        .insert([
          {
            InteractionId: "dial-1",
            AgentOfferTime: 1_700_000_000,
            ChannelType: "Inbound Call",
            Origin: "+44 20 7946 0000",
          },
        ]),
    )
    const links = dialLinks(await agent.get(`/OnDemand/user/ActivityDetail?id=${result?.ActivityId}`))
    expect(links).toHaveLength(1)
    expect(attributeOf(links[0] ?? "", "data-cti-phone-countrycode")).toBe("44")
    expect(attributeOf(links[0] ?? "", "data-cti-record-type")).toBe("Activity")
  })
})

describe("Detail pages of every record type, with their related records and activities", () => {
  it("shows a service request's contact and account", async () => {
    const page = await agent.get(`/OnDemand/user/ServiceRequestDetail?id=${DemoIds.damagedWidget}`)
    expect(page.body).toContain(DemoValues.serviceRequestNumber)
    expect(page.body).toContain(`<a href="/OnDemand/user/ContactDetail?id=${DemoIds.janeDoe}">Jane Doe</a>`)
    expect(page.body).toContain(`<a href="/OnDemand/user/AccountDetail?id=${DemoIds.acme}">Acme Corporation</a>`)
  })

  it("shows a contact's account, an opportunity's account and a campaign's source code", async () => {
    const account = `<a href="/OnDemand/user/AccountDetail?id=${DemoIds.acme}">Acme Corporation</a>`
    expect((await agent.get(`/OnDemand/user/ContactDetail?id=${DemoIds.janeDoe}`)).body).toContain(account)
    expect((await agent.get(`/OnDemand/user/OpportunityDetail?id=${DemoIds.acmeRenewal}`)).body).toContain(account)
    expect((await agent.get(`/OnDemand/user/CampaignDetail?id=${DemoIds.springPromotion}`)).body).toContain(
      DemoValues.campaignSourceCode,
    )
  })

  it("lists the activities associated with a record, linked", async () => {
    const [result] = await Effect.runPromise(
      playground()
        .emulator.serviceFor(DemoUsers.mosDef)
        .insert([
          {
            InteractionId: "related-1",
            AgentOfferTime: 1_700_000_000,
            ChannelType: "Inbound Call",
            Origin: DemoValues.acmeMainPhone,
          },
        ]),
    )
    const page = await agent.get(`/OnDemand/user/AccountDetail?id=${DemoIds.acme}`)
    expect(page.body).toContain(
      `<a href="/OnDemand/user/ActivityDetail?id=${result?.ActivityId}">Inbound Call related-1</a>`,
    )
  })

  it("hides the activities of channels the user may not access", async () => {
    await Effect.runPromise(
      playground()
        .emulator.serviceFor(DemoUsers.mosDef)
        .insert([
          {
            InteractionId: "related-chat",
            AgentOfferTime: 1_700_000_000,
            ChannelType: "Inbound Chat",
            Origin: DemoValues.mariaGarciaEmail,
          },
        ]),
    )
    const callAgent = new Browser(playground().url)
    await callAgent.signIn(DemoUsers.callAgent, Password)
    const page = await callAgent.get(`/OnDemand/user/LeadDetail?id=${DemoIds.mariaGarcia}`)
    expect(page.body).not.toContain("related-chat")
    expect(page.body).toContain("1 activities of channels you have no access to are not shown.")
  })

  it("answers 400 naming id without one, and 404 for an unknown id", async () => {
    const missing = await agent.get("/OnDemand/user/LeadDetail")
    expect(missing.status).toBe(400)
    expect(missing.body).toContain('<code class="parameter">id</code>')
    expect((await agent.get("/OnDemand/user/CampaignDetail?id=1QA2-NOPE")).status).toBe(404)
    expect((await agent.get("/OnDemand/user/ActivityDetail?id=1QA2-NOPE")).status).toBe(404)
  })
})

describe("Activity pages carry the channel's CTI buttons (oracle-facts, CONTRACT §8)", () => {
  it.each([
    [DemoIds.sampleCall, ["openHistory"]],
    [DemoIds.sampleChat, ["openChat", "openHistory"]],
    [DemoIds.sampleEmail, ["openEmail", "reassignEmail", "openHistory"]],
    [DemoIds.sampleVoicemail, ["openVmail", "vmailOnPhone", "reassignVmail", "openHistory"]],
  ])("activity %s: %j", async (id, actions) => {
    const page = await agent.get(`/OnDemand/user/ActivityDetail?id=${id}`)
    expect(buttonActions(page)).toEqual(actions)
    for (const button of tagsWith(page, "data-cti-action").filter((tag) => tag.startsWith("<button"))) {
      expect(attributeOf(button, "data-cti-interactionId")).toMatch(/^10000000000[0-3]$/)
    }
  })

  it("refuses an activity of a channel the user may not access", async () => {
    const callAgent = new Browser(playground().url)
    await callAgent.signIn(DemoUsers.callAgent, Password)
    for (const path of [`ActivityDetail?id=${DemoIds.sampleEmail}`, `ActivityWrapUp?id=${DemoIds.sampleVoicemail}`]) {
      const page = await callAgent.get(`/OnDemand/user/${path}`)
      expect(page.status).toBe(403)
      expect(page.body).toContain("Access Denied")
    }
  })
})

describe("The wrap-up page: notes, call result and the endWrapUp Save button (CONTRACT §7)", () => {
  const insertCall = async (interactionId: string) => {
    const [result] = await Effect.runPromise(
      playground()
        .emulator.serviceFor(DemoUsers.mosDef)
        .insert([{ InteractionId: interactionId, AgentOfferTime: 1_700_000_000, ChannelType: "Inbound Call" }]),
    )
    return result?.ActivityId ?? ""
  }

  it("has the Save button the CTI application watches", async () => {
    const page = await agent.get(`/OnDemand/user/ActivityWrapUp?id=${DemoIds.sampleCall}`)
    expect(page.body).toContain(
      '<button type="submit" class="button button-primary" id="CTIWrapUp_Save" data-cti-action="endWrapUp" data-cti-interactionId="100000000000">Save</button>',
    )
    expect(page.body).toContain('<textarea name="notes"')
    for (const result of ["Resolved", "Callback Requested", "Escalated", "No Answer", "Left Message", "Wrong Number"]) {
      expect(page.body).toContain(`<option value="${result}">${result}</option>`)
    }
  })

  it("saves the notes and call result, wraps the activity up, and confirms on its page", async () => {
    const id = await insertCall("wrap-1")
    const form = await agent.get(`/OnDemand/user/ActivityWrapUp?id=${id}`)
    const saved = await agent.post(`/OnDemand/user/ActivityWrapUp?id=${id}`, {
      csrf: csrfOf(form),
      notes: "Asked about the renewal.",
      callResult: "Callback Requested",
    })
    expect(saved.status).toBe(303)
    expect(saved.location).toBe(`/OnDemand/user/ActivityDetail?id=${id}&saved=ok`)
    const page = await agent.follow(saved)
    expect(page.body).toContain("Wrap-up saved. The interaction is complete.")
    const activity = Option.getOrThrow(
      await Effect.runPromise(
        Effect.option(playground().emulator.queries.activity({ signInId: DemoUsers.mosDef }, id)),
      ),
    )
    expect(activity.wrapUpNotes).toBe("Asked about the renewal.")
    expect(activity.callResult).toBe("Callback Requested")
    expect(activity.wrappedUpAt).toBeTypeOf("number")

    const again = await agent.post(`/OnDemand/user/ActivityWrapUp?id=${id}`, {
      csrf: csrfOf(form),
      notes: "Updated.",
      callResult: "Resolved",
    })
    expect(again.location).toBe(`/OnDemand/user/ActivityDetail?id=${id}&saved=already`)
  })

  it("refuses a call result outside the list and notes over the limit, saving nothing", async () => {
    const id = await insertCall("wrap-2")
    const form = await agent.get(`/OnDemand/user/ActivityWrapUp?id=${id}`)
    for (const fields of [
      { notes: "", callResult: "Sold a yacht" },
      { notes: "x".repeat(4001), callResult: "Resolved" },
    ]) {
      const page = await agent.post(`/OnDemand/user/ActivityWrapUp?id=${id}`, { csrf: csrfOf(form), ...fields })
      expect(page.status).toBe(400)
      expect(page.body).toContain('class="notice notice-error"')
    }
    const activity = Option.getOrThrow(
      await Effect.runPromise(
        Effect.option(playground().emulator.queries.activity({ signInId: DemoUsers.mosDef }, id)),
      ),
    )
    expect(activity.wrappedUpAt).toBeUndefined()
  })

  it("refuses a save without the session's CSRF token, saving nothing", async () => {
    const id = await insertCall("wrap-3")
    const page = await agent.post(`/OnDemand/user/ActivityWrapUp?id=${id}`, { notes: "x", callResult: "" })
    expect(page.status).toBe(403)
    const activity = Option.getOrThrow(
      await Effect.runPromise(
        Effect.option(playground().emulator.queries.activity({ signInId: DemoUsers.mosDef }, id)),
      ),
    )
    expect(activity.wrappedUpAt).toBeUndefined()
  })
})
