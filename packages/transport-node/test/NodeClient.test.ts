import * as http from "node:http"
import * as net from "node:net"
import { CtiFault, Faults, type Interaction } from "@crmod-cti/core"
import { DemoPassword, DemoUsers } from "@crmod-cti/emulator"
import { encodeInsertResponse } from "@crmod-cti/soap-codec"
import { CtiClient } from "@crmod-cti/soap-http"
import {
  createClient,
  CtiTransportError,
  makeKeepAliveAgents,
  NodeCtiClient,
  NodeHttpAgent,
} from "@crmod-cti/transport-node"
import { type CrmServer, startCrmServer } from "@crmod-cti/testing"
import { Effect, Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const call: Interaction = { InteractionId: "NODE-1", AgentOfferTime: 1287786900, ChannelType: "Inbound Call" }
const ok = encodeInsertResponse([
  { Status: "OK", InteractionId: "NODE-1", AgentOfferTime: 1287786900, ActivityId: "1QA2-X" },
])
const user = { username: DemoUsers.mosDef, password: DemoPassword }

/** A raw HTTP/1.1 server: `answer(socket, requestNumberOnThisSocket)` for each whole request. */
const rawServer = async (answer: (socket: net.Socket, nth: number) => void) => {
  let connections = 0
  const server = net.createServer((socket) => {
    connections += 1
    let buffered = ""
    let nth = 0
    socket.on("data", (data) => {
      buffered += data.toString("latin1")
      for (;;) {
        const headEnd = buffered.indexOf("\r\n\r\n")
        const length = Number(/content-length: (\d+)/i.exec(buffered)?.[1] ?? "0")
        if (headEnd < 0 || buffered.length < headEnd + 4 + length) return
        buffered = buffered.slice(headEnd + 4 + length)
        nth += 1
        answer(socket, nth)
      }
    })
    socket.on("error", () => undefined)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const endpoint = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/Services/Integration`
  return {
    endpoint,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

const respond = (socket: net.Socket, body: string) =>
  socket.write(
    `HTTP/1.1 200 OK\r\ncontent-type: text/xml; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `connection: keep-alive\r\n\r\n${body}`,
  )

describe("The Node client's connections", () => {
  it("a kept-alive connection that the server closes as it is reused: the request goes again on a new one", async () => {
    // The server answers the first request of each connection, and drops the connection at the second.
    const server = await rawServer((socket, nth) => (nth === 1 ? respond(socket, ok) : socket.destroy()))
    const client = createClient({ endpoint: server.endpoint, ...user, retry: false, pacing: false })
    expect((await client.insert([call]))[0]?.Status).toBe("OK")
    expect((await client.insert([call]))[0]?.Status).toBe("OK")
    expect(server.connections()).toBe(2)
    client.close()
    await server.close()
  })

  it("timeoutMs bounds the whole exchange, even when the server trickles bytes", async () => {
    // One byte every 20 ms: the whole answer would take over 10 s, each byte well within the timeout.
    let sent = 0
    const server = await rawServer((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ncontent-length: ${ok.length}\r\n\r\n`)
      const drip = setInterval(() => {
        if (socket.destroyed || sent >= ok.length) return clearInterval(drip)
        socket.write(ok[sent++] ?? "")
      }, 20)
    })
    const client = createClient({ endpoint: server.endpoint, ...user, retry: false, timeoutMs: 300 })
    const error = await client.insert([call]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CtiTransportError)
    expect(error).toMatchObject({ reason: "Timeout", endpoint: server.endpoint })
    // Counted, not timed: the client gave up long before the answer was complete.
    expect(sent).toBeLessThan(ok.length / 2)
    client.close()
    await server.close()
  })
})

describe("The Node client's calls are cancelled by their AbortSignal", () => {
  it("aborting a call closes its request's connection and rejects with the signal's reason", async () => {
    const requests: Array<net.Socket> = []
    const closed: Array<boolean> = []
    // The server reads the request and never answers.
    const server = await rawServer((socket) => {
      requests.push(socket)
      socket.on("close", () => closed.push(true))
    })
    const client = createClient({ endpoint: server.endpoint, ...user, pacing: false })
    const controller = new AbortController()
    const pending = client.insert([call], { signal: controller.signal }).catch((e: unknown) => e)
    while (requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    controller.abort()
    expect(await pending).toMatchObject({ name: "AbortError" })
    while (closed.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(closed).toEqual([true])
    client.close()
    await server.close()
  })
})

describe("The Node client's services", () => {
  let server: CrmServer
  let endpoint: string
  beforeAll(async () => {
    server = await startCrmServer()
    endpoint = server.endpoint
  })
  afterAll(() => server.close())

  it("NodeHttpAgent is replaceable: the client sends through the agents provided", async () => {
    let created = 0
    class CountingAgent extends http.Agent {
      override createConnection(...args: Parameters<http.Agent["createConnection"]>) {
        created += 1
        return super.createConnection(...args)
      }
    }
    const agents = { http: new CountingAgent({ keepAlive: true }), https: makeKeepAliveAgents().https }
    const program = Effect.flatMap(CtiClient, (client) => client.insert([{ ...call, InteractionId: "AGENT-1" }]))
    const results = await Effect.runPromise(
      Effect.provide(
        program,
        NodeCtiClient.layerWithoutAgent({ endpoint, ...user }).pipe(
          Layer.provide(Layer.succeed(NodeHttpAgent, agents)),
        ),
      ),
    )
    expect(results[0]?.Status).toBe("OK")
    expect(created).toBe(1)
    agents.http.destroy()
  })

  it("a request with text beyond ASCII goes whole: its Content-Length counts UTF-8 bytes, not characters", async () => {
    const client = createClient({ endpoint, ...user, pacing: false })
    const [result] = await client.insert([{ ...call, InteractionId: "NODE-UTF8", Queue: "Réception – 受付" }])
    expect(result?.Status).toBe("OK")
    await client.close()
  })

  it("the Promise API rejects with the typed errors", async () => {
    const client = createClient({ endpoint, ...user, password: "wrong" })
    const fault = await client.insert([call]).catch((e: unknown) => e)
    expect(fault).toBeInstanceOf(CtiFault)
    expect(fault).toEqual(Faults.authenticationFailed())
    client.close()
  })

  it("close ends the client's own keep-alive connections, and leaves agents it was given open", async () => {
    const connections: Array<net.Socket> = []
    server.server.on("connection", (socket: net.Socket) => connections.push(socket))
    const own = createClient({ endpoint, ...user })
    await own.insert([{ ...call, InteractionId: "CLOSE-1" }])
    own.close()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(connections.length).toBeGreaterThan(0)
    expect(connections.every((socket) => socket.destroyed)).toBe(true)

    const agents = makeKeepAliveAgents()
    const lent = createClient({ endpoint, ...user, agents })
    await lent.insert([{ ...call, InteractionId: "CLOSE-2" }])
    lent.close()
    expect(Object.keys(agents.http.freeSockets)).toHaveLength(1)
    agents.http.destroy()
  })

  it("an endpoint that is not an http(s) URL is refused when the client is made, with a TypeError", () => {
    expect(() => createClient({ endpoint: "ftp://example.com/Services/Integration", ...user })).toThrow(
      new TypeError('endpoint must be an http(s) URL, got "ftp://example.com/Services/Integration"'),
    )
    expect(() => createClient({ endpoint: "127.0.0.1:8080", ...user })).toThrow(/endpoint must be an http\(s\) URL/)
  })

  it("options out of range are refused when the client is made, naming the option and the value", () => {
    const endpoint = "http://127.0.0.1:9/Services/Integration"
    expect(() => createClient({ endpoint, ...user, timeoutMs: -1 })).toThrow(
      new RangeError("timeoutMs must be a number from 1 to 600000, got -1"),
    )
    // The error itself, not Effect's wrapper of it: callers of the Promise API test it with instanceof.
    expect(() => createClient({ endpoint, ...user, concurrency: 0 })).toThrow(RangeError)
    expect(() => createClient({ endpoint, ...user, retry: { maxElapsed: "soon" as never } })).toThrow(
      new RangeError('maxElapsed must be a duration (milliseconds, or text such as "30 seconds"), got "soon"'),
    )
  })
})
