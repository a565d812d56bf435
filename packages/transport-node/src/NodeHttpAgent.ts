import * as http from "node:http"
import * as https from "node:https"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

export interface NodeHttpAgentShape {
  readonly http: http.Agent
  readonly https: https.Agent
}

/**
 * The connection pool the Node client sends through: keep-alive agents by default, replaceable (a proxy agent,
 * other pool sizes, TLS options) by providing another Layer.
 */
export class NodeHttpAgent extends Context.Tag("@crmod-cti/transport-node/NodeHttpAgent")<
  NodeHttpAgent,
  NodeHttpAgentShape
>() {}

export interface KeepAliveOptions {
  /** Sockets per host (default 8: the rate limit of 20 requests a second makes more pointless). */
  readonly maxSockets?: number
}

/** Keep-alive agents owned by the caller, who destroys them (see `destroyAgents`). */
export const makeKeepAliveAgents = (options: KeepAliveOptions = {}): NodeHttpAgentShape => {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 8, scheduling: "lifo" as const }
  return { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) }
}

/** Closes the agents' sockets. */
export const destroyAgents = (agents: NodeHttpAgentShape): void => {
  agents.http.destroy()
  agents.https.destroy()
}

/** Keep-alive agents, destroyed (sockets closed) when the Layer's scope closes. */
export const keepAliveAgentLayer = (options: KeepAliveOptions = {}): Layer.Layer<NodeHttpAgent> =>
  Layer.scoped(
    NodeHttpAgent,
    Effect.acquireRelease(
      Effect.sync(() => makeKeepAliveAgents(options)),
      (agents) => Effect.sync(() => destroyAgents(agents)),
    ),
  )
