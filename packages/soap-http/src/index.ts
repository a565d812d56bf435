/**
 * `@crmod-cti/soap-http`: the CTI Activity Web service over HTTP, independent of the runtime — the server's request
 * handling and the client's protocol. `@crmod-cti/transport-node` and `@crmod-cti/transport-fetch` plug a runtime in.
 */
export * from "./BodyCollector.js"
export * from "./CtiClient.js"
export * from "./CtiRequestHandler.js"
export * from "./HttpExchange.js"
export * from "./PromiseClient.js"
export * from "./Retry.js"
export * from "./TransportError.js"
export * from "./TurnBatch.js"
