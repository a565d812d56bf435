import type { MiddlewareHandler } from "hono"
import type { Playground, PlaygroundEnv } from "./Playground.js"

// A Host header we are willing to echo into links: a name or address and a port, nothing else.
const hostShape = /^[A-Za-z0-9.-]+(?::[0-9]{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::[0-9]{1,5})?$/

/** Gives every page the playground and the origin the browser addressed (the server's own URL if Host is odd). */
export const requestContext =
  (playground: Playground, fallbackOrigin: () => string): MiddlewareHandler<PlaygroundEnv> =>
  async (c, next) => {
    const host = c.req.header("host")
    c.set("playground", playground)
    c.set("origin", host !== undefined && hostShape.test(host) ? `http://${host.toLowerCase()}` : fallbackOrigin())
    await next()
  }
