import { Privileges } from "@crmod-cti/core"
import { DemoUsers } from "@crmod-cti/emulator"
import { Effect, Option } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { Browser, csrfOf } from "./support/Browser.js"
import { Password, usePlayground } from "./support/testPlayground.js"

const playground = usePlayground()
const admin = "/OnDemand/user/WebServicesAdmin"
const roles = "/OnDemand/user/CtiPrivileges"
const wsdl = "/Services/Integration/CTIActivity?wsdl"

const signedIn = async (user: string) => {
  const browser = new Browser(playground().url)
  await browser.signIn(user, Password)
  return browser
}

const privilegesOf = async (signInId: string) =>
  Option.getOrThrow(await Effect.runPromise(playground().emulator.administration.user(signInId))).privileges

let manager: Browser
let callAgent: Browser
beforeAll(async () => {
  manager = await signedIn(DemoUsers.mosDef)
  callAgent = await signedIn(DemoUsers.callAgent)
})

describe("Administration is for users with Manage CTI On Demand Access", () => {
  it("shows them the Administration tab and pages", async () => {
    const page = await manager.get(admin)
    expect(page.status).toBe(200)
    expect(page.body).toContain(`<a href="${admin}" aria-current="page" class="current">Administration</a>`)
    expect((await manager.get(roles)).status).toBe(200)
  })

  it("answers 403 Access Denied to anybody else, and hides the tab", async () => {
    for (const user of [callAgent, await signedIn(DemoUsers.noCti)]) {
      for (const path of [admin, roles]) {
        const page = await user.get(path)
        expect(page.status).toBe(403)
        expect(page.body).toContain("Access Denied")
      }
      expect((await user.get("/OnDemand/user/Records")).body).not.toContain(`href="${admin}"`)
    }
  })

  it("refuses a privilege change by anybody else", async () => {
    const page = await callAgent.get("/OnDemand/user/Records")
    const change = await callAgent.post(roles, [
      ["csrf", csrfOf(page)],
      ["user", DemoUsers.callAgent],
      ["privilege", "Manage CTI On Demand Access"],
    ])
    expect(change.status).toBe(403)
    expect(await privilegesOf(DemoUsers.callAgent)).not.toContain("Manage CTI On Demand Access")
  })
})

describe("The WSDL is downloaded from the Web Services Administration page, with the session", () => {
  it("links the CTI Activity service's WSDL", async () => {
    const page = await manager.get(admin)
    expect(page.body).toContain("CTI Activity")
    expect(page.body).toContain(`href="${wsdl}" download="CTIActivity.wsdl">Download WSDL</a>`)
  })

  it("serves it to the session of a user with Manage CTI On Demand Access, addressed to this server", async () => {
    const download = await manager.get(wsdl)
    expect(download.status).toBe(200)
    expect(download.headers.get("content-type")).toBe("text/xml; charset=utf-8")
    expect(download.body).toContain(`location="${playground().url}/Services/Integration"`)
    expect(download.body).toContain("document/urn:crmondemand/ws/odctibs/ctiactivity/:CTIActivityInsert")
  })

  it("refuses it to other sessions and without one", async () => {
    expect((await callAgent.get(wsdl)).status).toBe(403)
    expect((await new Browser(playground().url).get(wsdl)).status).toBe(401)
  })
})

describe("The role page grants and revokes each CTI privilege, effective on the user's next request", () => {
  it("lists every user of the company with the five privileges", async () => {
    const page = await manager.get(roles)
    for (const user of Object.values(DemoUsers)) expect(page.body).toContain(`<tr data-user="${user}">`)
    for (const privilege of Privileges) expect(page.body).toContain(`<th scope="col">${privilege}</th>`)
  })

  it("grants Chat to the call agent, whose next page shows the Chat subtab, then revokes it", async () => {
    const tab = "/OnDemand/user/Communications"
    expect((await callAgent.get(tab)).body).not.toContain("subtab=Chat")

    const grant = await manager.post(roles, [
      ["csrf", csrfOf(await manager.get(roles))],
      ["user", DemoUsers.callAgent],
      ["privilege", "Access Call Communications"],
      ["privilege", "Access Chat Communications"],
    ])
    expect(grant.status).toBe(303)
    expect((await manager.follow(grant)).body).toContain(`Privileges of ${DemoUsers.callAgent} saved.`)
    expect((await callAgent.get(tab)).body).toContain("subtab=Chat")
    expect((await callAgent.get(`${tab}?subtab=Chat`)).status).toBe(200)

    await manager.post(roles, [
      ["csrf", csrfOf(await manager.get(roles))],
      ["user", DemoUsers.callAgent],
      ["privilege", "Access Call Communications"],
    ])
    expect((await callAgent.get(`${tab}?subtab=Chat`)).status).toBe(403)
    expect(await privilegesOf(DemoUsers.callAgent)).toEqual(["Access Call Communications"])
  })

  it("keeps the administrator's own Manage CTI On Demand Access", async () => {
    await manager.post(roles, [
      ["csrf", csrfOf(await manager.get(roles))],
      ["user", DemoUsers.mosDef],
      ["privilege", "Access Call Communications"],
    ])
    expect(await privilegesOf(DemoUsers.mosDef)).toEqual(["Access Call Communications", "Manage CTI On Demand Access"])
    await manager.post(roles, [
      ["csrf", csrfOf(await manager.get(roles))],
      ["user", DemoUsers.mosDef],
      ...Privileges.map((privilege) => ["privilege", privilege] as const),
    ])
    expect(await privilegesOf(DemoUsers.mosDef)).toEqual([...Privileges])
  })

  it("refuses an unknown privilege (400) or user (404), changing nothing", async () => {
    const before = await privilegesOf(DemoUsers.noCti)
    const unknownPrivilege = await manager.post(roles, [
      ["csrf", csrfOf(await manager.get(roles))],
      ["user", DemoUsers.noCti],
      ["privilege", "Access Fax Communications"],
    ])
    expect(unknownPrivilege.status).toBe(400)
    expect(unknownPrivilege.body).toContain('<code class="parameter">privilege</code>')
    const unknownUser = await manager.post(roles, [
      ["csrf", csrfOf(await manager.get(roles))],
      ["user", "OKP/nobody"],
    ])
    expect(unknownUser.status).toBe(404)
    expect(await privilegesOf(DemoUsers.noCti)).toEqual(before)
  })

  it("refuses a change without the session's CSRF token", async () => {
    const change = await manager.post(roles, [
      ["csrf", "forged"],
      ["user", DemoUsers.noCti],
      ["privilege", "Access Call Communications"],
    ])
    expect(change.status).toBe(403)
    expect(await privilegesOf(DemoUsers.noCti)).toEqual([])
  })
})
