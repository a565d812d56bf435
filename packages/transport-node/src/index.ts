/**
 * `@crmod-cti/transport-node`: a client of the CTI Activity Web service over node:http — keep-alive, as an Effect
 * Layer or a Promise API. The CRM side over HTTP is `@crmod-cti/emulator-http`'s.
 */
export * as NodeCtiClient from "./NodeCtiClient.js"
export {
  createClient,
  type NodeClientOptions,
  type NodeCtiClientOptions,
  type NodePromiseClient,
} from "./NodeCtiClient.js"
export type { SharedLimits } from "./SharedLimits.js"
export * from "./NodeHttpAgent.js"
export { nodeSend } from "./nodeSend.js"
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
  type RetryOptions,
  type Settled,
} from "@crmod-cti/soap-http"
