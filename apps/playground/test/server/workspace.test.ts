import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DemoUsers, DemoValues } from "@crmod-cti/emulator"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Browser, type Page } from "./support/Browser.js"
import { Password, usePlayground } from "./support/testPlayground.js"

// A stand-in for the softphone's Vite build, so these tests do not depend on it being built.
const built = mkdtempSync(join(tmpdir(), "softphone-"))
writeFileSync(join(built, "softphone.js"), "export const built = true\n")
writeFileSync(join(built, "softphone.css"), "#softphone { color: black }\n")
const missing = mkdtempSync(join(tmpdir(), "softphone-missing-"))
afterAll(() => {
  rmSync(built, { recursive: true, force: true })
  rmSync(missing, { recursive: true, force: true })
})

const withBundle = usePlayground({}, { softphoneDir: built })
const withoutBundle = usePlayground({ CTI_DEMO_PASSWORD: "s3cret-demo" }, { softphoneDir: missing })

let agent: Browser
beforeAll(async () => {
  agent = new Browser(withBundle().url)
  await agent.signIn(DemoUsers.mosDef, Password)
})

const softphoneConfig = (page: Page): unknown => {
  const match = /<script type="application\/json" id="softphone-config">([^<]*)<\/script>/.exec(page.body)
  return JSON.parse(match?.[1] ?? "null")
}

describe("The workspace at / puts the CRM in a frame beside the softphone", () => {
  it("frames the Communications tab, same origin, named crm", async () => {
    const page = await agent.get("/")
    expect(page.status).toBe(200)
    expect(page.body).toContain('<iframe name="crm" id="crm-frame" src="/OnDemand/user/Communications"')
    expect(page.body).toMatch(/<aside id="softphone"[^>]*><\/aside>/)
  })

  it("loads the softphone's bundle from /assets", async () => {
    const page = await agent.get("/")
    expect(page.body).toContain('<script type="module" src="/assets/softphone.js"></script>')
    expect(page.body).toContain('<link rel="stylesheet" href="/assets/softphone.css">')
  })

  it("tells the softphone where the services are, who is signed in, and what to pre-fill", async () => {
    const origin = withBundle().url
    expect(softphoneConfig(await agent.get("/"))).toEqual({
      endpoint: `${origin}/Services/Integration`,
      ctiBaseUrl: `${origin}/OnDemand`,
      signInId: DemoUsers.mosDef,
      demoPassword: Password,
      prefill: { phone: DemoValues.fredHongWorkPhone, email: DemoValues.janeDoeEmail },
    })
  })

  it("gives no password once CTI_DEMO_PASSWORD changed it", async () => {
    const user = new Browser(withoutBundle().url)
    await user.signIn(DemoUsers.mosDef, "s3cret-demo")
    expect(softphoneConfig(await user.get("/"))).toMatchObject({ signInId: DemoUsers.mosDef, demoPassword: null })
  })
})

describe("Files are served from /static and /assets with their content types, and nothing else", () => {
  it.each([
    ["/assets/softphone.js", "text/javascript; charset=utf-8"],
    ["/assets/softphone.css", "text/css; charset=utf-8"],
    ["/static/crm.css", "text/css; charset=utf-8"],
    ["/static/communications.js", "text/javascript; charset=utf-8"],
  ])("%s as %s", async (path, type) => {
    const file = await agent.get(path)
    expect(file.status).toBe(200)
    expect(file.headers.get("content-type")).toBe(type)
  })

  it.each([
    "/static/../package.json",
    "/static/%2e%2e/package.json",
    "/static/..%2Fpackage.json",
    "/static/%2E%2E%2Fsrc%2Fmain.ts",
    "/assets/..%2F..%2Fpackage.json",
    "/assets/.hidden.js",
    "/static/",
    "/static/crm.css/",
    "/static/nothing.css",
    "/static/crm.ts",
  ])("%s is not found", async (path) => {
    const page = await agent.get(path)
    expect(page.status).toBe(404)
    expect(page.body).not.toContain('"name"')
  })
})

describe("Without the softphone's build, the pages say how to build it", () => {
  it("shows the workspace with a notice instead of the softphone", async () => {
    const user = new Browser(withoutBundle().url)
    await user.signIn(DemoUsers.mosDef, "s3cret-demo")
    const page = await user.get("/")
    expect(page.status).toBe(200)
    expect(page.body).toContain("The softphone is not built")
    expect(page.body).toContain("npm run build")
    expect(page.body).not.toContain("/assets/softphone.js")
  })

  it("answers /assets requests with a page saying to run the build", async () => {
    const page = await new Browser(withoutBundle().url).get("/assets/softphone.js")
    expect(page.status).toBe(404)
    expect(page.body).toContain("Run the build")
  })
})
