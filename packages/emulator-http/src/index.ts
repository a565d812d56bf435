/**
 * `@crmod-cti/emulator-http`: the emulated CRM side over HTTP as one Hono app — the CTI Activity Web service, its
 * WSDL and health — served on Node by `@hono/node-server` (`serve`) and anywhere else by `app.fetch`.
 */
export {
  type CtiAppAuthenticator,
  type CtiAppOptions,
  DefaultMaxRequestKb,
  HealthPath,
  makeCtiApp,
  ServicePath,
  WsdlPath,
} from "./CtiApp.js"
export {
  type FetchApp,
  NodeServerLimits,
  type RunningServer,
  type ServeOptions,
  serve,
  serveListener,
} from "./serve.js"
