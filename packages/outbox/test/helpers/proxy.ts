import * as http from "node:http"
import type { AddressInfo } from "node:net"

/** An HTTP hop in front of the CRM server that counts what is sent, and can be taken down. */
export interface CountingProxy {
  /** `http://127.0.0.1:<port>/Services/Integration` */
  readonly endpoint: string
  /** Requests that reached the proxy, by operation and InteractionId (`insert:ID`, `wrapUp:ID`). */
  readonly sent: Map<string, number>
  /** Requests answered by the CRM server. */
  readonly forwarded: () => number
  /** While down, every connection is reset before an answer (a transport failure). */
  readonly setDown: (down: boolean) => void
  /** While set, requests are held: never forwarded, never answered. */
  readonly setHold: (hold: boolean) => void
  /** Every `n`th request is reset before it reaches the CRM server (0: none). */
  readonly setResetEvery: (n: number) => void
  /** While set, requests reach the CRM server but their answers are lost (the connection is reset). */
  readonly setLoseAnswers: (lose: boolean) => void
  readonly close: () => Promise<void>
}

const interactionIds = /<(?:\w+:)?InteractionId>([^<]*)</g

export const startProxy = async (target: string, port = 0): Promise<CountingProxy> => {
  const sent = new Map<string, number>()
  let down = false
  let loseAnswers = false
  let resetEvery = 0
  let hold = false
  let requests = 0
  let forwarded = 0
  const server = http.createServer((request, response) => {
    const chunks: Array<Buffer> = []
    request.on("data", (chunk: Buffer) => chunks.push(chunk))
    request.on("end", () => {
      if (hold) return
      requests++
      if (down || (resetEvery > 0 && requests % resetEvery === 0)) return void request.socket.destroy()
      const body = Buffer.concat(chunks)
      const text = body.toString("utf8")
      const operation = text.includes("CTIActivityWrapUp") ? "wrapUp" : "insert"
      for (const match of text.matchAll(interactionIds)) {
        const key = `${operation}:${match[1]}`
        sent.set(key, (sent.get(key) ?? 0) + 1)
      }
      const upstream = http.request(
        new URL(request.url ?? "/", target),
        // A connection of its own for each request: a kept-alive one the server closes meanwhile would lose an answer.
        { method: request.method, headers: request.headers, agent: false },
        (answer) => {
          forwarded++
          if (loseAnswers) {
            answer.resume()
            return void request.socket.destroy()
          }
          response.writeHead(answer.statusCode ?? 500, answer.headers)
          answer.pipe(response)
        },
      )
      upstream.on("error", () => request.socket.destroy())
      upstream.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve))
  const address = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${address.port}/Services/Integration`,
    sent,
    forwarded: () => forwarded,
    setDown: (value) => {
      down = value
    },
    setHold: (value) => {
      hold = value
    },
    setResetEvery: (n) => {
      resetEvery = n
    },
    setLoseAnswers: (value) => {
      loseAnswers = value
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A loopback port nothing listens on (yet). */
export const freePort = async (): Promise<number> => {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
