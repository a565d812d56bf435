import { type CtiUser, Faults } from "@crmod-cti/core"
import { DemoPassword, DemoUsers, makeDemoEmulator } from "@crmod-cti/emulator"
import { type CtiAppOptions, makeCtiApp } from "@crmod-cti/emulator-http"
import { decodeInsertResponse, encodeInsertRequest } from "@crmod-cti/soap-codec"
import { faultCode, faultString } from "@crmod-cti/testing"
import { Effect, Either } from "effect"
import { Hono } from "hono"
import { beforeAll, describe, expect, it } from "vitest"
import { calls, mosDef } from "./helpers/http.js"

// The app in-process, through `app.fetch`: what Deno.serve, Bun.serve and workers call, and what @hono/node-server
// calls on Node.

let authenticator: CtiAppOptions["authenticator"]
beforeAll(async () => {
  authenticator = await Effect.runPromise(makeDemoEmulator({ limits: { rateLimiter: false } }))
})

const origin = "https://crm.example.test"
const app = (options: Partial<CtiAppOptions> = {}) => makeCtiApp({ authenticator, ...options })
const insertBody = (prefix: string, count = 1) => encodeInsertRequest(calls(prefix, count), { security: mosDef })
const soapPost = (body: BodyInit, headers: Record<string, string> = {}, init: RequestInit = {}) =>
  new Request(`${origin}/Services/Integration`, {
    method: "POST",
    body,
    headers: { "content-type": "text/xml; charset=utf-8", ...headers },
    ...init,
  })
const faultOf = async (response: Response) => Either.flip(decodeInsertResponse(await response.text()))

describe("Which requests the app serves (CONTRACT.md §2)", () => {
  const table: ReadonlyArray<readonly [string, string, number]> = [
    ["GET", "/Services/Integration", 405],
    ["PUT", "/Services/Integration?trace=1", 405],
    ["GET", "/Services/Integration/CTIActivity?wsdl", 401],
    ["HEAD", "/Services/Integration/CTIActivity?WSDL", 401],
    ["GET", "/Services/Integration/CTIActivity?foo=1&wsdl", 401],
    ["GET", "/Services/Integration/CTIActivity", 404],
    ["POST", "/Services/Integration/CTIActivity?wsdl", 404],
    ["GET", "/healthz", 200],
    ["HEAD", "/healthz", 200],
    ["POST", "/healthz", 405],
    ["GET", "/OnDemand/logon", 404],
    ["GET", "/Services/Integrations", 404],
  ]
  for (const [method, path, status] of table) {
    it(`${method} ${path}: ${status}`, async () => {
      expect((await app().fetch(new Request(`${origin}${path}`, { method }))).status).toBe(status)
    })
  }

  it("any other method on the service is 405, allowing POST", async () => {
    const response = await app().fetch(new Request(`${origin}/Services/Integration`, { method: "DELETE" }))
    expect(response.headers.get("allow")).toBe("POST")
  })

  it("a HEAD request gets no body", async () => {
    const response = await app().fetch(new Request(`${origin}/healthz`, { method: "HEAD" }))
    expect(response.status).toBe(200)
    expect(await response.text()).toBe("")
  })
})

describe("POST /Services/Integration", () => {
  it("answers the operation with HTTP 200 text/xml", async () => {
    const response = await app().fetch(soapPost(insertBody("APP", 2)))
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("text/xml; charset=utf-8")
    const results = Either.getOrThrow(decodeInsertResponse(await response.text()))
    expect(results.map((result) => result.Status)).toEqual(["OK", "OK"])
  })

  it("a declared Content-Length over the limit is refused without reading the body", async () => {
    let pulled = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1
        controller.enqueue(new Uint8Array(1024))
      },
    })
    const response = await app().fetch(
      soapPost(body, { "content-length": String(1024 * 1024 + 1) }, { duplex: "half" } as RequestInit),
    )
    expect(response.status).toBe(500)
    expect(response.headers.get("connection")).toBe("close")
    expect(await faultOf(response)).toEqual(Either.right(Faults.requestTooLarge(1024)))
    // A stream pulls once ahead of any reader, to fill its queue; nobody read it.
    expect(pulled).toBeLessThanOrEqual(1)
  })

  it("a streamed body is read no further than the configured limit", async () => {
    let pulled = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1
        controller.enqueue(new Uint8Array(1024))
      },
    })
    const response = await app({ maxRequestKb: 8 }).fetch(soapPost(endless, {}, { duplex: "half" } as RequestInit))
    expect(response.status).toBe(500)
    expect(await faultOf(response)).toEqual(Either.right(Faults.requestTooLarge(8)))
    expect(pulled).toBeLessThan(20)
  })

  it("a body with a declared length is refused when it turns out longer than the limit", async () => {
    // An in-process caller can declare less than it sends; the bytes read are what count.
    const response = await app({ maxRequestKb: 8 }).fetch(
      soapPost(new Uint8Array(9 * 1024).fill(32), { "content-length": "10" }),
    )
    expect(await faultOf(response)).toEqual(Either.right(Faults.requestTooLarge(8)))
  })

  it("a body with a declared length is read with arrayBuffer() alone, never through request.body", async () => {
    // What @hono/node-server's lightweight Request needs to read the bytes straight from the connection, with no web
    // stream built over it.
    const request = soapPost(insertBody("UNSTREAMED"), { "content-length": "1" })
    const read: Array<string | symbol> = []
    const watched = new Proxy(request, {
      get(target, key) {
        read.push(key)
        const value: unknown = Reflect.get(target, key, target)
        return typeof value === "function" ? value.bind(target) : value
      },
    })
    const response = await app().fetch(watched)
    expect(Either.getOrThrow(decodeInsertResponse(await response.text())).map((r) => r.Status)).toEqual(["OK"])
    expect(read).toContain("arrayBuffer")
    expect(read).not.toContain("body")
  })

  it("a defect is a generic Server fault, handed to onDefect, with no stack trace", async () => {
    const defects: Array<unknown> = []
    const response = await app({
      authenticator: {
        authenticate: () => {
          throw new Error("not even an Effect")
        },
      },
      onDefect: (defect) => defects.push(defect),
    }).fetch(soapPost(insertBody("DEFECT")))
    expect(response.status).toBe(500)
    const text = await response.text()
    expect(text).not.toContain("not even")
    expect(Either.flip(decodeInsertResponse(text))).toEqual(
      Either.right(Faults.serverError("Internal error while handling the request")),
    )
    expect(defects).toHaveLength(1)
  })

  it("a size limit that is not a positive number of KB is refused when the app is made", () => {
    expect(() => app({ maxRequestKb: 0 })).toThrow(RangeError)
    expect(() => app({ maxRequestKb: 1.5 })).toThrow(RangeError)
  })
})

describe("Content types (CONTRACT.md §9): text/xml or application/soap+xml, or HTTP 415 and nothing processed", () => {
  const counting = () => {
    let calls = 0
    const counted: CtiAppOptions["authenticator"] = {
      authenticate: (token) =>
        Effect.suspend(() => {
          calls += 1
          return authenticator.authenticate(token)
        }),
    }
    return { counted, calls: () => calls }
  }

  for (const type of [
    "text/xml",
    "TEXT/XML; charset=utf-8",
    "application/soap+xml",
    "application/soap+xml;charset=UTF-8",
  ]) {
    it(`${type} is served`, async () => {
      const response = await app().fetch(soapPost(insertBody(`TYPE-${type.length}`), { "content-type": type }))
      expect(response.status).toBe(200)
    })
  }

  for (const type of [
    "text/plain",
    "text/plain; charset=utf-8",
    "application/x-www-form-urlencoded",
    "text/xmlx",
    "",
  ]) {
    it(`${type === "" ? "an empty type" : type} is 415, a Client fault naming it, and reaches no service`, async () => {
      const { counted, calls } = counting()
      const response = await app({ authenticator: counted }).fetch(
        soapPost(insertBody("PLAIN"), { "content-type": type }),
      )
      expect(response.status).toBe(415)
      expect(response.headers.get("content-type")).toBe("text/xml; charset=utf-8")
      const body = await response.text()
      expect(faultCode(body)).toBe("env:Client")
      expect(faultString(body)).toContain("text/xml or application/soap+xml")
      expect(calls()).toBe(0)
    })
  }

  it("no content type is 415 and reaches no service", async () => {
    const { counted, calls } = counting()
    const request = new Request(`${origin}/Services/Integration`, { method: "POST", body: new Uint8Array(8) })
    expect(request.headers.get("content-type")).toBeNull()
    const response = await app({ authenticator: counted }).fetch(request)
    expect(response.status).toBe(415)
    expect(faultString(await response.text())).toBe(
      "The request has no Content-Type: text/xml or application/soap+xml is expected",
    )
    expect(calls()).toBe(0)
  })
})

describe("The WSDL (GET /Services/Integration/CTIActivity?wsdl)", () => {
  const wsdl = (headers: Record<string, string>, options: Partial<CtiAppOptions> = {}) =>
    app(options).fetch(new Request(`https://crm.example.test:8443/Services/Integration/CTIActivity?wsdl`, { headers }))
  const basic = (credentials: string) => ({ authorization: `Basic ${btoa(credentials)}` })

  it("for HTTP Basic credentials of a user with Manage CTI On Demand Access; soap:address from the origin", async () => {
    const response = await wsdl(basic(`${DemoUsers.mosDef}:${DemoPassword}`))
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("text/xml; charset=utf-8")
    expect(await response.text()).toContain(
      '<soap:address location="https://crm.example.test:8443/Services/Integration"/>',
    )
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
      expect(response.headers.get("www-authenticate")).toMatch(/^Basic /)
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
    const recording: CtiAppOptions["authenticator"] = {
      authenticate: (token) =>
        Effect.sync(() => seen.push(token)).pipe(Effect.zipRight(Effect.fail(Faults.authenticationFailed()))),
    }
    const utf8 = btoa(String.fromCharCode(...new TextEncoder().encode("OKP/zoë:pä:ss")))
    await wsdl({ authorization: `Basic ${utf8}` }, { authenticator: recording })
    expect(seen).toEqual([{ username: "OKP/zoë", password: "pä:ss" }])
  })
})

describe("Headers of the host's (`headers`), on every answer", () => {
  // What a host's security headers look like; the content type is the app's own whatever the host gives.
  const headers = { "x-content-type-options": "nosniff", "x-frame-options": "DENY", "content-type": "text/html" }
  const hosted = () => app({ headers, maxRequestKb: 1 })
  const get = (path: string, method = "GET") => new Request(`${origin}${path}`, { method })
  const answers: ReadonlyArray<readonly [string, () => Request, number]> = [
    ["an insert", () => soapPost(insertBody("HOSTED")), 200],
    ["a fault", () => soapPost("<not-soap/>"), 500],
    ["a body over the limit", () => soapPost(new Uint8Array(2048).fill(32)), 500],
    ["a content type refused", () => soapPost(insertBody("HOSTED"), { "content-type": "text/plain" }), 415],
    ["another method on the service", () => get("/Services/Integration"), 405],
    ["the WSDL without credentials", () => get("/Services/Integration/CTIActivity?wsdl"), 401],
    ["health", () => get("/healthz"), 200],
    ["another method on health", () => get("/healthz", "POST"), 405],
    ["an unknown path", () => get("/nowhere"), 404],
  ]
  for (const [what, request, status] of answers) {
    it(`${what}: ${status}`, async () => {
      const response = await hosted().fetch(request())
      expect(response.status).toBe(status)
      expect(response.headers.get("x-content-type-options")).toBe("nosniff")
      expect(response.headers.get("x-frame-options")).toBe("DENY")
      expect(response.headers.get("content-type")).toMatch(/^text\/(xml|plain); charset=utf-8$/)
    })
  }

  it("mounted first in a host's app, it answers its paths before the host's middleware runs, and passes on the rest", async () => {
    const host = new Hono()
    host.route("/", app())
    const seen: Array<string> = []
    host.use(async (c, next) => {
      seen.push(c.req.path)
      await next()
    })
    host.get("/Services/Integration/CTIActivity", (c) => c.text("the host's page"))
    expect((await host.fetch(soapPost(insertBody("MOUNTED")))).status).toBe(200)
    expect((await host.fetch(get("/healthz"))).status).toBe(200)
    const page = await host.fetch(get("/Services/Integration/CTIActivity"))
    expect(await page.text()).toBe("the host's page")
    expect(seen).toEqual(["/Services/Integration/CTIActivity"])
  })
})
