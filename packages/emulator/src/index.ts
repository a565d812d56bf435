/**
 * `@crmod-cti/emulator`: Oracle CRM On Demand's side of CTI, in memory — tenants, users and privileges, records,
 * CTI activities, the CTI Activity Web service (`CTIActivityInsert`, `CTIActivityWrapUp`), its limiters, and the
 * queries the CRM's pages need.
 */
export * from "./internal/Changes.js"
export * from "./internal/DemoTenant.js"
export { Emulator, EmulatorLive, makeDemoEmulator, makeEmulator } from "./internal/Emulator.js"
export * from "./internal/EmulatorConfigError.js"
export * from "./internal/EmulatorOptions.js"
export * from "./internal/EmulatorShape.js"
export * from "./internal/EmulatorStore.js"
export * from "./internal/Environment.js"
export * from "./internal/IdGenerator.js"
export {
  type ActivityWrite,
  type InMemoryStore,
  InMemoryStoreLayer,
  makeInMemoryStore,
  type WriteFailureRule,
} from "./internal/InMemoryStore.js"
export { AllPhoneFields, type PhoneField } from "./internal/MatchKeys.js"
export { DefaultRateLimit, type RateLimit } from "./internal/RateLimiter.js"
export * from "./internal/RecordId.js"
export * from "./internal/Records.js"
export * from "./internal/Seed.js"
export * from "./internal/UnknownUserError.js"
