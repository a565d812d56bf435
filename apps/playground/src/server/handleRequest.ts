import type { IncomingMessage, ServerResponse } from "node:http"
import { parseCookies } from "./http/cookies.js"
import { pageReply, type Reply, sendReply } from "./http/Reply.js"
import { errorPage } from "./pages/ErrorPage.js"
import type { Playground, RequestContext } from "./RequestContext.js"
import { errorReply } from "./routes/errors.js"
import type { FilesRoute, Handler, Route } from "./routes/Route.js"
import { currentUser } from "./session/signedIn.js"

// A Host header we are willing to echo into links: a name or address and a port, nothing else.
const hostShape = /^[A-Za-z0-9.-]+(?::[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::[0-9]{1,5})?$/

const requestUrl = (target: string): URL | undefined => {
  try {
    // Joined as text, not resolved against a base: `//host/x` stays a path of this server.
    return target.startsWith("/") ? new URL(`http://playground.invalid${target}`) : undefined
  } catch {
    return undefined
  }
}

export type RequestErrorListener = (error: unknown, req: IncomingMessage) => void

/**
 * The playground's pages: exact paths, then file prefixes; an unknown path is a 404 page, a known path with
 * another method a 405. Anything a handler throws becomes a 500 page that shows no detail; the error goes to
 * `onError`.
 */
export const makeRequestHandler = (
  app: Playground,
  routes: ReadonlyArray<Route>,
  fileRoutes: ReadonlyArray<FilesRoute>,
  fallbackOrigin: () => string,
  onError: RequestErrorListener,
) => {
  const byPath = new Map(routes.map((route) => [route.path, route]))

  const route = async (ctx: RequestContext): Promise<Reply> => {
    const { pathname } = ctx.url
    const exact = byPath.get(pathname)
    if (exact !== undefined) {
      const handler: Handler | undefined =
        ctx.method === "POST" ? exact.post : ctx.method === "GET" ? exact.get : undefined
      if (handler !== undefined) return handler(ctx)
      const allow = [exact.get && "GET, HEAD", exact.post && "POST"].filter(Boolean).join(", ")
      return pageReply(
        405,
        errorPage({ status: 405, title: "Method Not Allowed", message: `This page takes ${allow}.` }),
        {
          allow,
        },
      )
    }
    const files = fileRoutes.find((candidate) => pathname.startsWith(candidate.prefix))
    if (files !== undefined && ctx.method === "GET") return files.get(ctx, pathname.slice(files.prefix.length))
    return errorReply(404, "Page Not Found", "There is no page at this address.", await currentUser(ctx))
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = requestUrl(req.url ?? "/")
    if (url === undefined) {
      sendReply(res, errorReply(400, "Bad Request", "The request's address is not valid."))
      return
    }
    const host = req.headers.host
    const ctx: RequestContext = {
      app,
      req,
      res,
      method: req.method === "HEAD" ? "GET" : (req.method ?? "GET"),
      url,
      cookies: parseCookies(req.headers.cookie),
      origin: host !== undefined && hostShape.test(host) ? `http://${host}` : fallbackOrigin(),
    }
    route(ctx)
      .catch((error: unknown): Reply => {
        onError(error, req)
        return errorReply(500, "Something Went Wrong", "The page could not be shown. Please try again.")
      })
      .then((reply) => {
        if (!res.headersSent) sendReply(res, reply)
        else if (reply._tag !== "Taken") res.destroy()
      })
      .catch((error: unknown) => {
        onError(error, req)
        res.destroy()
      })
  }
}
