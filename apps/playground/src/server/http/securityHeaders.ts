import { secureHeaders } from "hono/secure-headers"

/**
 * Set on every response, the CTI Web service's included: a Content-Security-Policy that allows only this origin's
 * scripts, styles and frames, and no inline script or style; `nosniff`; a same-origin referrer policy; and Hono's
 * other defaults. No HSTS: the playground is plain HTTP on loopback by default.
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
