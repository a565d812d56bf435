/**
 * `@crmod-cti/transport-fetch`: a client of the CTI Activity Web service over any `fetch` — for browsers, Deno, Bun,
 * workers and Node (Effect Layer or Promise API). The CRM side over HTTP is `@crmod-cti/emulator-http`'s.
 */
export * as FetchCtiClient from "./FetchCtiClient.js"
export { createClient, Fetch, type FetchClientOptions } from "./FetchCtiClient.js"
export { type FetchLike, fetchSend } from "./fetchSend.js"
export {
  type CallOptions,
  type ClientInsertResult,
  CtiClient,
  type CtiClientError,
  type CtiClientOptions,
  CtiTransportError,
  MaskedPassword,
  type ObservedExchange,
  type PacerOptions,
  type PromiseCtiClient,
  type RetryOptions,
  type Settled,
} from "@crmod-cti/soap-http"
