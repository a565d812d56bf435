// The limit arithmetic the service enforces and the clients keep under: one pure function, no clock.
import { allowedAt, DefaultRateLimit, remember, requireDurationMillis } from "@crmod-cti/core"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"

describe("allowedAt: the earliest time one more request of the user is allowed", () => {
  it("CRM On Demand's limits: 20 requests a second, 50 ms apart", () => {
    expect(DefaultRateLimit).toEqual({ perSecond: 20, minSpacingMs: 50 })
  })

  it("the first request at once", () => {
    expect(allowedAt([], 1000)).toBe(1000)
  })

  it("50 ms after the last", () => {
    expect(allowedAt([1000], 1010)).toBe(1050)
    expect(allowedAt([1000], 1050)).toBe(1050)
    expect(allowedAt([1000], 1200)).toBe(1200)
  })

  it("a second after the 20th last, when the spacing allows more", () => {
    const recent = Array.from({ length: 20 }, (_, i) => 1000 + i * 10)
    expect(allowedAt(recent, 1200, { perSecond: 20, minSpacingMs: 10 })).toBe(2000)
  })

  it("the allowed time is never before now, and waiting until it is enough", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 30 }),
        fc.integer({ min: 0, max: 6000 }),
        (times, now) => {
          const recent: Array<number> = []
          for (const time of [...times].sort((a, b) => a - b)) remember(recent, time)
          const at = allowedAt(recent, now)
          expect(at).toBeGreaterThanOrEqual(now)
          expect(allowedAt(recent, at)).toBe(at)
          expect(recent.length).toBeLessThanOrEqual(DefaultRateLimit.perSecond)
        },
      ),
    )
  })
})

describe("Options out of range are refused, naming the option and the value", () => {
  it.each([
    ["soon", 'maxElapsed must be a duration (milliseconds, or text such as "30 seconds"), got "soon"'],
    [-5, 'maxElapsed must be a duration (milliseconds, or text such as "30 seconds"), got -5'],
    ["-1 minute", 'maxElapsed must be a duration (milliseconds, or text such as "30 seconds"), got "-1 minute"'],
  ] as const)("requireDurationMillis(%o)", (value, message) => {
    expect(() => requireDurationMillis("maxElapsed", value as never)).toThrow(new RangeError(message))
  })

  it("durations may be numbers of milliseconds, text or infinite", () => {
    expect(requireDurationMillis("d", 250)).toBe(250)
    expect(requireDurationMillis("d", "2 seconds")).toBe(2000)
    expect(requireDurationMillis("d", Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY)
  })
})
