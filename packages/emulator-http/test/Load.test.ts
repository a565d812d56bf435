import * as http from "node:http"
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { callFields, faultCode, faultString } from "@crmod-cti/testing"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { activityIdsOf, insertBody, post, serveApp, statusesOf } from "./helpers/http.js"

describe("Load on loopback (limiters off)", () => {
  let server: Awaited<ReturnType<typeof serveApp>>
  let endpoint: string
  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 })

  beforeAll(async () => {
    const emulator = await Effect.runPromise(
      makeDemoEmulator({ limits: { rateLimiter: false, operationsAllotment: false, concurrentRequests: false } }),
    )
    server = await serveApp({ authenticator: emulator })
    endpoint = server.endpoint
    // Warm the password cache, so that the concurrent requests race on the insert, not on the hash.
    await post(endpoint, insertBody(callFields("warm-up")), agent)
  })
  afterAll(async () => {
    agent.destroy()
    await server.close()
  })

  it("200 concurrent identical inserts: exactly one OK, 199 Activity already exists, one ActivityId", async () => {
    const body = insertBody(callFields("CONCURRENT-1"))
    const answers = await Promise.all(Array.from({ length: 200 }, () => post(endpoint, body, agent)))
    expect(answers.every((answer) => answer.status === 200)).toBe(true)
    const statuses = answers.flatMap((answer) => statusesOf(answer.body))
    expect(statuses.filter((status) => status === "OK")).toHaveLength(1)
    expect(statuses.filter((status) => status === "Activity already exists")).toHaveLength(199)
    expect(new Set(answers.flatMap((answer) => activityIdsOf(answer.body))).size).toBe(1)
  })

  describe("Hostile bodies are Client faults, and the server keeps serving", () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("") +
      "]>"
    const valid = insertBody(callFields("HOSTILE-0"))
    const hostile: ReadonlyArray<readonly [string, string | Buffer, RegExp]> = [
      ["billion laughs", `${laughs}${insertBody(`${callFields("H1")}<data:Queue>&lol9;</data:Queue>`)}`, /DOCTYPE/],
      [
        "an external entity",
        `<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${insertBody(`${callFields("H2")}<data:Queue>&xxe;</data:Queue>`)}`,
        /DOCTYPE/,
      ],
      // 600 KB: under the size limit, so that it is the nesting that is refused.
      ["200 000 nested elements", "<a>".repeat(200_000), /^The request nests elements more than \d+ deep$/],
      [
        "a multi-megabyte body",
        insertBody(`${callFields("H3")}<data:Queue>${"x".repeat(5 * 1024 * 1024)}</data:Queue>`),
        /^Request exceeded the limit of 1024 KB\.$/,
      ],
      ["truncated XML", valid.slice(0, valid.length - 40), /not well-formed XML/],
      ["a document that is not SOAP", "<invoice><total>12</total></invoice>", /not a SOAP 1\.1 envelope/],
      ["an empty body", "", /empty/],
    ]

    hostile.forEach(([what, body, message], index) => {
      it(what, async () => {
        const answer = await post(endpoint, body, agent)
        expect(answer.status).toBe(500)
        expect(faultCode(answer.body)).toBe("env:Client")
        expect(faultString(answer.body)).toMatch(message)
        const after = await post(endpoint, insertBody(callFields(`after-hostile-${index}`)), agent)
        expect(statusesOf(after.body)).toEqual(["OK"])
      })
    })

    it("all of them at once, beside valid requests", async () => {
      const answers = await Promise.all([
        ...hostile.map(([, body]) => post(endpoint, body, agent)),
        ...Array.from({ length: 20 }, (_, i) => post(endpoint, insertBody(callFields(`beside-${i}`)), agent)),
      ])
      expect(answers.slice(0, hostile.length).map((answer) => faultCode(answer.body))).toEqual(
        hostile.map(() => "env:Client"),
      )
      expect(answers.slice(hostile.length).flatMap((answer) => statusesOf(answer.body))).toEqual(Array(20).fill("OK"))
    })
  })
})
