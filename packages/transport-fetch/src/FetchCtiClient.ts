import {
  CtiClient,
  type CtiClientOptions,
  makeCtiClient,
  type PromiseCtiClient,
  makePromiseClient,
} from "@crmod-cti/soap-http"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { type FetchLike, fetchSend } from "./fetchSend.js"

/** The `fetch` the client sends with, as a replaceable service. */
export class Fetch extends Context.Tag("@crmod-cti/transport-fetch/Fetch")<Fetch, FetchLike>() {
  /** The runtime's global `fetch`, looked up at each call (so that a later polyfill or test double applies). */
  static readonly global: Layer.Layer<Fetch> = Layer.succeed(Fetch, (input, init) => globalThis.fetch(input, init))
}

/** The client over the `Fetch` service in the context. */
export const layerWithoutFetch = (options: CtiClientOptions): Layer.Layer<CtiClient, never, Fetch> =>
  Layer.scoped(
    CtiClient,
    Effect.flatMap(Fetch, (fetchImpl) => makeCtiClient(options, fetchSend(fetchImpl))),
  )

/** The client over the global `fetch`. */
export const layer = (options: CtiClientOptions): Layer.Layer<CtiClient> =>
  layerWithoutFetch(options).pipe(Layer.provide(Fetch.global))

export interface FetchClientOptions extends CtiClientOptions {
  /** Defaults to the global `fetch`. */
  readonly fetch?: FetchLike
}

/**
 * The Promise API over `fetch`: `const crm = createClient({ endpoint, username, password })`, then
 * `await crm.insert([...])`. Rejections are the typed errors (`CtiFault`, `CtiTransportError`).
 */
export const createClient = (options: FetchClientOptions): PromiseCtiClient =>
  makePromiseClient(options, fetchSend(options.fetch))
