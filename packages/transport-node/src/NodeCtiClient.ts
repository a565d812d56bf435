import {
  CtiClient,
  type CtiClientOptions,
  makeCtiClient,
  type PromiseCtiClient,
  makePromiseClient,
  type SlotSourceFactory,
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
import { redisSlots } from "./internal/RedisSlots.js"
import { sharedLimitsSettings } from "./internal/sharedLimitsSettings.js"
import { nodeSend } from "./nodeSend.js"
import type { SharedLimits } from "./SharedLimits.js"

/** The client's options on Node: the protocol's, and limits shared with other processes. */
export interface NodeCtiClientOptions extends CtiClientOptions {
  /**
   * Draw the user's request slots from Redis, shared with the user's clients in other processes (see
   * `SharedLimits`); with `pacing: false` there is nothing to share. The first client of a user in a process
   * decides, as for `pacing`.
   */
  readonly sharedLimits?: SharedLimits
}

/** The slot sources of `sharedLimits`, checked: a bad one throws a TypeError or RangeError naming the field. */
const slotsOf = (options: NodeCtiClientOptions): SlotSourceFactory | undefined =>
  options.sharedLimits === undefined ? undefined : redisSlots(sharedLimitsSettings(options.sharedLimits))

/** The client over node:http, sending through the `NodeHttpAgent` in the context. */
export const layerWithoutAgent = (options: NodeCtiClientOptions): Layer.Layer<CtiClient, never, NodeHttpAgent> =>
  Layer.scoped(
    CtiClient,
    Effect.flatMap(Effect.orDie(Effect.try({ try: () => slotsOf(options), catch: (error) => error })), (slots) =>
      Effect.flatMap(NodeHttpAgent, (agents) => makeCtiClient(options, nodeSend(agents), slots)),
    ),
  )

/** The client over node:http with its own keep-alive agents (closed with the Layer's scope). */
export const layer = (options: NodeCtiClientOptions): Layer.Layer<CtiClient> =>
  layerWithoutAgent(options).pipe(Layer.provide(keepAliveAgentLayer()))

export interface NodeClientOptions extends NodeCtiClientOptions {
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
  const slots = slotsOf(options)
  const agents = options.agents ?? makeKeepAliveAgents()
  const client = makePromiseClient(options, nodeSend(agents), slots)
  return {
    ...client,
    close: async () => {
      await client.close()
      if (options.agents === undefined) destroyAgents(agents)
    },
  }
}
