import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { Faults } from "@crmod-cti/core"
import { decodeRequest, encodeFault } from "@crmod-cti/soap-codec"
import { ServicePath } from "@crmod-cti/emulator-http"
import { Either } from "effect"

/** What the proxy does with one request. */
export type Misbehaviour =
  /** Passes it on to the real server and its answer back. */
  | "forward"
  /** Passes it on (so the service does the work), sends back half of the answer, then destroys the connection. */
  | "cutMidResponse"
  /** Answers `502` with an HTML page, as a gateway does; the service never sees the request. */
  | "badGateway"
  /** Never answers. */
  | "stall"
  /** Passes it on only after `lateMs`, long past the client's timeout, and answers a client that is gone. */
  | "answerLate"
  /** Answers the rate limiter's fault (`RequestWait` 30 ms) with HTTP 500; the service never sees the request. */
  | "rateLimited"

/** What the proxy does with each attempt of a request: `first` in turn, then `afterwards` for ever. */
export interface Script {
  readonly first: ReadonlyArray<Misbehaviour>
  readonly afterwards: Misbehaviour
}

export interface MisbehavingProxy {
  /** `<url>/Services/Integration` of the proxy. */
  readonly endpoint: string
  /** Scripts the requests whose first interaction has this `InteractionId`; others are forwarded. */
  readonly script: (firstInteractionId: string, script: Script) => void
  /** What the proxy did with each request of that key, in order. */
  readonly attempts: (firstInteractionId: string) => ReadonlyArray<Misbehaviour>
  /** Resolves once every late request has reached the real server and been answered. */
  readonly idle: () => Promise<void>
  readonly close: () => Promise<void>
}

const badGatewayPage =
  "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"

interface Upstream {
  readonly status: number
  readonly contentType: string
  readonly body: Buffer
}

const readAll = (stream: http.IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    stream.on("data", (chunk: Buffer) => chunks.push(chunk))
    stream.on("end", () => resolve(Buffer.concat(chunks)))
    stream.on("error", reject)
  })

/**
 * A node:http server in front of the real one that misbehaves by script: each request's script is chosen by the
 * first `InteractionId` of its body and played attempt by attempt, whatever order concurrent requests arrive in.
 */
export const startMisbehavingProxy = async (
  target: string,
  options: { readonly lateMs: number },
): Promise<MisbehavingProxy> => {
  const agent = new http.Agent({ keepAlive: true })
  const scripts = new Map<string, Script>()
  const attemptsByKey = new Map<string, Array<Misbehaviour>>()
  const late = new Set<Promise<unknown>>()

  const forward = (url: string, body: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        `${target}${url}`,
        {
          method: "POST",
          agent,
          headers: { "content-type": "text/xml; charset=utf-8", "content-length": String(body.length) },
        },
        (res) =>
          readAll(res).then(
            (answer) =>
              resolve({ status: res.statusCode ?? 0, contentType: res.headers["content-type"] ?? "", body: answer }),
            reject,
          ),
      )
      req.on("error", reject)
      req.end(body)
    })

  const reply = (res: http.ServerResponse, upstream: Upstream) => {
    if (res.destroyed) return
    res.writeHead(upstream.status, { "content-type": upstream.contentType }).end(upstream.body)
  }

  const keyOf = (body: Buffer): string => {
    const decoded = decodeRequest(body)
    return Either.isRight(decoded) ? (decoded.right.interactions[0]?.InteractionId ?? "") : ""
  }

  const misbehave = async (
    misbehaviour: Misbehaviour,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
  ) => {
    const url = req.url ?? ServicePath
    switch (misbehaviour) {
      case "forward":
        return reply(res, await forward(url, body))
      case "cutMidResponse": {
        const upstream = await forward(url, body)
        res.writeHead(upstream.status, {
          "content-type": upstream.contentType,
          "content-length": String(upstream.body.length),
        })
        res.write(upstream.body.subarray(0, upstream.body.length >> 1), () => res.destroy())
        return
      }
      case "badGateway":
        res.writeHead(502, { "content-type": "text/html; charset=utf-8" }).end(badGatewayPage)
        return
      case "stall":
        return
      case "answerLate": {
        const answered = new Promise((resolve) => setTimeout(resolve, options.lateMs))
          .then(() => forward(url, body))
          .then((upstream) => reply(res, upstream))
        late.add(answered)
        return answered
      }
      case "rateLimited":
        res.writeHead(500, { "content-type": "text/xml; charset=utf-8" }).end(encodeFault(Faults.rateLimited(30)))
        return
    }
  }

  const server = http.createServer((req, res) => {
    readAll(req)
      .then((body) => {
        const key = keyOf(body)
        const attempts = attemptsByKey.get(key) ?? []
        attemptsByKey.set(key, attempts)
        const script = scripts.get(key) ?? { first: [], afterwards: "forward" }
        const misbehaviour = script.first[attempts.length] ?? script.afterwards
        attempts.push(misbehaviour)
        return misbehave(misbehaviour, req, res, body)
      })
      // The real server is out of reach: the client sees a broken connection, and the test says which.
      .catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  const idle = async () => {
    await Promise.allSettled([...late])
  }

  return {
    endpoint: `http://127.0.0.1:${port}${ServicePath}`,
    script: (firstInteractionId, script) => void scripts.set(firstInteractionId, script),
    attempts: (firstInteractionId) => attemptsByKey.get(firstInteractionId) ?? [],
    idle,
    close: async () => {
      await idle()
      agent.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
