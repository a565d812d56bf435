import * as http from "node:http"
import * as net from "node:net"
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { makeCtiApp, NodeServerLimits, serve, serveListener } from "@crmod-cti/emulator-http"
import { callFields, faultCode, faultString, scaled } from "@crmod-cti/testing"
import { getRequestListener } from "@hono/node-server"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { insertBody, post, serveApp, statusesOf } from "./helpers/http.js"

const emulator = () => Effect.runPromise(makeDemoEmulator({ limits: { rateLimiter: false } }))

/** Writes raw bytes and resolves with everything the server sent back once it closed the connection. */
const raw = (url: string, bytes: string, endAfterWrite = false): Promise<string> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url)
    const socket = net.connect(Number(port), hostname)
    let received = ""
    socket.on("data", (data) => {
      received += data.toString("utf8")
    })
    socket.on("close", () => resolve(received))
    socket.on("error", reject)
    socket.write(bytes, () => {
      if (endAfterWrite) socket.end()
    })
  })

describe("serveListener: any node:http listener, the app mounted in it", () => {
  it("serves the app beside the host's own pages", async () => {
    const app = makeCtiApp({ authenticator: await emulator(), maxRequestKb: 1 })
    const service = getRequestListener((request) => app.fetch(request))
    const server = await serveListener((req, res) => {
      if (req.url?.startsWith("/Services/")) void service(req, res)
      else res.writeHead(200, { "content-type": "text/html" }).end("<h1>CRM On Demand</h1>")
    })
    expect(await (await fetch(`${server.url}/OnDemand/user/Communications`)).text()).toBe("<h1>CRM On Demand</h1>")
    expect(statusesOf((await post(`${server.url}/Services/Integration`, insertBody())).body)).toEqual(["OK"])
    const answer = await post(
      `${server.url}/Services/Integration`,
      insertBody(`${callFields("big")}<data:Queue>${"q".repeat(1024)}</data:Queue>`),
    )
    expect(faultString(answer.body)).toBe("Request exceeded the limit of 1 KB.")
    await server.close()
  })

  it("holds its ground (CONTRACT.md §9): header and request timeouts that Node checks in time, 1 000 connections", async () => {
    const { server, close } = await serveListener((_req, res) => res.end())
    expect(server.headersTimeout).toBe(10_000)
    expect(server.requestTimeout).toBe(30_000)
    expect(server.maxConnections).toBe(1_000)
    expect(server.keepAliveTimeout).toBe(NodeServerLimits.keepAliveTimeout)
    // Node enforces the two timeouts only when it checks, every connectionsCheckingInterval: 10 s + 2 s, 30 s + 2 s.
    expect(NodeServerLimits.headersTimeout + NodeServerLimits.connectionsCheckingInterval).toBeLessThanOrEqual(15_000)
    expect(NodeServerLimits.requestTimeout + NodeServerLimits.connectionsCheckingInterval).toBeLessThanOrEqual(35_000)
    await close()
  })
})

describe("serve: the app on @hono/node-server", () => {
  it("the WSDL's soap:address is the host the client asked for", async () => {
    const server = await serve(makeCtiApp({ authenticator: await emulator() }))
    const wsdl = await new Promise<string>((resolve) => {
      http.get(
        `${server.url}/Services/Integration/CTIActivity?wsdl`,
        {
          headers: {
            host: "crm.example.test:8443",
            authorization: `Basic ${Buffer.from("OKP/mos.def:password").toString("base64")}`,
          },
        },
        (res) => {
          let body = ""
          res.on("data", (chunk) => (body += chunk))
          res.on("end", () => resolve(body))
        },
      )
    })
    expect(wsdl).toContain('<soap:address location="http://crm.example.test:8443/Services/Integration"/>')
    await server.close()
  })

  it("a Content-Length over the limit is answered at once and the connection closed", async () => {
    const server = await serveApp({ authenticator: await emulator() })
    const answer = await raw(
      server.url,
      "POST /Services/Integration HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 5000000\r\n\r\n",
    )
    expect(answer).toMatch(/^HTTP\/1\.1 500 /)
    expect(answer.toLowerCase()).toContain("connection: close")
    expect(faultString(answer)).toBe("Request exceeded the limit of 1024 KB.")
    await server.close()
  })

  it("a client that goes away halfway through its body is no defect, and the server keeps serving", async () => {
    const defects: Array<unknown> = []
    const server = await serveApp({ authenticator: await emulator(), onDefect: (defect) => defects.push(defect) })
    await raw(
      server.url,
      "POST /Services/Integration HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 1000\r\n\r\n<soapenv:Env",
      true,
    )
    expect(statusesOf((await post(`${server.url}/Services/Integration`, insertBody())).body)).toEqual(["OK"])
    expect(defects).toEqual([])
    await server.close()
  })

  it("a defect of the service is a generic Server fault, reported to onDefect, with no stack trace", async () => {
    const defects: Array<unknown> = []
    const server = await serveApp({
      authenticator: { authenticate: () => Effect.die(new Error("the store is on fire")) },
      onDefect: (defect) => defects.push(defect),
    })
    const answer = await post(`${server.url}/Services/Integration`, insertBody())
    expect(answer.status).toBe(500)
    expect(faultCode(answer.body)).toBe("env:Server")
    expect(answer.body).not.toContain("on fire")
    expect(defects).toHaveLength(1)
    await server.close()
  })
})

describe("serve: the server limits as options", () => {
  it("a client that does not finish its headers in the (scaled) time is cut off, checked at the (scaled) interval", async () => {
    const server = await serve(
      { fetch: () => new Response("ok") },
      {
        limits: {
          headersTimeout: scaled(200),
          requestTimeout: scaled(400),
          connectionsCheckingInterval: scaled(50),
          maxConnections: 5,
        },
      },
    )
    try {
      expect(server.server.maxConnections).toBe(5)
      expect(await raw(server.url, "POST /Services/Integration HTTP/1.1\r\nHost: x\r\n")).toMatch(/^HTTP\/1\.1 408/)
    } finally {
      await server.close()
    }
  })

  it("refuses a limit that is no positive whole number, naming it", () => {
    expect(() => serve({ fetch: () => new Response("ok") }, { limits: { headersTimeout: 0 } })).toThrow(
      "limits.headersTimeout",
    )
  })
})
