const base = "http://playground.invalid"

// `//host` and `/\host` are read by browsers as another site.
const leavesServer = (path: string) => /^\/[/\\]/.test(path)

/** `path` as a URL of this server, joined to a base as text (not resolved), or undefined if it is none. */
const onThisServer = (path: string): string | undefined => {
  if (!path.startsWith("/") || leavesServer(path) || /[\p{Cc}\\]/u.test(path)) return undefined
  try {
    const url = new URL(`${base}${path}`)
    const target = `${url.pathname}${url.search}${url.hash}`
    // Checked again once normalised: `/..//evil.example` would otherwise become `//evil.example`.
    return url.origin === base && !leavesServer(target) ? target : undefined
  } catch {
    return undefined
  }
}

/**
 * Where sign-in may send the user afterwards (`CONTRACT.md` §9): a path of this server only, of any characters,
 * so the `next` parameter cannot be an open redirect. Kept as sent, for the sign-in form's hidden field.
 */
export const safeNext = (next: string | null | undefined, fallback = "/"): string =>
  next !== null && next !== undefined && onThisServer(next) !== undefined ? next : fallback

/** A safe `next` as a `Location`: percent-encoded, since a header cannot carry `Ā`. */
export const nextLocation = (next: string): string => onThisServer(next) ?? "/"

/** The sign-in page's URL that brings the user back to `next`. */
export const logonUrl = (next: string): string => `/OnDemand/logon?next=${encodeURIComponent(next)}`
