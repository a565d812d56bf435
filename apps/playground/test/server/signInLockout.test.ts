import { DemoUsers } from "@crmod-cti/emulator"
import { describe, expect, it } from "vitest"
import { Browser } from "./support/Browser.js"
import { Password, usePlayground } from "./support/testPlayground.js"

const locking = usePlayground()
const unlocked = usePlayground({ CTI_LOCKOUT: "off" })
const refusal = "The user sign-in ID or password is incorrect."

const signIn = async (url: string, username: string, password: string) => {
  const user = new Browser(url)
  const page = await user.signIn(username, password)
  return { page, signedIn: user.cookies.has("crmod_session") }
}

describe("The sign-in page uses the emulator's lockout (CONTRACT §9)", () => {
  it("locks a user after 5 failed sign-ins in a row, with the answer of a wrong password or an unknown user", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await signIn(locking().url, DemoUsers.callAgent, "wrong")).page.status).toBe(401)
    }
    const locked = await signIn(locking().url, DemoUsers.callAgent, Password)
    const unknown = await signIn(locking().url, "OKP/nobody", Password)
    for (const { page, signedIn } of [locked, unknown]) {
      expect(page.status).toBe(401)
      expect(page.body).toContain(refusal)
      expect(signedIn).toBe(false)
    }
    // Another user is not locked.
    expect((await signIn(locking().url, DemoUsers.mosDef, Password)).signedIn).toBe(true)
  })

  it("locks nobody with CTI_LOCKOUT=off", async () => {
    for (let attempt = 0; attempt < 6; attempt++) await signIn(unlocked().url, DemoUsers.callAgent, "wrong")
    expect((await signIn(unlocked().url, DemoUsers.callAgent, Password)).signedIn).toBe(true)
  })
})
