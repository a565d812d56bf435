/**
 * `@crmod-cti/soap-http`: the client's protocol of the CTI Activity Web service over HTTP, independent of the
 * runtime. `@crmod-cti/transport-node` and `@crmod-cti/transport-fetch` plug a runtime in; the CRM side over HTTP is
 * `@crmod-cti/emulator-http`'s.
 */
export * from "./CtiClient.js"
export * from "./HttpExchange.js"
export * from "./PromiseClient.js"
export * from "./Retry.js"
export * from "./SlotSource.js"
export * from "./TransportError.js"
