import type { PlaygroundContext } from "../app/Playground.js"
import { logonUrl } from "../http/safeNext.js"
import { redirectTo } from "../http/responses.js"
import type { SignedIn } from "../session/signedIn.js"

/** Where a request goes back to after signing in: the same path and query (a POST comes back as its GET page). */
const sameRequest = (c: PlaygroundContext) => {
  const url = new URL(c.req.url)
  return `${url.pathname}${url.search}`
}

/** A page that needs a session: without one, the user signs in first and then comes back. */
export const signedIn =
  (handler: (c: PlaygroundContext, who: SignedIn) => Promise<Response>) =>
  (c: PlaygroundContext): Promise<Response> => {
    const who = c.var.who
    return who === undefined ? Promise.resolve(redirectTo(c, logonUrl(sameRequest(c)), 302)) : handler(c, who)
  }

/**
 * A data-changing form of a signed-in user; `sessionAndCsrf` has read it and checked its token (a POST without a
 * session is sent to sign in, like a page).
 */
export const signedInForm = (
  handler: (c: PlaygroundContext, who: SignedIn, form: URLSearchParams) => Promise<Response>,
) => signedIn((c, who) => handler(c, who, postedForm(c)))

/** The POSTed form `sessionAndCsrf` read and checked. */
export const postedForm = (c: PlaygroundContext): URLSearchParams => {
  const form = c.var.form
  if (form === undefined) throw new Error(`A form at ${c.req.path} without sessionAndCsrf before it`)
  return form
}
