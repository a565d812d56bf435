import type { SharedLimits } from "../SharedLimits.js"

/** `sharedLimits`, checked once when a client is made. */
export interface SharedLimitsSettings {
  readonly redis: string
  /** The URL as it may be shown: its password masked. */
  readonly shown: string
  readonly keyPrefix: string
  readonly operationsAllotment: number | undefined
}

export const DefaultKeyPrefix = "crmod-cti:"
const MostKeyPrefixLength = 256

const parseUrl = (text: string): URL | undefined => {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

/** The URL with its password replaced by `***` (a text that is not a URL and may hold one is not shown). */
const masked = (text: string, url: URL | undefined): string => {
  if (url === undefined) return text.includes("@") ? "(a text that is not a URL, not shown)" : JSON.stringify(text)
  if (url.password !== "") url.password = "***"
  return JSON.stringify(url.href)
}

const described = (value: unknown): string => (typeof value === "object" ? typeof value : String(value))

/** The settings of `sharedLimits`, or a TypeError/RangeError naming the field and its value (password masked). */
export const sharedLimitsSettings = (value: unknown): SharedLimitsSettings => {
  if (typeof value !== "object" || value === null) {
    throw new TypeError(`sharedLimits must be an object with a redis URL, got ${described(value)}`)
  }
  const { redis, keyPrefix, operationsAllotment } = value as Partial<Record<keyof SharedLimits, unknown>>
  if (typeof redis !== "string") {
    throw new TypeError(`sharedLimits.redis must be a redis:// or rediss:// URL, got ${described(redis)}`)
  }
  const url = parseUrl(redis)
  const database = url?.pathname.replace(/^\//, "") ?? ""
  if (
    url === undefined ||
    (url.protocol !== "redis:" && url.protocol !== "rediss:") ||
    url.hostname === "" ||
    !/^\d{0,5}$/.test(database) ||
    url.search !== "" ||
    url.hash !== ""
  ) {
    throw new TypeError(
      `sharedLimits.redis must be a redis:// or rediss:// URL (redis://[:password@]host:port[/db]), got ${masked(redis, url)}`,
    )
  }
  if (
    keyPrefix !== undefined &&
    (typeof keyPrefix !== "string" || keyPrefix.length === 0 || keyPrefix.length > MostKeyPrefixLength)
  ) {
    const shown = typeof keyPrefix === "string" ? JSON.stringify(keyPrefix.slice(0, 40)) : described(keyPrefix)
    throw new TypeError(
      `sharedLimits.keyPrefix must be a string of 1 to ${MostKeyPrefixLength} characters, got ${shown}`,
    )
  }
  if (
    operationsAllotment !== undefined &&
    !(typeof operationsAllotment === "number" && Number.isSafeInteger(operationsAllotment) && operationsAllotment > 0)
  ) {
    throw new RangeError(
      `sharedLimits.operationsAllotment must be a positive integer, got ${described(operationsAllotment)}`,
    )
  }
  return {
    redis,
    shown: masked(redis, url),
    keyPrefix: keyPrefix ?? DefaultKeyPrefix,
    operationsAllotment,
  }
}
