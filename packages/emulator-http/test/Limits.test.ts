import * as net from "node:net"
import { Faults } from "@crmod-cti/core"
import { DemoUsers, FastPasswordHasher, makeDemoEmulator, type PasswordHasher } from "@crmod-cti/emulator"
import { serve } from "@crmod-cti/emulator-http"
import { faultString, scaled, securityOf } from "@crmod-cti/testing"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { insertBody, mosDef, post, serveApp, statusesOf } from "./helpers/http.js"

/** A hasher whose password checks wait for the gate to open, so that requests stay in their sign-in. */
const gatedHasher = () => {
  let open: () => void = () => undefined
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  let waiting = 0
  const waiters: Array<{ count: number; resolve: () => void }> = []
  const hasher: PasswordHasher = {
    hash: FastPasswordHasher.hash,
    verify: (password, hash) =>
      Effect.zipRight(
        Effect.promise(() => {
          waiting += 1
          for (const waiter of waiters) if (waiting >= waiter.count) waiter.resolve()
          return opened
        }),
        FastPasswordHasher.verify(password, hash),
      ),
  }
  /** Resolves once `count` password checks wait at the gate. */
  const waitingFor = (count: number) =>
    waiting >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }))
  return { hasher, open, waitingFor }
}

describe("the Web Services Concurrent Request Allotment over HTTP: a request holds its slot from sign-in to answer", () => {
  const servers: Array<{ close: () => Promise<void> }> = []
  afterAll(() => Promise.all(servers.map((server) => server.close())))

  it("one request more than the company's allotment is refused at once; the others are answered", async () => {
    const gate = gatedHasher()
    const emulator = await Effect.runPromise(
      makeDemoEmulator({
        limits: { rateLimiter: false, operationsAllotment: false, concurrentRequests: 3 },
        lockout: false,
        passwordHasher: gate.hasher,
      }),
    )
    const server = await serveApp({ authenticator: emulator })
    servers.push(server)
    // Wrong passwords are never in the verified-password cache, and different ones share no check: each of these
    // requests waits at the gate.
    const wrong = (n: number) =>
      insertBody(undefined, securityOf({ username: DemoUsers.callAgent, password: `wrong${n}` }))
    const held = [1, 2, 3].map((n) => post(server.endpoint, wrong(n)))
    await gate.waitingFor(3)
    const refused = await post(server.endpoint, insertBody())
    expect(refused.status).toBe(500)
    expect(faultString(refused.body)).toBe(Faults.concurrentRequestAllotment(3).message)
    gate.open()
    const answers = await Promise.all(held)
    expect(answers.map((answer) => faultString(answer.body))).toEqual(
      Array(3).fill(Faults.authenticationFailed().message),
    )
    // Their slots are free again.
    expect(statusesOf((await post(server.endpoint, insertBody(undefined, securityOf(mosDef)))).body)).toEqual(["OK"])
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
      const { hostname, port } = new URL(server.url)
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), hostname)
        let received = ""
        socket.on("data", (data) => {
          received += data.toString("utf8")
        })
        socket.on("close", () => resolve(received))
        socket.on("error", reject)
        socket.write("POST /Services/Integration HTTP/1.1\r\nHost: x\r\n")
      })
      expect(answer).toMatch(/^HTTP\/1\.1 408/)
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
