import { type CtiClientOptions, CtiClient, type CtiClientShape } from "@crmod-cti/soap-http"
import { Fetch, FetchCtiClient, type FetchLike } from "@crmod-cti/transport-fetch"
import { NodeCtiClient } from "@crmod-cti/transport-node"
import { Context, Effect, Exit, Layer, Scope } from "effect"

export interface RunningClient {
  readonly client: CtiClientShape
  readonly close: () => Promise<void>
}

/** Builds a client for the options through its Effect Layer; a fetch client sends with `fetch` when given. */
export type ClientFactory = (options: CtiClientOptions, fetch?: FetchLike) => Promise<RunningClient>

const fromLayer = async (layer: Layer.Layer<CtiClient>): Promise<RunningClient> => {
  const scope = Effect.runSync(Scope.make())
  const context = await Effect.runPromise(Layer.buildWithScope(layer, scope))
  return { client: Context.get(context, CtiClient), close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}

export const nodeClient: ClientFactory = (options) => fromLayer(NodeCtiClient.layer(options))
export const fetchClient: ClientFactory = (options, fetch) =>
  fromLayer(
    fetch === undefined
      ? FetchCtiClient.layer(options)
      : FetchCtiClient.layerWithoutFetch(options).pipe(Layer.provide(Layer.succeed(Fetch, fetch))),
  )

export const clients: ReadonlyArray<readonly [string, ClientFactory]> = [
  ["node client", nodeClient],
  ["fetch client", fetchClient],
]
