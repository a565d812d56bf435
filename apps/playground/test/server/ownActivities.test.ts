import { DemoIds, DemoUsers } from "@crmod-cti/emulator"
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { Browser, csrfOf } from "./support/Browser.js"
import { Password, usePlayground } from "./support/testPlayground.js"

const playground = usePlayground()
// OKP/mos.def's call of the demo tenant; OKP/call.agent may access calls, but it is not theirs.
const wrapUp = `/OnDemand/user/ActivityWrapUp?id=${DemoIds.sampleCall}`

const activity = () =>
  Effect.runPromise(playground().emulator.queries.activity({ signInId: DemoUsers.mosDef }, DemoIds.sampleCall))

let owner: Browser
let callAgent: Browser
beforeAll(async () => {
  owner = new Browser(playground().url)
  await owner.signIn(DemoUsers.mosDef, Password)
  callAgent = new Browser(playground().url)
  await callAgent.signIn(DemoUsers.callAgent, Password)
})

describe("Agents stay apart: the wrap-up page and its Save are the owner's only (CONTRACT §9)", () => {
  it("refuses another agent's activity on the wrap-up page with 403, showing none of its notes", async () => {
    const page = await callAgent.get(wrapUp)
    expect(page.status).toBe(403)
    expect(page.body).toContain("Access Denied")
    expect(page.body).not.toContain('id="wrapup-notes"')
  })

  it("refuses another agent's Save with 403, changing nothing", async () => {
    const before = await activity()
    const saved = await callAgent.post(wrapUp, {
      csrf: csrfOf(await callAgent.get("/OnDemand/user/Records")),
      notes: "Overwritten by another agent",
      callResult: "Resolved",
    })
    expect(saved.status).toBe(403)
    expect(await activity()).toEqual(before)
  })

  it("lets the owner wrap it up", async () => {
    const form = await owner.get(wrapUp)
    expect(form.status).toBe(200)
    const saved = await owner.post(wrapUp, { csrf: csrfOf(form), notes: "Mine", callResult: "Resolved" })
    expect(saved.status).toBe(303)
    expect((await activity()).wrapUpNotes).toBe("Mine")
  })
})
