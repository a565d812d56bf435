import * as http from "node:http"
import type { AddressInfo } from "node:net"

/** What the service saw, as a proxy in front of it counts. */
export interface Tally {
  requests: number
  /** Requests the service answered with its rate limiter's fault. */
  rateLimited: number
  /** Interactions per request the service did not refuse for the rate, in the order it answered them. */
  readonly sizes: Array<number>
  /** When each request reached the proxy (`performance.now()`), in order: to compare spacings, never to time a test. */
  readonly arrivals: Array<number>
}

export interface CountingProxy {
  /** `<proxy>/Services/Integration`. */
  readonly endpoint: string
  readonly tally: Tally
  /** The next request carrying `interactionId` reaches the service, and its answer is lost (the connection cut). */
  readonly loseAnswerOf: (interactionId: string) => void
  /** Requests carrying `interactionId` wait at the proxy until `release`; resolves when the first one arrives. */
  readonly hold: (interactionId: string) => { readonly arrived: Promise<void>; readonly release: () => void }
  readonly reset: () => void
  readonly close: () => Promise<void>
}

const interactionIds = (body: string) => [...body.matchAll(/<(?:\w+:)?InteractionId>([^<]*)</g)].map((m) => m[1]!)

/** A node:http proxy on 127.0.0.1 in front of `upstream` (a CTI endpoint) that counts what passes. */
export const startCountingProxy = async (upstream: string): Promise<CountingProxy> => {
  const tally: Tally = { requests: 0, rateLimited: 0, sizes: [], arrivals: [] }
  const lose = new Set<string>()
  const held = new Map<string, { arrive: () => void; released: Promise<void> }>()
  const agent = new http.Agent({ keepAlive: true })
  const server = http.createServer((req, res) => {
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", async () => {
      tally.arrivals.push(performance.now())
      const body = Buffer.concat(chunks)
      const ids = interactionIds(body.toString("utf8"))
      const hold = ids.map((id) => held.get(id)).find((entry) => entry !== undefined)
      if (hold !== undefined) {
        hold.arrive()
        await hold.released
      }
      const lost = ids.find((id) => lose.has(id))
      const forwarded = http.request(upstream, { method: "POST", headers: req.headers, agent }, (answer) => {
        const parts: Array<Buffer> = []
        answer.on("data", (part: Buffer) => parts.push(part))
        answer.on("end", () => {
          const text = Buffer.concat(parts)
          tally.requests += 1
          if (text.includes("SBL-ODU-01005")) {
            tally.rateLimited += 1
          } else {
            tally.sizes.push(ids.length)
            // The service did the request: its answer is lost on the way back.
            if (lost !== undefined && lose.delete(lost)) return res.destroy()
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers).end(text)
        })
      })
      forwarded.on("error", () => res.destroy())
      forwarded.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    endpoint: `${url}/Services/Integration`,
    tally,
    loseAnswerOf: (id) => lose.add(id),
    hold: (id) => {
      let arrive: () => void = () => undefined
      let release: () => void = () => undefined
      const arrived = new Promise<void>((resolve) => {
        arrive = resolve
      })
      const released = new Promise<void>((resolve) => {
        release = resolve
      })
      held.set(id, { arrive, released })
      return {
        arrived,
        release: () => {
          held.delete(id)
          release()
        },
      }
    },
    reset: () => {
      tally.requests = 0
      tally.rateLimited = 0
      tally.sizes.length = 0
      tally.arrivals.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
