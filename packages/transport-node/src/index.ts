/**
 * `@crmod-cti/transport-node`: the CTI Activity Web service over node:http — a keep-alive client (Effect Layer or
 * Promise API) and a server for any `CtiAuthenticator` (the emulator's, usually).
 */
export * as NodeCtiClient from "./NodeCtiClient.js"
export { createClient, type NodeClientOptions, type NodePromiseClient } from "./NodeCtiClient.js"
export * from "./NodeCtiServer.js"
export * from "./NodeHttpAgent.js"
export { nodeSend } from "./nodeSend.js"
export {
  CtiClient,
  type CtiClientError,
  type CtiClientOptions,
  type CtiServerOptions,
  CtiTransportError,
  makeCtiRequestHandler,
} from "@crmod-cti/soap-http"
