import { type CtiAppOptions, makeCtiApp } from "@crmod-cti/emulator-http"
import type { Hono } from "hono"

/**
 * The CRM side's HTTP service, mounted before the pages: the CTI Activity Web service (415 for a content type
 * other than `text/xml` or `application/soap+xml`), its WSDL and `/healthz` (`CONTRACT.md` §2, §9), as
 * `@crmod-cti/emulator-http` serves them. The one place that knows where the service comes from.
 */
export const ctiServiceApp = (options: CtiAppOptions): Hono => makeCtiApp(options)
