import * as http from "node:http"
import type { Socket } from "node:net"
import type { CtiAuthenticator } from "@crmod-cti/core"
import { makeDemoEmulator } from "@crmod-cti/emulator"
import { makeCtiApp, type ServeOptions, serve } from "@crmod-cti/emulator-http"
import { callFields, scaled } from "@crmod-cti/testing"
import { Deferred, Effect } from "effect"
import { describe, expect, it } from "vitest"
import { insertBody, post, statusesOf } from "./helpers/http.js"

/** An authenticator that, while `hold` is on, keeps each request waiting until it is released. */
const holding = async () => {
  const emulator = await Effect.runPromise(makeDemoEmulator({ limits: { rateLimiter: false } }))
  const entered = Effect.runSync(Deferred.make<void>())
  const release = Effect.runSync(Deferred.make<void>())
  let hold = false
  const authenticator: CtiAuthenticator["Type"] = {
    authenticate: (token) =>
      hold
        ? Effect.zipRight(
            Effect.zipRight(Deferred.succeed(entered, undefined), Deferred.await(release)),
            emulator.authenticate(token),
          )
        : emulator.authenticate(token),
  }
  return {
    authenticator,
    holdFromNowOn: () => {
      hold = true
    },
    entered: () => Effect.runPromise(Deferred.await(entered)),
    release: () => Effect.runPromise(Deferred.succeed(release, undefined)),
  }
}

const start = async (options: ServeOptions = {}) => {
  const gate = await holding()
  const server = await serve(makeCtiApp({ authenticator: gate.authenticator }), options)
  const sockets: Array<Socket> = []
  server.server.on("connection", (socket: Socket) => sockets.push(socket))
  return { ...gate, server, sockets, endpoint: `${server.url}/Services/Integration` }
}

describe("serve's close is graceful", () => {
  it("in-flight requests finish, new connections are refused, idle keep-alive connections close at once", async () => {
    const { server, sockets, endpoint, holdFromNowOn, entered, release } = await start()
    const agent = new http.Agent({ keepAlive: true })
    // Two connections, both idle and kept alive once their requests are answered.
    await Promise.all([
      post(endpoint, insertBody(callFields("idle-1")), agent),
      post(endpoint, insertBody(callFields("idle-2")), agent),
    ])
    expect(sockets).toHaveLength(2)

    holdFromNowOn()
    const inFlight = post(endpoint, insertBody(callFields("in-flight")), agent)
    await entered()
    const closedAt = Date.now()
    const closing = server.close()

    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(sockets.filter((socket) => socket.destroyed)).toHaveLength(1)
    await expect(post(endpoint, insertBody(callFields("too-late")))).rejects.toMatchObject({ code: "ECONNREFUSED" })

    await release()
    const answer = await inFlight
    expect(answer.status).toBe(200)
    expect(statusesOf(answer.body)).toEqual(["OK"])
    expect(answer.headers.connection).toBe("close")
    await closing
    // Well before the keep-alive timeout (5 s), which a plain `server.close()` would wait for.
    expect(Date.now() - closedAt).toBeLessThan(scaled(1000))
    expect(sockets.every((socket) => socket.destroyed)).toBe(true)
    agent.destroy()
  })

  it("a request still busy after the grace period has its connection cut", async () => {
    const { server, endpoint, holdFromNowOn, entered, release } = await start({ shutdownGraceMs: 100 })
    holdFromNowOn()
    const stuck = post(endpoint, insertBody(callFields("stuck")))
    await entered()
    const closedAt = Date.now()
    await server.close()
    expect(Date.now() - closedAt).toBeLessThan(scaled(1000))
    await expect(stuck).rejects.toMatchObject({ code: "ECONNRESET" })
    await release()
  })

  it("close can be called more than once", async () => {
    const { server } = await start()
    await Promise.all([server.close(), server.close()])
    await expect(server.close()).resolves.toBeUndefined()
  })
})
