import { type CtiServerOptions, makeCtiRequestHandler } from "@crmod-cti/soap-http"
import { makeCtiFetchHandler } from "@crmod-cti/transport-fetch"
import { Hono } from "hono"

/**
 * The CRM side's HTTP service as a Hono app: the CTI Activity Web service, its WSDL and `/healthz`
 * (`CONTRACT.md` §2). Other requests go on to the playground's pages. The one place that knows where the service
 * comes from: today transport-fetch's handler, tomorrow `@crmod-cti/emulator-http`'s app.
 */
export const ctiServiceApp = (options: CtiServerOptions): Hono => {
  const cti = makeCtiRequestHandler(options)
  const handle = makeCtiFetchHandler(cti)
  const app = new Hono()
  app.use(async (c, next) => {
    const url = new URL(c.req.url)
    return cti.matches(c.req.method, url.pathname + url.search) ? handle(c.req.raw) : next()
  })
  return app
}
