import { Hono } from "hono"
import { formBodyLimit } from "../http/forms.js"
import { securityHeaders } from "../http/securityHeaders.js"
import { errorResponse, formTooLarge } from "../routes/errors.js"
import { mountFiles } from "../routes/files.js"
import { sessionAndCsrf } from "../session/sessionAndCsrf.js"
import type { Playground, PlaygroundContext, PlaygroundEnv, Route } from "./Playground.js"
import { requestContext } from "./requestContext.js"

export type RequestErrorListener = (error: unknown, request: Request) => void

export interface PlaygroundAppOptions {
  readonly playground: Playground
  readonly routes: ReadonlyArray<Route>
  /** The CRM side's service (Web service, WSDL, health), answered before any page. */
  readonly service?: Hono
  /** The server's own URL, for a request whose Host header cannot be echoed into links. */
  readonly fallbackOrigin: () => string
  /** Told of anything a page throws; the visitor sees a 500 page without detail. */
  readonly onError: RequestErrorListener
}

const methodNotAllowed = (route: Route) => {
  const allow = [route.get && "GET, HEAD", route.post && "POST"].filter(Boolean).join(", ")
  return (c: PlaygroundContext) => {
    c.header("allow", allow)
    return errorResponse(c, 405, "Method Not Allowed", `This page takes ${allow}.`, c.var.who)
  }
}

/**
 * The playground as one Hono app: the CTI service first, then the pages behind their middleware (security headers,
 * request context, the form body limit, sessions and CSRF), the files, 404 and 500 pages. A known path with another
 * method is a 405 with `Allow`. Every answer has the security headers.
 */
export const makePlaygroundApp = (options: PlaygroundAppOptions): Hono<PlaygroundEnv> => {
  const app = new Hono<PlaygroundEnv>()
  // Ahead of every middleware: a program's SOAP request needs no session, cookie or form, and the service's answers
  // carry the security headers already (`ctiService.ts`). What the service does not answer goes on to the pages.
  if (options.service !== undefined) app.route("/", options.service)
  app.use(securityHeaders())
  app.use(requestContext(options.playground, options.fallbackOrigin))
  app.use(formBodyLimit((c) => formTooLarge(c)))
  app.use(sessionAndCsrf)
  for (const route of options.routes) {
    if (route.get !== undefined) app.get(route.path, route.get)
    if (route.post !== undefined) app.post(route.path, route.post)
    app.all(route.path, methodNotAllowed(route))
  }
  mountFiles(app)
  app.notFound((c) => errorResponse(c, 404, "Page Not Found", "There is no page at this address.", c.var.who))
  app.onError((error, c) => {
    options.onError(error, c.req.raw)
    return errorResponse(c, 500, "Something Went Wrong", "The page could not be shown. Please try again.")
  })
  return app
}
