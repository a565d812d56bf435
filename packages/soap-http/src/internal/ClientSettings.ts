import { DefaultRateLimit, type RateLimit, requireNonNegativeNumber, requirePositiveInteger } from "@crmod-cti/core"
import type { CtiClientOptions } from "../CtiClient.js"
import { type RetryPolicy, retryPolicy } from "../Retry.js"

/** A client's options, checked once when it is made. */
export interface ClientSettings {
  readonly endpoint: string
  readonly username: string
  readonly password: string
  readonly clientName: string | undefined
  readonly timeoutMs: number
  readonly maxResponseBytes: number
  readonly concurrency: number
  readonly retry: RetryPolicy
  /** `undefined`: no pacing. */
  readonly pacing: PacingSettings | undefined
}

export interface PacingSettings {
  readonly limit: RateLimit
  readonly marginMs: number
}

export const MaxTimeoutMs = 600_000
export const DefaultMaxResponseBytes = 1024 * 1024
/** Far above any answer of five activities, and safely below what one JavaScript string may hold. */
export const MaxMaxResponseBytes = 256 * 1024 * 1024

const described = (value: unknown): string =>
  typeof value === "string" ? JSON.stringify(value) : typeof value === "object" ? typeof value : String(value)

/** The endpoint as it may be shown: never the credentials of a `user:password@` in it. */
const shownEndpoint = (endpoint: string, url: URL | undefined): string => {
  if (url === undefined)
    return endpoint.includes("@") ? "(a text that is not a URL, not shown)" : JSON.stringify(endpoint)
  if (url.username === "" && url.password === "") return JSON.stringify(endpoint)
  url.username = "***"
  url.password = ""
  return JSON.stringify(url.href)
}

const parseUrl = (endpoint: string): URL | undefined => {
  try {
    return new URL(endpoint)
  } catch {
    return undefined
  }
}

const checkEndpoint = (endpoint: unknown): string => {
  if (typeof endpoint !== "string") throw new TypeError(`endpoint must be an http(s) URL, got ${described(endpoint)}`)
  const url = parseUrl(endpoint)
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new TypeError(`endpoint must be an http(s) URL, got ${shownEndpoint(endpoint, url)}`)
  }
  if (url.username !== "" || url.password !== "") {
    throw new TypeError(
      `endpoint must not carry credentials (give username and password instead), got ${shownEndpoint(endpoint, url)}`,
    )
  }
  return endpoint
}

const nonEmptyString = (name: string, value: unknown, secret = false): string => {
  if (typeof value === "string" && value.length > 0) return value
  const shown = secret && typeof value === "string" ? "an empty string" : described(value)
  throw new TypeError(`${name} must be a non-empty string, got ${shown}`)
}

const numberWithin = (name: string, value: unknown, least: number, most: number, integer = false): number => {
  if (typeof value === "number" && value >= least && value <= most && (!integer || Number.isInteger(value))) {
    return value
  }
  const kind = integer ? "an integer" : "a number"
  throw new RangeError(`${name} must be ${kind} from ${least} to ${most}, got ${described(value)}`)
}

/** The settings of `options`, or a TypeError/RangeError naming the option and its value (never a password). */
export const clientSettings = (options: CtiClientOptions): ClientSettings => {
  const pacing = options.pacing
  return {
    endpoint: checkEndpoint(options.endpoint),
    username: nonEmptyString("username", options.username),
    password: nonEmptyString("password", options.password, true),
    clientName: options.clientName === undefined ? undefined : nonEmptyString("clientName", options.clientName),
    timeoutMs: numberWithin("timeoutMs", options.timeoutMs ?? 30_000, 1, MaxTimeoutMs),
    maxResponseBytes: numberWithin(
      "maxResponseBytes",
      options.maxResponseBytes ?? DefaultMaxResponseBytes,
      1,
      MaxMaxResponseBytes,
      true,
    ),
    concurrency: requirePositiveInteger("concurrency", options.concurrency ?? 4),
    retry: retryPolicy(options.retry),
    pacing:
      pacing === false
        ? undefined
        : {
            limit: {
              perSecond: requirePositiveInteger("maxPerSecond", pacing?.maxPerSecond ?? DefaultRateLimit.perSecond),
              minSpacingMs: requireNonNegativeNumber(
                "minSpacingMs",
                pacing?.minSpacingMs ?? DefaultRateLimit.minSpacingMs,
              ),
            },
            marginMs: requireNonNegativeNumber("marginMs", pacing?.marginMs ?? 10),
          },
  }
}
