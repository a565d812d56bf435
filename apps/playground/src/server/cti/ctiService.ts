import { type CtiAppOptions, makeCtiApp } from "@crmod-cti/emulator-http"
import type { Hono } from "hono"
import { SecurityHeaders } from "../http/securityHeaders.js"

/**
 * The CRM side's HTTP service, mounted before the pages: the CTI Activity Web service (415 for a content type
 * other than `text/xml` or `application/soap+xml`), its WSDL and `/healthz` (`CONTRACT.md` §2, §9), as
 * `@crmod-cti/emulator-http` serves them. The one place that knows where the service comes from. Its answers carry
 * the security headers of every page, built into them once rather than set by a middleware on each answer: a
 * program's SOAP requests go past the pages' middleware, none of which they need (`playgroundApp.ts`).
 */
export const ctiServiceApp = (options: Omit<CtiAppOptions, "headers">): Hono =>
  makeCtiApp({ ...options, headers: SecurityHeaders })
