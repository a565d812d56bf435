import { DefaultPriorities } from "@crmod-cti/core"
import * as Either from "effect/Either"
import { DemoPassword, DemoTenant } from "./DemoTenant.js"
import { EmulatorConfigError } from "./EmulatorConfigError.js"
import { type PasswordHasher, ScryptPasswordHasher } from "./PasswordHasher.js"
import { DefaultRateLimit, type RateLimit } from "./RateLimiter.js"
import type { TenantSeed } from "./Seed.js"
import { DefaultLockout, LockoutAttempts, LockoutMinutes, type LockoutPolicy } from "./SignInLockout.js"

export interface EmulatorLimits {
  /** Per-user request rate: on by default at 20 a second and 50 ms apart; `false` switches it off. */
  readonly rateLimiter?: boolean | RateLimit
  /**
   * The Web Services Operations Allotment: operations per company in the current clock hour and the 23 before it
   * (default 1 000 000); `false` switches it off.
   */
  readonly operationsAllotment?: number | false
  /**
   * The Web Services Concurrent Request Allotment: requests of one company processed at once over HTTP (default
   * 10); `false` switches it off.
   */
  readonly concurrentRequests?: number | false
}

export interface EmulatorOptions {
  /** The tenants to seed (default: the demo tenant). */
  readonly tenant?: TenantSeed | ReadonlyArray<TenantSeed>
  /** Password of every seeded user without one of their own (default `password`). */
  readonly password?: string
  readonly limits?: EmulatorLimits
  /** The configured `Priority` LOV (default `1-High`, `2-Medium`, `3-Low`); other priorities are ignored. */
  readonly priorities?: ReadonlyArray<string>
  /**
   * The sign-in lockout (`CONTRACT.md` §9): by default 5 failed sign-ins in a row lock a user for 15 minutes;
   * `false` switches it off (load tests).
   */
  readonly lockout?: LockoutPolicy | false
  /** How passwords are hashed (default scrypt); tests pass `FastPasswordHasher`. */
  readonly passwordHasher?: PasswordHasher
}

/** Not documented by Oracle (it depends on the licences); this toolkit's default. */
export const DefaultOperationsAllotment = 1_000_000

/**
 * Oracle sets each company's figure and publishes no default; this toolkit's default is the published "Session
 * limit quota" of 10 concurrent sessions per company (`docs/limits.md`).
 */
export const DefaultConcurrentRequests = 10

/** The options with every default applied and every value checked. */
export interface ResolvedOptions {
  readonly tenants: ReadonlyArray<TenantSeed>
  readonly password: string
  readonly rateLimit: RateLimit | undefined
  readonly operationsAllotment: number | undefined
  readonly concurrentRequests: number | undefined
  readonly priorities: ReadonlyArray<string>
  readonly lockout: Required<LockoutPolicy> | undefined
  readonly passwordHasher: PasswordHasher
}

const invalid = (message: string) => Either.left(new EmulatorConfigError({ reason: "InvalidOption", message }))
const isPositiveInteger = (n: number) => Number.isSafeInteger(n) && n > 0

export const resolveOptions = (options: EmulatorOptions): Either.Either<ResolvedOptions, EmulatorConfigError> => {
  const { tenant = DemoTenant, password = DemoPassword, limits = {}, priorities = DefaultPriorities } = options
  const rateLimit =
    limits.rateLimiter === false
      ? undefined
      : limits.rateLimiter === true || limits.rateLimiter === undefined
        ? DefaultRateLimit
        : limits.rateLimiter
  if (rateLimit !== undefined && !isPositiveInteger(rateLimit.perSecond)) {
    return invalid(`limits.rateLimiter.perSecond must be a positive integer, got ${rateLimit.perSecond}`)
  }
  if (rateLimit !== undefined && !(Number.isFinite(rateLimit.minSpacingMs) && rateLimit.minSpacingMs >= 0)) {
    return invalid(`limits.rateLimiter.minSpacingMs must be zero or more milliseconds, got ${rateLimit.minSpacingMs}`)
  }
  const allotment = limits.operationsAllotment ?? DefaultOperationsAllotment
  if (allotment !== false && !isPositiveInteger(allotment)) {
    return invalid(`limits.operationsAllotment must be a positive integer or false, got ${allotment}`)
  }
  const concurrent = limits.concurrentRequests ?? DefaultConcurrentRequests
  if (concurrent !== false && !isPositiveInteger(concurrent)) {
    return invalid(`limits.concurrentRequests must be a positive integer or false, got ${concurrent}`)
  }
  if (password === "") return invalid("password must not be empty")
  const lockout = options.lockout === false ? undefined : { ...DefaultLockout, ...options.lockout }
  if (lockout !== undefined && !LockoutAttempts.includes(lockout.attempts)) {
    return invalid(`lockout.attempts must be 3, 5 or 10, got ${String(lockout.attempts)}`)
  }
  if (lockout !== undefined && !LockoutMinutes.includes(lockout.minutes)) {
    return invalid(`lockout.minutes must be 15, 30, 60 or "until unlocked", got ${String(lockout.minutes)}`)
  }
  return Either.right({
    tenants: Array.isArray(tenant) ? tenant : [tenant as TenantSeed],
    password,
    rateLimit,
    operationsAllotment: allotment === false ? undefined : allotment,
    concurrentRequests: concurrent === false ? undefined : concurrent,
    priorities,
    lockout,
    passwordHasher: options.passwordHasher ?? ScryptPasswordHasher,
  })
}
