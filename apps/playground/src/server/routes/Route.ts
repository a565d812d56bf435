import type { Reply } from "../http/Reply.js"
import type { RequestContext } from "../RequestContext.js"

export type Handler = (ctx: RequestContext) => Promise<Reply>

/** A path and its handlers by method (HEAD is served by GET). */
export interface Route {
  readonly path: string
  readonly get?: Handler
  readonly post?: Handler
}

/** Files below a path prefix, by name. */
export interface FilesRoute {
  readonly prefix: string
  readonly get: (ctx: RequestContext, name: string) => Promise<Reply>
}
