/**
 * `@crmod-cti/emulator`: Oracle CRM On Demand's side of CTI, in memory — tenants, users and privileges, records,
 * CTI activities, the CTI Activity Web service (`CTIActivityInsert`, `CTIActivityWrapUp`) with its limiters and
 * sign-in lockout, the CRM pages' scoped and paged queries, administration, and a feed of changes.
 */

// The emulator and its options
export { Emulator, EmulatorLive, makeDemoEmulator, makeEmulator } from "./internal/Emulator.js"
export type { EmulatorShape } from "./internal/EmulatorShape.js"
export { EmulatorConfigError } from "./internal/EmulatorConfigError.js"
export {
  DefaultConcurrentRequests,
  DefaultOperationsAllotment,
  type EmulatorLimits,
  type EmulatorOptions,
} from "./internal/EmulatorOptions.js"
export { DefaultMaxRequestKb, type EmulatorEnvironment, emulatorOptionsFromEnv } from "./internal/Environment.js"
export { DefaultRateLimit, type RateLimit } from "./internal/RateLimiter.js"
export { DefaultLockout, type LockoutPolicy, type SignInState } from "./internal/SignInLockout.js"
export {
  FastPasswordHasher,
  type PasswordHash,
  type PasswordHasher,
  ScryptPasswordHasher,
} from "./internal/PasswordHasher.js"

// The CRM pages' queries, the wrap-up page, administration and the change feed
export type {
  ActivityLookup,
  CommunicationsPage,
  CommunicationsRequest,
  CrmQueries,
  RecordActivities,
  SignedInUser,
} from "./internal/CrmQueries.js"
export { CrmQueryError } from "./internal/CrmQueryError.js"
export type { WrapUpForm, WrapUpPage, WrapUpSaved } from "./internal/WrapUpPage.js"
export { type Page, type PageRequest, PageSize } from "./internal/Paging.js"
export { type CommunicationsSubtab, CommunicationsSubtabs, SubtabChannels, subtabOf } from "./internal/Subtabs.js"
export {
  type Administration,
  AdministrationPrivilege,
  isOwnAdministrationPrivilege,
} from "./internal/Administration.js"
export { UnknownUserError } from "./internal/UnknownUserError.js"
export type { ChangeFeed } from "./internal/ChangeFeed.js"
export type { EmulatorChange } from "./internal/Changes.js"

// Tenants, records and ids
export * from "./internal/DemoTenant.js"
export * from "./internal/Records.js"
export { RecordReferences } from "./internal/References.js"
export * from "./internal/Seed.js"
export * from "./internal/RecordId.js"
export * from "./internal/IdGenerator.js"

// The storage port
export { EmulatorStore, type EmulatorStoreShape, StoreError, type StoredUser } from "./internal/EmulatorStore.js"
export type { Positioned } from "./internal/Paging.js"
export { AllPhoneFields, type PhoneField } from "./internal/MatchKeys.js"
export {
  type ActivityWrite,
  type InMemoryStore,
  InMemoryStoreLayer,
  makeInMemoryStore,
  type WriteFailureRule,
} from "./internal/InMemoryStore.js"
