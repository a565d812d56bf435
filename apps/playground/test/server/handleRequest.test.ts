import { makeDemoEmulator } from "@crmod-cti/emulator"
import { serve } from "@crmod-cti/emulator-http"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Playground } from "../../src/server/app/Playground.js"
import { makePlaygroundApp } from "../../src/server/app/playgroundApp.js"
import { makeLiveStreams } from "../../src/server/events/LiveStreams.js"
import { html } from "../../src/server/html.js"
import { htmlPage } from "../../src/server/http/responses.js"
import { makeSessionStore } from "../../src/server/session/SessionStore.js"
import { Browser } from "./support/Browser.js"

// The page router alone, with routes of the test's own, to reach the failures no real page should have.
const errors: Array<unknown> = []
let server: { url: string; close: () => Promise<void> }
beforeAll(async () => {
  const emulator = await Effect.runPromise(makeDemoEmulator())
  const app: Playground = {
    emulator,
    sessions: makeSessionStore(),
    defaultPassword: null,
    staticDir: "/nonexistent",
    softphoneDir: "/nonexistent",
    streams: makeLiveStreams(emulator),
  }
  const pages = makePlaygroundApp({
    playground: app,
    routes: [
      {
        path: "/boom",
        get: () => Promise.reject(new Error("secret detail at /work/main/src/thing.ts:12:3")),
      },
      { path: "/ok", get: async (c) => htmlPage(c, 200, html`<p>${"fine"}</p>`) },
    ],
    fallbackOrigin: () => "http://127.0.0.1",
    onError: (error) => errors.push(error),
  })
  server = await serve(pages)
})
afterAll(() => server.close())

describe("Never a stack trace: anything unexpected is a 500 page", () => {
  it("shows a page that says something went wrong, and reports the error to the server", async () => {
    const page = await new Browser(server.url).get("/boom")
    expect(page.status).toBe(500)
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8")
    expect(page.body).toContain("Something Went Wrong")
    expect(page.body).not.toContain("secret")
    expect(page.body).not.toContain(".ts:")
    expect(errors).toHaveLength(1)
  })
})

describe("Unknown pages and methods", () => {
  it("answers an unknown path with a 404 page", async () => {
    const page = await new Browser(server.url).get("/nowhere")
    expect(page.status).toBe(404)
    expect(page.body).toContain("Page Not Found")
  })

  it("answers another method with 405 and Allow", async () => {
    const page = await new Browser(server.url).post("/ok", {})
    expect(page.status).toBe(405)
    expect(page.headers.get("allow")).toBe("GET, HEAD")
  })

  it("serves HEAD like GET, without a body", async () => {
    const response = await fetch(`${server.url}/ok`, { method: "HEAD" })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe("")
  })

  it("takes a path starting with // as a path of this server", async () => {
    const response = await fetch(`${server.url}//ok`)
    expect(response.status).toBe(404)
  })
})
