import type { Context } from "hono"
import { deleteCookie, getCookie, setCookie } from "hono/cookie"

// Not `Secure`: the playground is served over plain HTTP on loopback by default.
const attributes = { path: "/", httpOnly: true, sameSite: "Lax" } as const

/** A cookie of the request; a malformed value is no cookie of ours. */
export const readCookie = (c: Context, name: string): string | undefined => getCookie(c, name)

/** Sets a cookie that lives as long as the browser session. */
export const writeCookie = (c: Context, name: string, value: string): void => setCookie(c, name, value, attributes)

export const removeCookie = (c: Context, name: string): void => {
  deleteCookie(c, name, attributes)
}
