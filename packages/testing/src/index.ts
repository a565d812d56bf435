// Test support, never published: the raw SOAP the servers' HTTP tests send, the one way tests reach the CRM side
// over real HTTP, a PostgreSQL and a Redis server of a test's own, the one factor that scales the suite's time budgets
// and the one seed of its properties. (The arbitraries of the core's types live with the core's tests:
// `packages/core/test/arbitraries`.)
export { type Child, startChild } from "./internal/Child.js"
export { callFields, faultCode, faultString, fields, rawRequest, securityOf } from "./internal/RawSoap.js"
export { type CountingProxy, startCountingProxy, type Tally } from "./internal/CountingProxy.js"
export { type CrmServer, type CrmServerOptions, startCrmServer } from "./internal/CrmServer.js"
export { type PostgresOptions, type PostgresServer, startPostgres } from "./internal/Postgres.js"
export { bundleScript, bundleScripts, workspaceSources } from "./internal/BundleScript.js"
export { type RedisOptions, type RedisServer, startRedis } from "./internal/Redis.js"
export { DefaultPropertySeed, propertySeed } from "./internal/PropertySeed.js"
export { scaled, timeoutScale } from "./internal/TimeoutScale.js"
