import { Faults } from "@crmod-cti/core"
import { DemoUsers, FastPasswordHasher, makeDemoEmulator, type PasswordHasher } from "@crmod-cti/emulator"
import { faultString, securityOf } from "@crmod-cti/testing"
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
