import type { ServerResponse } from "node:http"

/** The pages' Content-Security-Policy: only this origin's scripts, styles and frames; no inline script or style. */
export const ContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'self'; " +
  "form-action 'self'; base-uri 'none'"

/** Set on every response, the CTI Web service's included, before anything is written. */
export const setSecurityHeaders = (res: ServerResponse): void => {
  res.setHeader("content-security-policy", ContentSecurityPolicy)
  res.setHeader("x-content-type-options", "nosniff")
  res.setHeader("referrer-policy", "same-origin")
}
