import * as http from "node:http"
import type { AddressInfo } from "node:net"
import type { CtiFault, InsertResult } from "@crmod-cti/core"
import { decodeRequest, encodeFault, encodeInsertResponse } from "@crmod-cti/soap-codec"
import { Either } from "effect"

/** What the hostile server does with one request, given its body. */
export type Hostility = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void

export interface HostileServer {
  readonly url: string
  /** `<url>/<name>`: the path names the hostility. */
  readonly endpoint: (name: string) => string
  /** Requests received, by path. */
  readonly requests: (name: string) => number
  readonly close: () => Promise<void>
}

/** A node:http server on 127.0.0.1 that answers each path by its hostility. */
export const startHostileServer = async (hostilities: Readonly<Record<string, Hostility>>): Promise<HostileServer> => {
  const counts = new Map<string, number>()
  const server = http.createServer((req, res) => {
    const name = (req.url ?? "/").slice(1)
    counts.set(name, (counts.get(name) ?? 0) + 1)
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => {
      const hostility = hostilities[name]
      if (hostility === undefined) return res.writeHead(404).end()
      hostility(req, res, Buffer.concat(chunks).toString("utf8"))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    endpoint: (name) => `${url}/${name}`,
    requests: (name) => counts.get(name) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const xml = { "content-type": "text/xml; charset=utf-8" }

/** Answers a request with OK results for its interactions, changed by `alter`. */
export const okAnswer =
  (alter: (results: Array<InsertResult>) => Array<InsertResult> = (results) => results): Hostility =>
  (_req, res, body) => {
    const interactions = Either.getOrThrow(decodeRequest(body)).interactions
    const results = interactions.map(
      (interaction, i): InsertResult => ({
        Status: "OK",
        InteractionId: interaction.InteractionId,
        AgentOfferTime: interaction.AgentOfferTime,
        ActivityId: `A-${i}`,
      }),
    )
    res.writeHead(200, xml).end(encodeInsertResponse(alter(results)))
  }

export const faultAnswer =
  (fault: CtiFault): Hostility =>
  (_req, res) =>
    res.writeHead(500, xml).end(encodeFault(fault))

/** Streams `total` bytes of XML-looking text in chunks, as fast as the client reads; counts what was written. */
export const endlessAnswer = (total: number, declare: boolean) => {
  const tally = { written: 0, finished: false, closedEarly: false }
  const hostility: Hostility = (_req, res) => {
    res.writeHead(200, declare ? { ...xml, "content-length": String(total) } : xml)
    const chunk = Buffer.alloc(64 * 1024, "<a>")
    res.on("close", () => {
      if (!tally.finished) tally.closedEarly = true
    })
    const pump = () => {
      while (tally.written < total && !res.destroyed) {
        tally.written += chunk.length
        if (!res.write(chunk)) return res.once("drain", pump)
      }
      if (!res.destroyed) {
        tally.finished = true
        res.end()
      }
    }
    pump()
  }
  return { tally, hostility }
}
