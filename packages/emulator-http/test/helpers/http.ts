import * as http from "node:http"
import type { Interaction } from "@crmod-cti/core"
import { DemoPassword, DemoUsers } from "@crmod-cti/emulator"
import { type CtiAppOptions, makeCtiApp, type RunningServer, ServicePath, serve } from "@crmod-cti/emulator-http"
import { callFields, rawRequest, securityOf } from "@crmod-cti/testing"

export const mosDef = { username: DemoUsers.mosDef, password: DemoPassword } as const
export const callAgent = { username: DemoUsers.callAgent, password: DemoPassword } as const

/** `count` inbound calls with ids `<prefix>-<n>`. */
export const calls = (prefix: string, count: number): ReadonlyArray<Interaction> =>
  Array.from({ length: count }, (_, i) => ({
    InteractionId: `${prefix}-${i + 1}`,
    AgentOfferTime: 1700000000 + i,
    ChannelType: "Inbound Call",
  }))

/** The app for the options, on @hono/node-server on 127.0.0.1 and a free port. */
export const serveApp = async (options: CtiAppOptions): Promise<RunningServer & { readonly endpoint: string }> => {
  const running = await serve(makeCtiApp(options))
  return { ...running, endpoint: `${running.url}${ServicePath}` }
}

export interface Answer {
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

/**
 * POSTs a body as it is and resolves with the answer as soon as it is whole, even if the server closed the
 * connection before taking all of the body (as it does past the size limit).
 */
export const post = (
  url: string,
  body: string | Buffer,
  agent?: http.Agent,
  headers: http.OutgoingHttpHeaders = { "content-type": "text/xml; charset=utf-8" },
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    let answered = false
    const req = http.request(url, { method: "POST", headers, agent }, (res) => {
      const chunks: Array<Buffer> = []
      res.on("data", (chunk: Buffer) => chunks.push(chunk))
      res.on("end", () => {
        answered = true
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") })
      })
      res.on("error", () => undefined)
    })
    req.on("error", (error) => {
      if (!answered) reject(error)
    })
    req.end(body)
  })

export const statusesOf = (body: string): ReadonlyArray<string> =>
  [...body.matchAll(/<ns1:Status>([^<]*)<\/ns1:Status>/g)].map((match) => match[1] ?? "")

export const activityIdsOf = (body: string): ReadonlyArray<string> =>
  [...body.matchAll(/<ns1:ActivityId>([^<]*)<\/ns1:ActivityId>/g)].map((match) => match[1] ?? "")

/** A raw insert request whose one interaction has the given element content (a call by default). */
export const insertBody = (interaction = callFields("900000000051"), header = securityOf(mosDef)) =>
  rawRequest(header, [interaction])
