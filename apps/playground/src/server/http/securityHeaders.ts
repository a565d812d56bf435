import type { MiddlewareHandler } from "hono"

/**
 * Set on every answer, the CTI Web service's included: a Content-Security-Policy that allows only this origin's
 * scripts, styles and frames, and no inline script or style; `nosniff`; a same-origin referrer policy; and the
 * rest of what Hono's `secureHeaders` sets by default. No HSTS: the playground is plain HTTP on loopback by default.
 * One constant record: the CTI service builds it into its answers (`ctiService.ts`), the pages get it from
 * `securityHeaders()`.
 */
export const SecurityHeaders: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'self'; " +
    "form-action 'self'; base-uri 'none'",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "origin-agent-cluster": "?1",
  "referrer-policy": "same-origin",
  "x-content-type-options": "nosniff",
  "x-dns-prefetch-control": "off",
  "x-download-options": "noopen",
  "x-frame-options": "SAMEORIGIN",
  "x-permitted-cross-domain-policies": "none",
  "x-xss-protection": "0",
}

const securityHeaderEntries = Object.entries(SecurityHeaders)

/** Sets `SecurityHeaders` on the answer of every request it sees, whoever made it. */
export const securityHeaders = (): MiddlewareHandler => async (c, next) => {
  await next()
  for (const [name, value] of securityHeaderEntries) c.res.headers.set(name, value)
}
