/** The cookies of a request's `Cookie` header; the first of a repeated name wins, undecodable values are skipped. */
export const parseCookies = (header: string | undefined): ReadonlyMap<string, string> => {
  const cookies = new Map<string, string>()
  for (const pair of (header ?? "").split(";")) {
    const equals = pair.indexOf("=")
    if (equals < 0) continue
    const name = pair.slice(0, equals).trim()
    if (name === "" || cookies.has(name)) continue
    try {
      cookies.set(name, decodeURIComponent(pair.slice(equals + 1).trim()))
    } catch {
      // A malformed value is no cookie of ours.
    }
  }
  return cookies
}

// Not `Secure`: the playground is served over plain HTTP on loopback by default.
const attributes = "Path=/; HttpOnly; SameSite=Lax"

/** A `Set-Cookie` value that lives as long as the browser session. */
export const setCookie = (name: string, value: string): string => `${name}=${encodeURIComponent(value)}; ${attributes}`

/** A `Set-Cookie` value that removes the cookie. */
export const clearCookie = (name: string): string => `${name}=; ${attributes}; Max-Age=0`
