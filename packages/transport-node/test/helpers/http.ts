import * as http from "node:http"
import { callFields, rawRequest, securityOf } from "@crmod-cti/testing"

export interface Answer {
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: string
}

/**
 * POSTs a body as it is and resolves with the answer as soon as it is whole, even if the server closed the
 * connection before taking all of the body (as it does past the size limit).
 */
export const post = (url: string, body: string | Buffer, agent?: http.Agent): Promise<Answer> =>
  new Promise((resolve, reject) => {
    let answered = false
    const req = http.request(
      url,
      { method: "POST", headers: { "content-type": "text/xml; charset=utf-8" }, agent },
      (res) => {
        const chunks: Array<Buffer> = []
        res.on("data", (chunk: Buffer) => chunks.push(chunk))
        res.on("end", () => {
          answered = true
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") })
        })
        res.on("error", () => undefined)
      },
    )
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
export const insertBody = (
  interaction = callFields("900000000051"),
  header = securityOf({ username: "OKP/mos.def", password: "password" }),
) => rawRequest(header, [interaction])
