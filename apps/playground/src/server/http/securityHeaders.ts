import { secureHeaders } from "hono/secure-headers"

/** The pages' Content-Security-Policy: only this origin's scripts, styles and frames; no inline script or style. */
export const ContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'self'; " +
  "form-action 'self'; base-uri 'none'"

/**
 * Set on every response, the CTI Web service's included: the policy above, `nosniff`, a same-origin referrer
 * policy, and Hono's other defaults. No HSTS: the playground is plain HTTP on loopback by default.
 */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", "data:"],
      frameAncestors: ["'self'"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
    },
    referrerPolicy: "same-origin",
    strictTransportSecurity: false,
  })
