import type { Context } from "hono"
import type { Html } from "../html.js"

export type HeaderValues = Readonly<Record<string, string>>

/** A page of HTML, never cached (pages show a user's data). */
export const htmlPage = (c: Context, status: number, page: Html, headers: HeaderValues = {}): Response =>
  c.body(`<!doctype html>\n${page.markup}`, status as 200, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    ...headers,
  })

/**
 * 303 after a form (the browser follows with GET); 302 where the contract says so (the CTICommand servlet).
 * `location` is a path of this server, already percent-encoded (`safeNext`, `detailUrl`…).
 */
export const redirectTo = (c: Context, location: string, status: 302 | 303 = 303): Response => {
  c.header("cache-control", "no-store")
  return c.redirect(location, status)
}

export const textResponse = (c: Context, status: number, text: string, headers: HeaderValues = {}): Response =>
  c.body(text, status as 200, { "content-type": "text/plain; charset=utf-8", ...headers })
