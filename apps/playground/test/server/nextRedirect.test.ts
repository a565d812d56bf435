import { DemoUsers } from "@crmod-cti/emulator"
import { describe, expect, it } from "vitest"
import { Browser } from "./support/Browser.js"
import { Password, usePlayground } from "./support/testPlayground.js"

const playground = usePlayground()
const browser = () => new Browser(playground().url)

describe("next of any characters is answered properly, percent-encoded (CONTRACT §9)", () => {
  it.each([
    ["/Ā", "/%C4%80"],
    ["/OnDemand/user/Records?q=日本", "/OnDemand/user/Records?q=%E6%97%A5%E6%9C%AC"],
    ["/a b", "/a%20b"],
  ])("signs in with next=%s, sends the session cookie, and redirects to %s", async (next, location) => {
    const user = browser()
    const signedIn = await user.signIn(DemoUsers.mosDef, Password, next)
    expect(signedIn.status).toBe(303)
    expect(signedIn.location).toBe(location)
    expect(user.cookies.has("crmod_session")).toBe(true)
    // Signed in already: the sign-in page sends the user on the same way.
    const again = await user.get(`/OnDemand/logon?next=${encodeURIComponent(next)}`)
    expect(again.location).toBe(location)
  })
})

describe("next stays on this server (CONTRACT §9)", () => {
  it.each([
    "//evil.example",
    "//evil.example/path",
    "/\\evil.example",
    "/..//evil.example",
    "/%2e%2e//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/\u0000//evil.example",
  ])("redirects next=%s to /", async (next) => {
    const signedIn = await browser().signIn(DemoUsers.mosDef, Password, next)
    expect(signedIn.status).toBe(303)
    expect(signedIn.location).toBe("/")
  })
})
