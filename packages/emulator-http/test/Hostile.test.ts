import * as http from "node:http"
import type { CtiAppOptions } from "@crmod-cti/emulator-http"
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { callFields, faultCode, faultString, rawRequest, securityOf } from "@crmod-cti/testing"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { insertBody, mosDef, post, serveApp, statusesOf } from "./helpers/http.js"

// Hostile requests over real HTTP (CONTRACT.md §9): each is refused with the right fault, creates nothing, and the
// server goes on answering others meanwhile. Nothing here measures time.

let server: Awaited<ReturnType<typeof serveApp>>
let authenticated = 0

beforeAll(async () => {
  const emulator = await Effect.runPromise(
    makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false, concurrentRequests: false } }),
  )
  const authenticator: CtiAppOptions["authenticator"] = {
    authenticate: (token) =>
      Effect.suspend(() => {
        authenticated += 1
        return emulator.authenticate(token)
      }),
  }
  server = await serveApp({ authenticator })
})
afterAll(() => server.close())

const healthz = (): Promise<number> =>
  new Promise((resolve, reject) => {
    http
      .get(`${server.url}/healthz`, (res) => {
        res.resume()
        res.on("end", () => resolve(res.statusCode ?? 0))
      })
      .on("error", reject)
  })

/** The same identity inserted properly afterwards is `OK`: the refused request created nothing. */
const createdNothing = async (id: string) => {
  const answer = await post(server.endpoint, insertBody(callFields(id)))
  expect(statusesOf(answer.body)).toEqual(["OK"])
}

/** A valid insert of `id` whose `Interaction` element carries `attributes`. */
const flooded = (id: string, attributes: string) =>
  rawRequest(securityOf(mosDef), [callFields(id)]).replace("<data:Interaction>", `<data:Interaction${attributes}>`)

const floods: ReadonlyArray<readonly [string, string, RegExp]> = [
  [
    "40 000 attributes on one element",
    flooded("FLOOD-ATTRIBUTES", Array.from({ length: 40_000 }, (_, i) => ` a${i}="x"`).join("")),
    /attribute.*\b64\b|\b64\b.*attribute/i,
  ],
  [
    // 60 on each of 1 000 elements, so that no element passes the attribute limit: the document's count is refused.
    "60 000 namespace declarations",
    flooded("FLOOD-NAMESPACES", "").replace(
      "<soapenv:Header>",
      `<soapenv:Header>${Array.from(
        { length: 1_000 },
        (_, element) =>
          `<x${Array.from({ length: 60 }, (_, i) => ` xmlns:n${(element * 60 + i).toString(36)}="u"`).join("")}/>`,
      ).join("")}`,
    ),
    /namespace.*\b64\b|\b64\b.*namespace/i,
  ],
  [
    "elements nested 10 000 deep",
    flooded("FLOOD-NESTING", "").replace(
      "<data:InteractionId>",
      `${"<data:Queue>".repeat(10_000)}${"</data:Queue>".repeat(10_000)}<data:InteractionId>`,
    ),
    /deep/i,
  ],
]

describe("Floods under the size limit are Client faults naming the limit, while /healthz is answered", () => {
  for (const [what, body, limit] of floods) {
    it(what, async () => {
      expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024)
      const before = authenticated
      // The flood in flight, and a health check sent meanwhile on another connection: both are answered.
      const [answer, health] = await Promise.all([post(server.endpoint, body), healthz()])
      expect(health).toBe(200)
      expect(answer.status).toBe(500)
      expect(faultCode(answer.body)).toBe("env:Client")
      expect(faultString(answer.body)).toMatch(limit)
      expect(authenticated).toBe(before)
      await createdNothing(`FLOOD-${what.length}`)
    })
  }
})

describe("HTTP 415 for a content type other than text/xml or application/soap+xml, and nothing processed", () => {
  const types: ReadonlyArray<readonly [string, http.OutgoingHttpHeaders]> = [
    ["no content type", {}],
    ["text/plain (a cross-site form's)", { "content-type": "text/plain" }],
    ["application/x-www-form-urlencoded", { "content-type": "application/x-www-form-urlencoded" }],
    ["application/json", { "content-type": "application/json; charset=utf-8" }],
  ]
  types.forEach(([what, headers], index) => {
    it(what, async () => {
      const id = `TYPE-${index}`
      const before = authenticated
      const answer = await post(server.endpoint, insertBody(callFields(id)), undefined, headers)
      expect(answer.status).toBe(415)
      expect(answer.headers["content-type"]).toBe("text/xml; charset=utf-8")
      expect(faultCode(answer.body)).toBe("env:Client")
      expect(faultString(answer.body)).toMatch(/text\/xml or application\/soap\+xml/)
      expect(authenticated).toBe(before)
      await createdNothing(id)
    })
  })

  it("text/xml and application/soap+xml, with parameters, are served", async () => {
    for (const [index, type] of ["text/xml; charset=utf-8", "application/soap+xml; charset=UTF-8"].entries()) {
      const answer = await post(server.endpoint, insertBody(callFields(`SERVED-${index}`)), undefined, {
        "content-type": type,
      })
      expect(statusesOf(answer.body)).toEqual(["OK"])
    }
  })
})

describe("The size limit", () => {
  it("a valid request padded past 1 MiB is refused with SBL-ODU-01004 and creates nothing", async () => {
    const body = insertBody(`${callFields("TOO-LARGE")}<data:Queue>${"q".repeat(1024 * 1024)}</data:Queue>`)
    const before = authenticated
    const answer = await post(server.endpoint, body)
    expect(answer.status).toBe(500)
    expect(faultCode(answer.body)).toBe("env:Client")
    expect(faultString(answer.body)).toBe("Request exceeded the limit of 1024 KB.")
    expect(answer.body).toContain("<ErrorCode>SBL-ODU-01004</ErrorCode>")
    expect(authenticated).toBe(before)
    await createdNothing("TOO-LARGE")
  })
})
