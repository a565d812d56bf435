// CTI_TEST_TIMEOUT_SCALE: the one factor of the suite's time budgets.
import { afterEach, describe, expect, it, vi } from "vitest"
import { scaled, timeoutScale } from "@crmod-cti/testing"

afterEach(() => {
  vi.unstubAllEnvs()
})

describe("timeoutScale", () => {
  it("is 1 when CTI_TEST_TIMEOUT_SCALE is unset or blank", () => {
    expect(timeoutScale(undefined)).toBe(1)
    expect(timeoutScale(" ")).toBe(1)
  })

  it("is the number it is set to", () => {
    expect(timeoutScale("3")).toBe(3)
    expect(timeoutScale("0.5")).toBe(0.5)
  })

  it.each(["0", "-2", "abc", "Infinity"])("refuses %j, naming the variable and the value", (value) => {
    expect(() => timeoutScale(value)).toThrow(
      new RangeError(`CTI_TEST_TIMEOUT_SCALE must be a positive number, got "${value}"`),
    )
  })
})

describe("scaled", () => {
  it("multiplies a budget by the scale, in whole ms", () => {
    vi.stubEnv("CTI_TEST_TIMEOUT_SCALE", "2.5")
    expect(scaled(300)).toBe(750)
    vi.stubEnv("CTI_TEST_TIMEOUT_SCALE", "")
    expect(scaled(300)).toBe(300)
  })
})
