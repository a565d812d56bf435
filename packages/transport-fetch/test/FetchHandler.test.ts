import { Faults } from "@crmod-cti/core"
import { DemoPassword, DemoUsers, makeDemoEmulator } from "@crmod-cti/emulator"
import { decodeInsertResponse, encodeInsertRequest } from "@crmod-cti/soap-codec"
import { type FetchHandler, makeCtiFetchHandler } from "@crmod-cti/transport-fetch"
import { Effect, Either } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { calls } from "./helpers/soap.js"

let authenticator: Parameters<typeof makeCtiFetchHandler>[0]
beforeAll(async () => {
  authenticator = { authenticator: await Effect.runPromise(makeDemoEmulator({ limits: { rateLimiter: false } })) }
})

const body = encodeInsertRequest(calls("HANDLER", 2), {
  security: { username: DemoUsers.mosDef, password: DemoPassword },
})

describe("makeCtiFetchHandler: (Request) => Promise<Response>, as Deno, Bun and workers serve", () => {
  it("answers POST /Services/Integration", async () => {
    const response = await makeCtiFetchHandler(authenticator)(
      new Request("https://crm.example.test/Services/Integration", { method: "POST", body }),
    )
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toBe("text/xml; charset=utf-8")
    expect(Either.getOrThrow(decodeInsertResponse(await response.text())).map((r) => r.Status)).toEqual(["OK", "OK"])
  })

  it("the WSDL's soap:address is the request URL's origin", async () => {
    const response = await makeCtiFetchHandler(authenticator)(
      new Request("https://crm.example.test:8443/Services/Integration/CTIActivity?wsdl", {
        headers: { authorization: `Basic ${btoa(`${DemoUsers.mosDef}:${DemoPassword}`)}` },
      }),
    )
    expect(await response.text()).toContain(
      '<soap:address location="https://crm.example.test:8443/Services/Integration"/>',
    )
  })

  it("other requests go to the fallback", async () => {
    const fallback: FetchHandler = async (request) => new Response(`host page ${new URL(request.url).pathname}`)
    const handler = makeCtiFetchHandler(authenticator, fallback)
    expect(await (await handler(new Request("https://crm.example.test/OnDemand/logon"))).text()).toBe(
      "host page /OnDemand/logon",
    )
    expect((await makeCtiFetchHandler(authenticator)(new Request("https://crm.example.test/x"))).status).toBe(404)
  })

  it("a streamed body is cancelled as soon as it passes the limit", async () => {
    let pulled = 0
    let cancelled = false
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1
        controller.enqueue(new Uint8Array(1024))
      },
      cancel() {
        cancelled = true
      },
    })
    const request = new Request("https://crm.example.test/Services/Integration", {
      method: "POST",
      body: endless,
      duplex: "half",
    } as RequestInit)
    const response = await makeCtiFetchHandler({ ...authenticator, maxRequestKb: 8 })(request)
    expect(response.status).toBe(500)
    expect(Either.flip(decodeInsertResponse(await response.text()))).toEqual(Either.right(Faults.requestTooLarge(8)))
    expect(cancelled).toBe(true)
    expect(pulled).toBeLessThan(20)
  })

  it("a body with a declared length is read whole, and refused when it turns out longer than the limit", async () => {
    const handler = makeCtiFetchHandler({ ...authenticator, maxRequestKb: 8 })
    const declared = (bytes: Uint8Array<ArrayBuffer>, length: number) =>
      new Request("https://crm.example.test/Services/Integration", {
        method: "POST",
        body: bytes,
        headers: { "content-length": String(length) },
      })
    // Its own interactions, so that the answer does not depend on what the other tests inserted.
    const request = new TextEncoder().encode(
      encodeInsertRequest(calls("DECLARED", 2), { security: { username: DemoUsers.mosDef, password: DemoPassword } }),
    )
    const answered = await handler(declared(request, request.byteLength))
    expect(Either.getOrThrow(decodeInsertResponse(await answered.text())).map((r) => r.Status)).toEqual(["OK", "OK"])
    // An in-process caller can declare less than it sends; the bytes read are what count.
    const refused = await handler(declared(new Uint8Array(9 * 1024), 10))
    expect(Either.flip(decodeInsertResponse(await refused.text()))).toEqual(Either.right(Faults.requestTooLarge(8)))
  })

  it("a body with a declared length is read with arrayBuffer() alone, never through request.body", async () => {
    // What a lightweight Request (@hono/node-server's) needs to read the bytes straight from the connection.
    const bytes = new TextEncoder().encode(
      encodeInsertRequest(calls("UNSTREAMED", 1), { security: { username: DemoUsers.mosDef, password: DemoPassword } }),
    )
    const request = new Request("https://crm.example.test/Services/Integration", {
      method: "POST",
      body: bytes,
      headers: { "content-length": String(bytes.byteLength) },
    })
    const read: Array<string | symbol> = []
    const watched = new Proxy(request, {
      get(target, key) {
        read.push(key)
        const value: unknown = Reflect.get(target, key, target)
        return typeof value === "function" ? value.bind(target) : value
      },
    })
    const response = await makeCtiFetchHandler(authenticator)(watched)
    expect(Either.getOrThrow(decodeInsertResponse(await response.text())).map((r) => r.Status)).toEqual(["OK"])
    expect(read).toContain("arrayBuffer")
    expect(read).not.toContain("body")
  })

  it("a body with a declared length whose stream fails is a 400", async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error("connection reset"))
      },
    })
    const request = new Request("https://crm.example.test/Services/Integration", {
      method: "POST",
      body: failing,
      duplex: "half",
      headers: { "content-length": "100" },
    } as RequestInit)
    const response = await makeCtiFetchHandler(authenticator)(request)
    expect(response.status).toBe(400)
    expect(await response.text()).toBe("The request body was not received whole.")
  })

  it("a HEAD request gets no body", async () => {
    const response = await makeCtiFetchHandler(authenticator)(
      new Request("https://crm.example.test/healthz", { method: "HEAD" }),
    )
    expect(response.status).toBe(200)
    expect(await response.text()).toBe("")
  })
})
