// Test support, never published: the one set of fast-check arbitraries of the core's types that every package's
// property tests use, so the values they generate cannot drift apart; and the raw SOAP the servers' HTTP tests send.
export { anyText, ctiString, ctiText } from "./internal/Text.js"
export {
  awkwardInteraction,
  clientName,
  epochSeconds,
  insertResult,
  interaction,
  usernameToken,
  wrapUpInteraction,
  wrapUpResult,
} from "./internal/Models.js"
export { callFields, faultCode, faultString, fields, rawRequest, securityOf } from "./internal/RawSoap.js"
export { type CrmServer, type CrmServerOptions, startCrmServer } from "./internal/CrmServer.js"
export { type PostgresOptions, type PostgresServer, startPostgres } from "./internal/Postgres.js"
