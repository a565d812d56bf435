import * as Either from "effect/Either"
import { EmulatorConfigError } from "./EmulatorConfigError.js"
import type { EmulatorOptions } from "./EmulatorOptions.js"

/** The request size limit when `CTI_MAX_REQUEST_KB` is not set: 1 MiB (`CONTRACT.md` §6). */
export const DefaultMaxRequestKb = 1024

/** The emulator's options from the environment, and the transports' request size limit. */
export type EmulatorEnvironment = EmulatorOptions & {
  /** Largest request body the transports accept, in KiB (always enforced). */
  readonly maxRequestKb: number
}

const invalid = (variable: string, value: string, expected: string) =>
  Either.left(
    new EmulatorConfigError({
      reason: "InvalidEnvironment",
      message: `${variable} must be ${expected}, got ${JSON.stringify(value)}`,
    }),
  )

const positiveInteger = /^[1-9][0-9]{0,14}$/

/**
 * Reads `CONTRACT.md` §6's variables: `CTI_LIMITERS=off` switches off every limiter of `docs/limits.md` — the rate
 * limiter, the operations allotment and the concurrent request allotment (`on` or unset keeps them; §12),
 * `CTI_OPERATIONS_ALLOTMENT` sets the operations allotment, `CTI_CONCURRENT_REQUESTS` the concurrent request
 * allotment, `CTI_MAX_REQUEST_KB` the size limit, `CTI_DEMO_PASSWORD` the demo users' password, and
 * `CTI_LOCKOUT=off` switches the sign-in lockout off (§9; for load tests). Unset or empty variables keep their
 * defaults, but an empty `CTI_DEMO_PASSWORD` is refused.
 */
export const emulatorOptionsFromEnv = (
  env: Readonly<Record<string, string | undefined>>,
): Either.Either<EmulatorEnvironment, EmulatorConfigError> => {
  const limiters = env.CTI_LIMITERS?.trim().toLowerCase() ?? ""
  if (limiters !== "" && limiters !== "on" && limiters !== "off") {
    return invalid("CTI_LIMITERS", env.CTI_LIMITERS ?? "", "on or off")
  }
  const lockout = env.CTI_LOCKOUT?.trim().toLowerCase() ?? ""
  if (lockout !== "" && lockout !== "on" && lockout !== "off") {
    return invalid("CTI_LOCKOUT", env.CTI_LOCKOUT ?? "", "on or off")
  }
  const allotmentText = env.CTI_OPERATIONS_ALLOTMENT?.trim() ?? ""
  if (allotmentText !== "" && !positiveInteger.test(allotmentText)) {
    return invalid("CTI_OPERATIONS_ALLOTMENT", allotmentText, "a positive whole number of operations")
  }
  const concurrentText = env.CTI_CONCURRENT_REQUESTS?.trim() ?? ""
  if (concurrentText !== "" && !positiveInteger.test(concurrentText)) {
    return invalid("CTI_CONCURRENT_REQUESTS", concurrentText, "a positive whole number of requests")
  }
  const sizeText = env.CTI_MAX_REQUEST_KB?.trim() ?? ""
  if (sizeText !== "" && !positiveInteger.test(sizeText)) {
    return invalid("CTI_MAX_REQUEST_KB", sizeText, "a positive whole number of KB")
  }
  const password = env.CTI_DEMO_PASSWORD
  if (password === "") return invalid("CTI_DEMO_PASSWORD", password, "a non-empty password")

  const off = limiters === "off"
  const figure = (text: string) => (off ? false : text === "" ? undefined : Number(text))
  const allotment = figure(allotmentText)
  const concurrent = figure(concurrentText)
  return Either.right({
    ...(password === undefined ? {} : { password }),
    ...(lockout === "off" ? { lockout: false } : {}),
    limits: {
      rateLimiter: !off,
      ...(allotment === undefined ? {} : { operationsAllotment: allotment }),
      ...(concurrent === undefined ? {} : { concurrentRequests: concurrent }),
    },
    maxRequestKb: sizeText === "" ? DefaultMaxRequestKb : Number(sizeText),
  })
}
