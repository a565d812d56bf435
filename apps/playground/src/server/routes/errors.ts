import { type Reply, pageReply } from "../http/Reply.js"
import { html, type Interpolation } from "../html.js"
import { errorPage } from "../pages/ErrorPage.js"
import type { SignedIn } from "../session/signedIn.js"

export const errorReply = (status: number, title: string, message: Interpolation, who?: SignedIn): Reply =>
  pageReply(status, errorPage({ status, title, message, who }))

/** The chapter's words for a missing privilege. */
export const accessDenied = (who: SignedIn, why: string): Reply => errorReply(403, "Access Denied", why, who)

export const notFound = (who: SignedIn | undefined, what: string): Reply => errorReply(404, "Not Found", what, who)

/** A request parameter that is missing or wrong, named on the page. */
export const badParameter = (who: SignedIn | undefined, message: string, parameter: string): Reply =>
  errorReply(
    400,
    "Invalid Request",
    html`<p>${message}</p><p class="muted">Parameter: <code class="parameter">${parameter}</code></p>`,
    who,
  )
