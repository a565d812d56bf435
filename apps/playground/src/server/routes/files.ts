import { html } from "../html.js"
import { contentReply, type Reply } from "../http/Reply.js"
import { readStaticFile } from "../http/staticFiles.js"
import type { RequestContext } from "../RequestContext.js"
import { errorReply } from "./errors.js"
import type { FilesRoute } from "./Route.js"

const serve = async (directory: string, name: string, missing: () => Reply): Promise<Reply> => {
  const file = await readStaticFile(directory, name)
  return file._tag === "File"
    ? contentReply(200, file.contentType, file.body, { "cache-control": "no-cache" })
    : missing()
}

const staticFile = (ctx: RequestContext, name: string) =>
  serve(ctx.app.staticDir, name, () => errorReply(404, "Not Found", `There is no file ${name}.`))

/** The softphone's Vite build; when it is missing, the way to build it. */
const softphoneAsset = (ctx: RequestContext, name: string) =>
  serve(ctx.app.softphoneDir, name, () =>
    errorReply(
      404,
      "Softphone Not Built",
      html`<p>There is no <code>${name}</code> in the softphone's build. Run the build, then reload:</p>
<pre><code>npm run build --prefix apps/playground</code></pre>`,
    ),
  )

export const fileRoutes: ReadonlyArray<FilesRoute> = [
  { prefix: "/static/", get: staticFile },
  { prefix: "/assets/", get: softphoneAsset },
]
