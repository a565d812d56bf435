import type { Context } from "hono"
import { html, type Interpolation } from "../html.js"
import { htmlPage } from "../http/responses.js"
import { errorPage } from "../pages/ErrorPage.js"
import type { SignedIn } from "../session/signedIn.js"

export const errorResponse = (
  c: Context,
  status: number,
  title: string,
  message: Interpolation,
  who?: SignedIn,
): Response => htmlPage(c, status, errorPage({ status, title, message, who }))

/** The chapter's words for a missing privilege. */
export const accessDenied = (c: Context, who: SignedIn, why: string): Response =>
  errorResponse(c, 403, "Access Denied", why, who)

export const notFound = (c: Context, who: SignedIn | undefined, what: string): Response =>
  errorResponse(c, 404, "Not Found", what, who)

/** A request parameter that is missing or wrong, named on the page. */
export const badParameter = (c: Context, who: SignedIn | undefined, message: string, parameter: string): Response =>
  errorResponse(
    c,
    400,
    "Invalid Request",
    html`<p>${message}</p><p class="muted">Parameter: <code class="parameter">${parameter}</code></p>`,
    who,
  )

/** A form without the session's token, or sent from another site: nothing changes. */
export const formRejected = (c: Context, who?: SignedIn): Response =>
  errorResponse(
    c,
    403,
    "Form Expired",
    "This form has expired or did not come from this site, so nothing was changed. Reload the page and try again.",
    who,
  )

export const formTooLarge = (c: Context, who?: SignedIn): Response =>
  errorResponse(c, 413, "Form Too Large", "The form sent is larger than this page accepts.", who)

export const unsupportedForm = (c: Context, who?: SignedIn): Response =>
  errorResponse(c, 415, "Unsupported Form", "Forms must be sent as application/x-www-form-urlencoded.", who)
