import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import { DefaultMaxRequestKb, emulatorOptionsFromEnv } from "@crmod-cti/emulator"

const error = (env: Record<string, string>) =>
  Either.match(emulatorOptionsFromEnv(env), { onLeft: (e) => e.message, onRight: () => "no error" })

describe("options from the environment (CONTRACT.md §6)", () => {
  it("nothing set: limiters on with their defaults, the demo password, a 1 MiB size limit", () => {
    expect(Either.getOrThrow(emulatorOptionsFromEnv({}))).toEqual({ limits: { rateLimiter: true }, maxRequestKb: 1024 })
    expect(DefaultMaxRequestKb).toBe(1024)
  })

  it("CTI_LIMITERS=off switches off every limiter, whatever their figures say", () => {
    const env = { CTI_LIMITERS: "off", CTI_OPERATIONS_ALLOTMENT: "10", CTI_CONCURRENT_REQUESTS: "2" }
    expect(Either.getOrThrow(emulatorOptionsFromEnv(env))).toEqual({
      limits: { rateLimiter: false, operationsAllotment: false, concurrentRequests: false },
      maxRequestKb: 1024,
    })
  })

  it("CTI_LOCKOUT=off switches the sign-in lockout off; on or unset keeps it", () => {
    expect(Either.getOrThrow(emulatorOptionsFromEnv({ CTI_LOCKOUT: "off" }))).toMatchObject({ lockout: false })
    expect(Either.getOrThrow(emulatorOptionsFromEnv({ CTI_LOCKOUT: "on" }))).not.toHaveProperty("lockout")
  })

  it("CTI_OPERATIONS_ALLOTMENT, CTI_CONCURRENT_REQUESTS, CTI_MAX_REQUEST_KB and CTI_DEMO_PASSWORD set their values", () => {
    const env = {
      CTI_LIMITERS: "on",
      CTI_OPERATIONS_ALLOTMENT: "500",
      CTI_CONCURRENT_REQUESTS: "3",
      CTI_MAX_REQUEST_KB: "64",
      CTI_DEMO_PASSWORD: "s3cret",
    }
    expect(Either.getOrThrow(emulatorOptionsFromEnv(env))).toEqual({
      password: "s3cret",
      limits: { rateLimiter: true, operationsAllotment: 500, concurrentRequests: 3 },
      maxRequestKb: 64,
    })
  })

  it.each([
    [{ CTI_LIMITERS: "no" }, 'CTI_LIMITERS must be on or off, got "no"'],
    [{ CTI_LOCKOUT: "false" }, 'CTI_LOCKOUT must be on or off, got "false"'],
    [
      { CTI_OPERATIONS_ALLOTMENT: "0" },
      'CTI_OPERATIONS_ALLOTMENT must be a positive whole number of operations, got "0"',
    ],
    [
      { CTI_OPERATIONS_ALLOTMENT: "1e6" },
      'CTI_OPERATIONS_ALLOTMENT must be a positive whole number of operations, got "1e6"',
    ],
    [
      { CTI_CONCURRENT_REQUESTS: "ten" },
      'CTI_CONCURRENT_REQUESTS must be a positive whole number of requests, got "ten"',
    ],
    [{ CTI_MAX_REQUEST_KB: "-5" }, 'CTI_MAX_REQUEST_KB must be a positive whole number of KB, got "-5"'],
    [{ CTI_DEMO_PASSWORD: "" }, 'CTI_DEMO_PASSWORD must be a non-empty password, got ""'],
  ])("refuses %o, naming the variable and the value", (env, message) => {
    expect(error(env)).toBe(message)
  })
})
