import { type CtiUser, Faults } from "@crmod-cti/core"
import { DemoPassword, DemoUsers, makeDemoEmulator } from "@crmod-cti/emulator"
import { decodeInsertResponse, encodeInsertRequest } from "@crmod-cti/soap-codec"
import { type CtiServerOptions, makeCtiRequestHandler } from "@crmod-cti/soap-http"
import { Effect, Either } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { calls, type FakeRequest, serverRequest, user } from "./helpers.js"

let authenticator: CtiServerOptions["authenticator"]
beforeAll(async () => {
  authenticator = await Effect.runPromise(makeDemoEmulator({ limits: { rateLimiter: false } }))
})

const handle = (fake: FakeRequest, options: Partial<CtiServerOptions> = {}) =>
  makeCtiRequestHandler({ authenticator, ...options }).handle(serverRequest(fake))

const bytes = (text: string) => new TextEncoder().encode(text)
const insertBody = (count = 1) => bytes(encodeInsertRequest(calls(count), { security: user }))

describe("Which requests the handler serves (CONTRACT.md §2)", () => {
  const handler = () => makeCtiRequestHandler({ authenticator })
  const table: ReadonlyArray<readonly [string, string, boolean]> = [
    ["POST", "/Services/Integration", true],
    ["POST", "/Services/Integration?trace=1", true],
    ["GET", "/Services/Integration", true],
    ["GET", "/Services/Integration/CTIActivity?wsdl", true],
    ["HEAD", "/Services/Integration/CTIActivity?WSDL", true],
    ["GET", "/Services/Integration/CTIActivity?foo=1&wsdl", true],
    ["GET", "/Services/Integration/CTIActivity", false],
    ["POST", "/Services/Integration/CTIActivity?wsdl", false],
    ["GET", "/healthz", true],
    ["GET", "/OnDemand/logon", false],
    ["GET", "/Services/Integrations", false],
  ]
  for (const [method, url, served] of table) {
    it(`${method} ${url}: ${served ? "served" : "left to the host"}`, () => {
      expect(handler().matches(method, url)).toBe(served)
    })
  }
})

describe("POST /Services/Integration", () => {
  it("answers the operation with HTTP 200 text/xml", async () => {
    const response = await handle({ body: insertBody(2) })
    expect(response.status).toBe(200)
    expect(response.headers["content-type"]).toBe("text/xml; charset=utf-8")
    expect(Either.getOrThrow(decodeInsertResponse(response.body)).map((result) => result.Status)).toEqual(["OK", "OK"])
  })

  it("a declared Content-Length over the limit is refused without reading the body", async () => {
    let read = false
    const response = await handle({
      headers: { "content-length": String(1024 * 1024 + 1) },
      body: insertBody(),
      onRead: () => {
        read = true
      },
    })
    expect(read).toBe(false)
    expect(response.status).toBe(500)
    expect(Either.flip(decodeInsertResponse(response.body))).toEqual(Either.right(Faults.requestTooLarge(1024)))
  })

  it("the body is read with the configured limit, and a body past it is refused", async () => {
    let limit = 0
    const response = await handle(
      { body: "too-large", onRead: (maxBytes) => (limit = maxBytes) },
      { maxRequestKb: 28_800 },
    )
    expect(limit).toBe(28_800 * 1024)
    expect(Either.flip(decodeInsertResponse(response.body))).toEqual(Either.right(Faults.requestTooLarge(28_800)))
  })

  it("a body the client did not finish sending is answered 400 and reaches no service", async () => {
    let authenticated = false
    const response = await handle(
      { body: "aborted" },
      {
        authenticator: {
          authenticate: () => Effect.sync(() => (authenticated = true)).pipe(Effect.zipRight(Effect.never)),
        },
      },
    )
    expect(response.status).toBe(400)
    expect(authenticated).toBe(false)
  })

  it("any other method is 405, allowing POST", async () => {
    for (const method of ["GET", "PUT", "DELETE"]) {
      const response = await handle({ method })
      expect(response.status).toBe(405)
      expect(response.headers.allow).toBe("POST")
    }
  })

  it("a defect is a generic Server fault, handed to onDefect", async () => {
    const defects: Array<unknown> = []
    const response = await handle(
      { body: insertBody() },
      {
        authenticator: {
          authenticate: () => {
            throw new Error("not even an Effect")
          },
        },
        onDefect: (defect) => defects.push(defect),
      },
    )
    expect(response.status).toBe(500)
    expect(Either.flip(decodeInsertResponse(response.body))).toEqual(
      Either.right(Faults.serverError("Internal error while handling the request")),
    )
    expect(defects).toHaveLength(1)
  })

  it("a size limit that is not a positive number of KB is refused when the handler is made", () => {
    expect(() => makeCtiRequestHandler({ authenticator, maxRequestKb: 0 })).toThrow(RangeError)
    expect(() => makeCtiRequestHandler({ authenticator, maxRequestKb: 1.5 })).toThrow(RangeError)
  })
})

describe("The WSDL (GET /Services/Integration/CTIActivity?wsdl)", () => {
  const wsdl = (headers: Record<string, string>, options: Partial<CtiServerOptions> = {}) =>
    handle({ method: "GET", url: "/Services/Integration/CTIActivity?wsdl", headers }, options)
  const basic = (credentials: string) => ({ authorization: `Basic ${btoa(credentials)}` })

  it("for HTTP Basic credentials of a user with Manage CTI On Demand Access; soap:address from the origin", async () => {
    const response = await wsdl(basic(`${DemoUsers.mosDef}:${DemoPassword}`))
    expect(response.status).toBe(200)
    expect(response.body).toContain('<soap:address location="http://crm.test/Services/Integration"/>')
  })

  it("401 without credentials, with malformed ones, or with a wrong password", async () => {
    for (const headers of [
      {},
      { authorization: "Basic %%%" },
      { authorization: "Bearer abc" },
      basic("nocolon"),
      basic(`${DemoUsers.mosDef}:x`),
    ]) {
      const response = await wsdl(headers)
      expect(response.status).toBe(401)
      expect(response.headers["www-authenticate"]).toMatch(/^Basic /)
    }
  })

  it("403 for a user without Manage CTI On Demand Access", async () => {
    expect((await wsdl(basic(`${DemoUsers.callAgent}:${DemoPassword}`))).status).toBe(403)
    expect((await wsdl(basic(`${DemoUsers.noCti}:${DemoPassword}`))).status).toBe(403)
  })

  it("the browser session's user, when there are no Basic credentials", async () => {
    const manager: CtiUser = { signInId: DemoUsers.mosDef, company: "OKP", privileges: ["Manage CTI On Demand Access"] }
    const agent: CtiUser = { signInId: DemoUsers.callAgent, company: "OKP", privileges: ["Access Call Communications"] }
    const sessionUser = async (header: (name: string) => string | undefined) =>
      header("cookie") === "manager" ? manager : header("cookie") === "agent" ? agent : undefined
    expect((await wsdl({ cookie: "manager" }, { sessionUser })).status).toBe(200)
    expect((await wsdl({ cookie: "agent" }, { sessionUser })).status).toBe(403)
    expect((await wsdl({}, { sessionUser })).status).toBe(401)
  })

  it("user names and passwords in UTF-8", async () => {
    const seen: Array<unknown> = []
    const recording: CtiServerOptions["authenticator"] = {
      authenticate: (token) =>
        Effect.sync(() => seen.push(token)).pipe(Effect.zipRight(Effect.fail(Faults.authenticationFailed()))),
    }
    const utf8 = btoa(String.fromCharCode(...new TextEncoder().encode("OKP/zoë:pä:ss")))
    await wsdl({ authorization: `Basic ${utf8}` }, { authenticator: recording })
    expect(seen).toEqual([{ username: "OKP/zoë", password: "pä:ss" }])
  })
})

describe("GET /healthz", () => {
  it("200 for GET and HEAD, 405 otherwise", async () => {
    expect((await handle({ method: "GET", url: "/healthz" })).status).toBe(200)
    expect((await handle({ method: "HEAD", url: "/healthz" })).status).toBe(200)
    expect((await handle({ method: "POST", url: "/healthz" })).status).toBe(405)
  })
})
