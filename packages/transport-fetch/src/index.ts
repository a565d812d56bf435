/**
 * `@crmod-cti/transport-fetch`: the CTI Activity Web service over any `fetch` — a client for browsers, Deno, Bun,
 * workers and Node (Effect Layer or Promise API), and a `(Request) => Promise<Response>` server handler.
 */
export { batchAnswers } from "./batchAnswers.js"
export * as FetchCtiClient from "./FetchCtiClient.js"
export { createClient, Fetch, type FetchClientOptions } from "./FetchCtiClient.js"
export * from "./FetchCtiHandler.js"
export { type FetchLike, fetchSend } from "./fetchSend.js"
export {
  CtiClient,
  type CtiClientError,
  type CtiClientOptions,
  type CtiServerOptions,
  CtiTransportError,
  makeCtiRequestHandler,
  type PromiseCtiClient,
} from "@crmod-cti/soap-http"
