import { type CtiUser, Faults } from "@crmod-cti/core"
import { DemoUsers, makeDemoEmulator } from "@crmod-cti/emulator"
import type { CtiAppOptions, RunningServer } from "@crmod-cti/emulator-http"
import { decodeInsertResponse, SoapActions } from "@crmod-cti/soap-codec"
import { callFields, faultCode, faultString, fields, rawRequest, securityOf } from "@crmod-cti/testing"
import { Effect, Either } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { callAgent, mosDef, post as postOn, serveApp } from "./helpers/http.js"
import { chunk, rawHttp } from "./helpers/rawHttp.js"

// The app over real HTTP, on @hono/node-server, as clients and the playground reach it.

const basic = (user: { username: string; password: string }) =>
  `Basic ${Buffer.from(`${user.username}:${user.password}`).toString("base64")}`

const sessionUser: CtiAppOptions["sessionUser"] = async (header) =>
  header("cookie") === "session=mos"
    ? {
        signInId: DemoUsers.mosDef,
        company: "OKP",
        privileges: ["Manage CTI On Demand Access"] as CtiUser["privileges"],
      }
    : undefined

/** POSTs a body as it is, `text/xml` unless the headers say otherwise. */
const post = async (url: string, body: string, headers: Record<string, string> = {}) => {
  const answer = await postOn(url, body, undefined, { "content-type": "text/xml; charset=utf-8", ...headers })
  return { ...answer, contentType: answer.headers["content-type"] }
}

describe("The app on @hono/node-server", () => {
  let server: RunningServer & { readonly endpoint: string }
  let small: RunningServer & { readonly endpoint: string }

  beforeAll(async () => {
    const authenticator = await Effect.runPromise(
      makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false, concurrentRequests: false } }),
    )
    server = await serveApp({ authenticator, sessionUser })
    small = await serveApp({ authenticator, maxRequestKb: 4 })
  })
  afterAll(async () => {
    await server.close()
    await small.close()
  })

  const insert = (id: string) => rawRequest(securityOf(mosDef), [callFields(id)])

  describe("POST /Services/Integration: the operation is the body's, whatever the SOAPAction", () => {
    const soapActions: ReadonlyArray<readonly [string, Record<string, string>]> = [
      ["the WSDL's SOAPAction", { soapaction: `"${SoapActions.CTIActivityInsert}"` }],
      ["another operation's SOAPAction", { soapaction: `"${SoapActions.CTIActivityWrapUp}"` }],
      ["an empty SOAPAction", { soapaction: '""' }],
      ["no SOAPAction", {}],
    ]
    for (const [what, headers] of soapActions) {
      it(`with ${what}`, async () => {
        const id = `action-${what.length}-${Object.keys(headers).length}`
        const answer = await post(server.endpoint, insert(id), headers)
        expect(answer.status).toBe(200)
        expect(answer.contentType).toBe("text/xml; charset=utf-8")
        const results = Either.getOrThrow(decodeInsertResponse(answer.body))
        expect(results).toMatchObject([{ Status: "OK", InteractionId: id }])
      })
    }

    it("a body sent in chunks, within the limit", async () => {
      const body = insert("chunked-ok")
      const answer = await rawHttp(
        server.url,
        `POST /Services/Integration HTTP/1.1\nHost: 127.0.0.1\nContent-Type: text/xml\nTransfer-Encoding: chunked`,
        [chunk(body.slice(0, 100)), chunk(body.slice(100)), "0\r\n\r\n"],
      )
      expect(answer.status).toBe(200)
      expect(Either.getOrThrow(decodeInsertResponse(answer.body))[0]?.Status).toBe("OK")
    })
  })

  describe("Faults: HTTP 500, text/xml; charset=utf-8, the contract's texts", () => {
    const cases: ReadonlyArray<readonly [string, string, ReturnType<(typeof Faults)[keyof typeof Faults]>]> = [
      ["no wsse:Security header", rawRequest("", [callFields("f1")]), Faults.missingSecurity()],
      [
        "a Security header without UsernameToken",
        rawRequest(
          '<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"/>',
          [callFields("f2")],
        ),
        Faults.missingUsernameToken(),
      ],
      [
        "no Username",
        rawRequest(securityOf({ username: "", password: "password" }), [callFields("f3")]),
        Faults.missingUsername(),
      ],
      [
        "no Password",
        rawRequest(securityOf({ username: DemoUsers.mosDef, password: "" }), [callFields("f4")]),
        Faults.missingPassword(),
      ],
      [
        "a wrong password",
        rawRequest(securityOf({ ...mosDef, password: "wrong" }), [callFields("f5")]),
        Faults.authenticationFailed(),
      ],
      [
        "six interactions",
        rawRequest(
          securityOf(mosDef),
          Array.from({ length: 6 }, (_, i) => callFields(`six-${i}`)),
        ),
        Faults.tooManyInteractions(),
      ],
      [
        "a chat by a user without Access Chat Communications",
        rawRequest(securityOf(callAgent), [
          fields({ InteractionId: "chat", AgentOfferTime: "1", ChannelType: "Inbound Chat" }),
        ]),
        Faults.accessDenied(),
      ],
      [
        "an invalid boolean",
        rawRequest(securityOf(mosDef), [
          `${callFields("f6")}<data:CreateServiceRequest>yes</data:CreateServiceRequest>`,
        ]),
        Faults.invalidBoolean("yes"),
      ],
      [
        "a missing InteractionId",
        rawRequest(securityOf(mosDef), [fields({ AgentOfferTime: "1", ChannelType: "Inbound Call" })]),
        Faults.missingElement("InteractionId"),
      ],
    ]
    for (const [what, body, expected] of cases) {
      it(what, async () => {
        const answer = await post(server.endpoint, body)
        expect(answer.status).toBe(500)
        expect(answer.contentType).toBe("text/xml; charset=utf-8")
        expect(faultString(answer.body)).toBe(expected.message)
        expect(faultCode(answer.body)).toBe(`env:${expected.faultCode}`)
        expect(Either.flip(decodeInsertResponse(answer.body))).toEqual(Either.right(expected))
      })
    }

    for (const [what, body] of [
      ["not XML", "hello"],
      ["an empty body", ""],
      ["a document that is not a SOAP envelope", "<order><item/></order>"],
      [
        "an unknown operation",
        rawRequest(securityOf(mosDef), []).replaceAll("CTIActivityInsert_Input", "Delete_Input"),
      ],
    ] as const) {
      it(`${what} is a Client fault`, async () => {
        const answer = await post(server.endpoint, body)
        expect(answer.status).toBe(500)
        expect(answer.contentType).toBe("text/xml; charset=utf-8")
        expect(faultCode(answer.body)).toBe("env:Client")
        expect(faultString(answer.body)?.length).toBeGreaterThan(0)
      })
    }
  })

  describe("The body size limit is applied before the body is read", () => {
    it("a Content-Length over the limit is answered before any of the body is sent", async () => {
      const answer = await rawHttp(
        server.url,
        "POST /Services/Integration HTTP/1.1\nHost: 127.0.0.1\nContent-Type: text/xml\nContent-Length: 2000000",
      )
      expect(answer.status).toBe(500)
      expect(answer.headers["content-type"]).toBe("text/xml; charset=utf-8")
      expect(answer.headers.connection).toBe("close")
      expect(faultString(answer.body)).toBe(Faults.requestTooLarge(1024).message)
      expect(answer.body).toContain("<ErrorCode>SBL-ODU-01004</ErrorCode>")
    })

    it("a chunked body is cut off as soon as it passes the limit", async () => {
      const kilobyte = "x".repeat(1024)
      const answer = await rawHttp(
        small.url,
        "POST /Services/Integration HTTP/1.1\nHost: 127.0.0.1\nContent-Type: text/xml\nTransfer-Encoding: chunked",
        Array.from({ length: 64 }, () => chunk(kilobyte)),
      )
      expect(answer.status).toBe(500)
      expect(answer.requestComplete).toBe(false)
      expect(answer.headers.connection).toBe("close")
      expect(faultString(answer.body)).toBe("Request exceeded the limit of 4 KB.")
    })

    it("a body just within a configured limit is served", async () => {
      const body = insert("within")
      const padded = body.replace("<soapenv:Header>", `<soapenv:Header>${" ".repeat(4096 - Buffer.byteLength(body))}`)
      expect(Buffer.byteLength(padded)).toBe(4096)
      expect((await post(small.endpoint, padded)).status).toBe(200)
      expect(faultString((await post(small.endpoint, `${padded} `)).body)).toBe("Request exceeded the limit of 4 KB.")
    })
  })

  describe("The WSDL, for users with Manage CTI On Demand Access", () => {
    const wsdlUrl = () => `${server.url}/Services/Integration/CTIActivity?wsdl`

    it("HTTP Basic as OKP/mos.def: the WSDL, its soap:address this server's service", async () => {
      const response = await fetch(wsdlUrl(), { headers: { authorization: basic(mosDef) } })
      expect(response.status).toBe(200)
      expect(response.headers.get("content-type")).toBe("text/xml; charset=utf-8")
      const wsdl = await response.text()
      expect(wsdl).toContain(`<soap:address location="${server.url}/Services/Integration"/>`)
      expect(wsdl).toContain(`soapAction="${SoapActions.CTIActivityInsert}"`)
      expect(wsdl).toContain(`soapAction="${SoapActions.CTIActivityWrapUp}"`)
    })

    it("the browser session's user, when the host provides it", async () => {
      const response = await fetch(wsdlUrl(), { headers: { cookie: "session=mos" } })
      expect(response.status).toBe(200)
    })

    it("401 without credentials, asking for them", async () => {
      const response = await fetch(wsdlUrl())
      expect(response.status).toBe(401)
      expect(response.headers.get("www-authenticate")).toMatch(/^Basic realm=/)
    })

    it("401 with a wrong password", async () => {
      const response = await fetch(wsdlUrl(), { headers: { authorization: basic({ ...mosDef, password: "no" }) } })
      expect(response.status).toBe(401)
    })

    it("403 for OKP/call.agent", async () => {
      const response = await fetch(wsdlUrl(), { headers: { authorization: basic(callAgent) } })
      expect(response.status).toBe(403)
      expect(await response.text()).toBe("Access Denied")
    })
  })

  describe("Other requests", () => {
    it("405 for GET on the service", async () => {
      const response = await fetch(server.endpoint)
      expect(response.status).toBe(405)
      expect(response.headers.get("allow")).toBe("POST")
    })

    it("GET /healthz is 200", async () => {
      const response = await fetch(`${server.url}/healthz`)
      expect(response.status).toBe(200)
    })

    it("other paths are left to the host: 404 by default", async () => {
      expect((await fetch(`${server.url}/OnDemand/logon`)).status).toBe(404)
      expect((await fetch(`${server.url}/Services/Integration/CTIActivity`)).status).toBe(404)
    })

    it("the server keeps serving on the same connection after a fault", async () => {
      const answers = []
      for (const body of ["nonsense", insert("after-fault")]) answers.push(await post(server.endpoint, body))
      expect(answers.map((answer) => answer.status)).toEqual([500, 200])
    })
  })
})
