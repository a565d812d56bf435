import type { ServerResponse } from "node:http"
import type { Html } from "../html.js"

export type HeaderValues = Readonly<Record<string, string | ReadonlyArray<string>>>

/** What a route answers; `sendReply` writes it. */
export type Reply =
  | { readonly _tag: "Page"; readonly status: number; readonly page: Html; readonly headers: HeaderValues }
  | { readonly _tag: "Redirect"; readonly status: 302 | 303; readonly location: string; readonly headers: HeaderValues }
  | {
      readonly _tag: "Content"
      readonly status: number
      readonly contentType: string
      readonly body: string | Uint8Array
      readonly headers: HeaderValues
    }
  /** The route has taken the response over (an event stream) and writes it itself. */
  | { readonly _tag: "Taken" }

export const pageReply = (status: number, page: Html, headers: HeaderValues = {}): Reply => ({
  _tag: "Page",
  status,
  page,
  headers,
})

/** 303 after a form (the browser follows with GET); 302 where the contract says so (the CTICommand servlet). */
export const redirectReply = (location: string, status: 302 | 303 = 303, headers: HeaderValues = {}): Reply => ({
  _tag: "Redirect",
  status,
  location,
  headers,
})

export const contentReply = (
  status: number,
  contentType: string,
  body: string | Uint8Array,
  headers: HeaderValues = {},
): Reply => ({ _tag: "Content", status, contentType, body, headers })

export const takenReply: Reply = { _tag: "Taken" }

const write = (res: ServerResponse, status: number, headers: HeaderValues, body: string | Uint8Array): void => {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body
  res.writeHead(status, { ...headers, "content-length": String(bytes.length) })
  res.end(bytes)
}

export const sendReply = (res: ServerResponse, reply: Reply): void => {
  switch (reply._tag) {
    case "Page":
      write(
        res,
        reply.status,
        { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...reply.headers },
        `<!doctype html>\n${reply.page.markup}`,
      )
      return
    case "Redirect":
      write(res, reply.status, { location: reply.location, "cache-control": "no-store", ...reply.headers }, "")
      return
    case "Content":
      write(res, reply.status, { "content-type": reply.contentType, ...reply.headers }, reply.body)
      return
    case "Taken":
      return
  }
}
