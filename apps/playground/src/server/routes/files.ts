import { join } from "node:path"
import { serveStatic } from "@hono/node-server/serve-static"
import type { Hono, MiddlewareHandler } from "hono"
import type { PlaygroundContext, PlaygroundEnv } from "../app/Playground.js"
import { html } from "../html.js"
import { errorResponse } from "./errors.js"

// One plain file name of the types served: no separators, no percent-escapes, no leading dot, so nothing can
// leave the directory and nothing else is served.
const fileName = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.(?:js|css|map|svg|png|ico|woff2)$/

const nameIn = (c: PlaygroundContext, prefix: string) => c.req.path.slice(prefix.length)

/** The files of `directory()` below `prefix`, by their plain name; anything else is `missing`. */
const mountFilesAt = (
  app: Hono<PlaygroundEnv>,
  prefix: string,
  directory: (c: PlaygroundContext) => string,
  missing: (c: PlaygroundContext, name: string) => Response,
): void => {
  const plainName: MiddlewareHandler<PlaygroundEnv> = async (c, next) =>
    fileName.test(nameIn(c, prefix)) ? next() : missing(c, nameIn(c, prefix))
  const serve = serveStatic<PlaygroundEnv>({
    // The root is part of the path: the softphone's build may appear after the server starts.
    root: "",
    rewriteRequestPath: (path, c) => join(directory(c), path.slice(prefix.length)),
    onFound: (_path, c) => {
      c.header("cache-control", "no-cache")
    },
  })
  app.get(`${prefix}*`, plainName, serve, async (c) => missing(c, nameIn(c, prefix)))
}

/** The CRM pages' stylesheet and scripts at `/static/`, the softphone's Vite build at `/assets/`. */
export const mountFiles = (app: Hono<PlaygroundEnv>): void => {
  mountFilesAt(
    app,
    "/static/",
    (c) => c.var.playground.staticDir,
    (c, name) => errorResponse(c, 404, "Not Found", `There is no file ${name}.`),
  )
  // When the softphone's build is missing, the page says how to build it.
  mountFilesAt(
    app,
    "/assets/",
    (c) => c.var.playground.softphoneDir,
    (c, name) =>
      errorResponse(
        c,
        404,
        "Softphone Not Built",
        html`<p>There is no <code>${name}</code> in the softphone's build. Run the build, then reload:</p>
<pre><code>npm run build --prefix apps/playground</code></pre>`,
      ),
  )
}
