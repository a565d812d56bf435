/**
 * Where sign-in may send the user afterwards: a path of this server only (`/…`, not `//host` or `/\host`, which
 * browsers read as another site), so the `next` parameter cannot be an open redirect.
 */
export const safeNext = (next: string | null | undefined, fallback = "/"): string =>
  next !== null && next !== undefined && /^\/(?![/\\])/.test(next) && !/[\p{Cc}\\]/u.test(next) ? next : fallback

/** The sign-in page's URL that brings the user back to `next`. */
export const logonUrl = (next: string): string => `/OnDemand/logon?next=${encodeURIComponent(next)}`
