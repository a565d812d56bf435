import {
  CtiClient,
  type CtiClientOptions,
  makeCtiClient,
  type PromiseCtiClient,
  makePromiseClient,
} from "@crmod-cti/soap-http"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import {
  destroyAgents,
  keepAliveAgentLayer,
  makeKeepAliveAgents,
  NodeHttpAgent,
  type NodeHttpAgentShape,
} from "./NodeHttpAgent.js"
import { nodeSend } from "./nodeSend.js"

/** The client over node:http, sending through the `NodeHttpAgent` in the context. */
export const layerWithoutAgent = (options: CtiClientOptions): Layer.Layer<CtiClient, never, NodeHttpAgent> =>
  Layer.scoped(
    CtiClient,
    Effect.flatMap(NodeHttpAgent, (agents) => makeCtiClient(options, nodeSend(agents))),
  )

/** The client over node:http with its own keep-alive agents (closed with the Layer's scope). */
export const layer = (options: CtiClientOptions): Layer.Layer<CtiClient> =>
  layerWithoutAgent(options).pipe(Layer.provide(keepAliveAgentLayer()))

export interface NodeClientOptions extends CtiClientOptions {
  /** Agents to send through (kept open by `close`); by default the client makes keep-alive agents of its own. */
  readonly agents?: NodeHttpAgentShape
}

export interface NodePromiseClient extends PromiseCtiClient {
  /** Ends the client and closes the keep-alive connections of its own agents. */
  readonly close: () => Promise<void>
}

/**
 * The Promise API: `const crm = createClient({ endpoint, username, password })`, then `await crm.insert([...])`.
 * Rejections are the typed errors (`CtiFault`, `CtiTransportError`).
 */
export const createClient = (options: NodeClientOptions): NodePromiseClient => {
  const agents = options.agents ?? makeKeepAliveAgents()
  const client = makePromiseClient(options, nodeSend(agents))
  return {
    ...client,
    close: async () => {
      await client.close()
      if (options.agents === undefined) destroyAgents(agents)
    },
  }
}
