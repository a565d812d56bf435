import { readForm } from "../http/formBody.js"
import { type Reply, redirectReply } from "../http/Reply.js"
import { logonUrl } from "../http/safeNext.js"
import type { RequestContext } from "../RequestContext.js"
import { currentUser, type SignedIn } from "../session/signedIn.js"
import { sameToken } from "../session/token.js"
import { errorReply } from "./errors.js"
import type { Handler } from "./Route.js"

/** Where a request goes back to after signing in: the same path and query (a POST comes back as its GET page). */
const sameRequest = (ctx: RequestContext) => `${ctx.url.pathname}${ctx.url.search}`

/** A page that needs a session: without one, the user signs in first and then comes back to `next`. */
export const signedIn =
  (handler: (ctx: RequestContext, who: SignedIn) => Promise<Reply>, next = sameRequest): Handler =>
  async (ctx) => {
    const who = await currentUser(ctx)
    return who === undefined ? redirectReply(logonUrl(next(ctx)), 302) : handler(ctx, who)
  }

/** The fields of a POSTed form, or the page saying why there are none. */
export const formOf = async (ctx: RequestContext, who?: SignedIn): Promise<URLSearchParams | Reply> => {
  const body = await readForm(ctx.req)
  switch (body._tag) {
    case "Form":
      return body.fields
    case "TooLarge":
      return errorReply(413, "Form Too Large", "The form sent is larger than this page accepts.", who)
    case "UnsupportedType":
      return errorReply(415, "Unsupported Form", "Forms must be sent as application/x-www-form-urlencoded.", who)
  }
}

export const csrfRejected = (who?: SignedIn): Reply =>
  errorReply(
    403,
    "Form Expired",
    "This form has expired or did not come from this site, so nothing was changed. Reload the page and try again.",
    who,
  )

/** A data-changing form of a signed-in user: read it and check its CSRF token against the session's. */
export const signedInForm = (handler: (ctx: RequestContext, who: SignedIn, form: URLSearchParams) => Promise<Reply>) =>
  signedIn(async (ctx, who) => {
    const form = await formOf(ctx, who)
    if (!(form instanceof URLSearchParams)) return form
    if (!sameToken(form.get("csrf"), who.session.csrfToken)) return csrfRejected(who)
    return handler(ctx, who, form)
  })
