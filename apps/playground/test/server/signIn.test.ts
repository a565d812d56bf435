import { DemoUsers } from "@crmod-cti/emulator"
import { describe, expect, it } from "vitest"
import { Browser, csrfOf, hiddenField } from "./support/Browser.js"
import { Password, usePlayground } from "./support/testPlayground.js"

const playground = usePlayground()
const browser = () => new Browser(playground().url)

describe("Pages that need a session send the user to sign in, and back (CONTRACT §2)", () => {
  it("redirects to the sign-in page with next", async () => {
    const page = await browser().get("/OnDemand/user/Communications?subtab=Call")
    expect(page.status).toBe(302)
    expect(page.location).toBe(
      `/OnDemand/logon?next=${encodeURIComponent("/OnDemand/user/Communications?subtab=Call")}`,
    )
  })

  it("signs in with the form fields username and password, and goes to next", async () => {
    const user = browser()
    const signedIn = await user.signIn(DemoUsers.mosDef, Password, "/OnDemand/user/Records")
    expect(signedIn.status).toBe(303)
    expect(signedIn.location).toBe("/OnDemand/user/Records")
    const records = await user.follow(signedIn)
    expect(records.status).toBe(200)
    expect(records.body).toContain("Fred Hong")
    expect(records.body).toContain(DemoUsers.mosDef)
  })

  it("keeps the next parameter of the sign-in page in its form", async () => {
    const logon = await browser().get("/OnDemand/logon?next=%2FOnDemand%2Fuser%2FRecords")
    expect(hiddenField(logon, "next")).toBe("/OnDemand/user/Records")
  })

  it("never redirects to another site through next", async () => {
    for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      const signedIn = await browser().signIn(DemoUsers.mosDef, Password, next)
      expect(signedIn.location, next).toBe("/")
    }
  })

  it("refuses a wrong password or an unknown user, without a session", async () => {
    for (const [username, password] of [
      [DemoUsers.mosDef, "wrong"],
      ["OKP/nobody", Password],
    ] as const) {
      const user = browser()
      const page = await user.signIn(username, password)
      expect(page.status).toBe(401)
      expect(page.body).toContain("The user sign-in ID or password is incorrect.")
      expect(user.cookies.has("crmod_session")).toBe(false)
    }
  })

  it("sends a signed-in user from the sign-in page to next", async () => {
    const user = browser()
    await user.signIn(DemoUsers.mosDef, Password)
    const page = await user.get("/OnDemand/logon?next=%2FOnDemand%2Fuser%2FRecords")
    expect(page.status).toBe(303)
    expect(page.location).toBe("/OnDemand/user/Records")
  })
})

describe("The session cookie: random, HttpOnly, SameSite=Lax, Path=/", () => {
  it("is set at sign-in with those attributes and a 256-bit random id", async () => {
    const user = browser()
    const page = await user.signIn(DemoUsers.mosDef, Password)
    const cookie = page.headers.getSetCookie().find((value) => value.startsWith("crmod_session="))
    expect(cookie).toMatch(/^crmod_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/)
  })

  it("is a new id at every sign-in, whatever id the browser had (no session fixation)", async () => {
    const planted = "P".repeat(43)
    const ids = new Set<string | undefined>([planted])
    for (let attempt = 0; attempt < 3; attempt++) {
      const user = browser()
      user.cookies.set("crmod_session", planted)
      await user.signIn(DemoUsers.mosDef, Password)
      ids.add(user.cookies.get("crmod_session"))
    }
    expect(ids.size).toBe(4)
  })

  it("means nothing when forged", async () => {
    const user = browser()
    user.cookies.set("crmod_session", "A".repeat(43))
    expect((await user.get("/")).status).toBe(302)
  })
})

describe("Sign-out is a POST with the session's CSRF token", () => {
  it("ends the session and removes the cookie", async () => {
    const user = browser()
    await user.signIn(DemoUsers.mosDef, Password)
    const page = await user.get("/OnDemand/user/Communications")
    const session = user.cookies.get("crmod_session")
    const out = await user.signOut(page)
    expect(out.status).toBe(303)
    expect(out.location).toBe("/OnDemand/logon")
    expect(user.cookies.has("crmod_session")).toBe(false)
    // The old id does not come back to life either.
    user.cookies.set("crmod_session", session ?? "")
    expect((await user.get("/")).status).toBe(302)
  })

  it("keeps the session when the token is missing or wrong", async () => {
    const user = browser()
    await user.signIn(DemoUsers.mosDef, Password)
    const page = await user.get("/OnDemand/user/Communications")
    for (const csrf of ["", `${csrfOf(page)}x`]) {
      const out = await user.post("/OnDemand/logoff", { csrf })
      expect(out.status).toBe(403)
      expect(out.body).toContain("Form Expired")
    }
    expect((await user.get("/")).status).toBe(200)
  })
})

describe("The sign-in form is protected from login CSRF by a pre-session cookie", () => {
  it("sets the cookie with the form's token", async () => {
    const user = browser()
    const logon = await user.get("/OnDemand/logon")
    const cookie = logon.headers.getSetCookie().find((value) => value.startsWith("crmod_logon_csrf="))
    expect(cookie).toMatch(/; Path=\/; HttpOnly; SameSite=Lax$/)
    expect(user.cookies.get("crmod_logon_csrf")).toBe(csrfOf(logon))
  })

  it("refuses a sign-in without the cookie, or with another token, and signs nobody in", async () => {
    const forger = browser()
    const forged = await forger.post("/OnDemand/logon", { csrf: "x", username: DemoUsers.mosDef, password: Password })
    expect(forged.status).toBe(403)
    expect(forger.cookies.has("crmod_session")).toBe(false)

    const user = browser()
    await user.get("/OnDemand/logon")
    const mismatched = await user.post("/OnDemand/logon", {
      csrf: "A".repeat(43),
      username: DemoUsers.mosDef,
      password: Password,
    })
    expect(mismatched.status).toBe(403)
    expect(mismatched.body).toContain("The sign-in form expired.")
    expect(user.cookies.has("crmod_session")).toBe(false)
  })
})
