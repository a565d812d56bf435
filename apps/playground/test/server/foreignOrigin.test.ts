import { DemoIds, DemoUsers } from "@crmod-cti/emulator"
import { Effect, Option } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { Browser, csrfOf, hiddenField } from "./support/Browser.js"
import { Password, usePlayground } from "./support/testPlayground.js"

const playground = usePlayground()
const roles = "/OnDemand/user/CtiPrivileges"
const evil = { origin: "https://evil.example" }

const privilegesOf = async (signInId: string) =>
  Option.getOrThrow(await Effect.runPromise(playground().emulator.administration.user(signInId))).privileges

let manager: Browser
beforeAll(async () => {
  manager = new Browser(playground().url)
  await manager.signIn(DemoUsers.mosDef, Password)
})

const grantCall = async (headers: Record<string, string>) =>
  manager.post(
    roles,
    [
      ["csrf", csrfOf(await manager.get(roles))],
      ["user", DemoUsers.noCti],
      ["privilege", "Access Call Communications"],
    ],
    headers,
  )

describe("A form that changes something is refused from another origin, even with its token (CONTRACT §9)", () => {
  it("refuses a privilege change whose Origin is another site, changing nothing", async () => {
    const page = await grantCall(evil)
    expect(page.status).toBe(403)
    expect(page.body).toContain("did not come from this site")
    expect(await privilegesOf(DemoUsers.noCti)).toEqual([])
  })

  it("refuses an Origin of the same host on another port or scheme, and the opaque origin null", async () => {
    const { host, port } = new URL(playground().url)
    for (const origin of [`http://${host.replace(port, String(Number(port) + 1))}`, `https://${host}`, "null"]) {
      expect((await grantCall({ origin })).status, origin).toBe(403)
    }
    expect(await privilegesOf(DemoUsers.noCti)).toEqual([])
  })

  it("refuses a sign-in, a sign-out and a wrap-up from another origin", async () => {
    const visitor = new Browser(playground().url)
    const logon = await visitor.get("/OnDemand/logon")
    const signIn = await visitor.post(
      "/OnDemand/logon",
      { csrf: csrfOf(logon), next: hiddenField(logon, "next"), username: DemoUsers.mosDef, password: Password },
      evil,
    )
    expect(signIn.status).toBe(403)
    expect(visitor.cookies.has("crmod_session")).toBe(false)

    const wrapUp = `/OnDemand/user/ActivityWrapUp?id=${DemoIds.sampleCall}`
    const saved = await manager.post(
      wrapUp,
      { csrf: csrfOf(await manager.get(wrapUp)), notes: "x", callResult: "" },
      evil,
    )
    expect(saved.status).toBe(403)

    const out = await manager.post("/OnDemand/logoff", { csrf: csrfOf(await manager.get(roles)) }, evil)
    expect(out.status).toBe(403)
    expect((await manager.get("/")).status).toBe(200)
  })

  it("takes the same form from this origin, or without Origin on its token alone", async () => {
    expect((await grantCall({ origin: playground().url })).status).toBe(303)
    expect(await privilegesOf(DemoUsers.noCti)).toEqual(["Access Call Communications"])
    const revoke = await manager.post(roles, [
      ["csrf", csrfOf(await manager.get(roles))],
      ["user", DemoUsers.noCti],
    ])
    expect(revoke.status).toBe(303)
    expect(await privilegesOf(DemoUsers.noCti)).toEqual([])
  })
})

describe("The CTICommand servlet only navigates: any origin, GET or POST, no token (CONTRACT §7)", () => {
  it("screen-pops for a CTI application on another origin", async () => {
    const location = `/OnDemand/user/ContactDetail?id=${DemoIds.fredHong}`
    const body = `Command=ScreenPop&Record%20Type=Contact&Record%20Id=${DemoIds.fredHong}`
    const posted = await manager.postRaw("/OnDemand/user/CTICommand", body, undefined, { origin: "http://cti.example" })
    expect(posted.status).toBe(302)
    expect(posted.location).toBe(location)
    const got = await manager.get(`/OnDemand/user/CTICommand?${body}`, { origin: "http://cti.example" })
    expect(got.location).toBe(location)
  })
})

describe("The CTI Web service takes only SOAP's content types: a cross-site form cannot post to it (CONTRACT §9)", () => {
  it("answers 415 to text/plain, with the demo password in the body, and processes nothing", async () => {
    const envelope = `<Envelope><Header><Security><UsernameToken><Username>${DemoUsers.mosDef}</Username><Password>${Password}</Password></UsernameToken></Security></Header><Body/></Envelope>`
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded"]) {
      const answer = await manager.postRaw("/Services/Integration", envelope, contentType, evil)
      expect(answer.status, contentType).toBe(415)
      expect(answer.body).toContain("Client")
    }
  })
})
