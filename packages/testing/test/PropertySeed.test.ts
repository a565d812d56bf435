// CTI_PROPERTY_SEED: the one seed of the suite's properties, so a run draws what the last one drew.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { DefaultPropertySeed, propertySeed } from "@crmod-cti/testing"

describe("propertySeed", () => {
  it("is the fixed default when CTI_PROPERTY_SEED is unset or blank", () => {
    expect(propertySeed(undefined)).toBe(DefaultPropertySeed)
    expect(propertySeed(" ")).toBe(DefaultPropertySeed)
  })

  it("is the integer it is set to, to replay a failure's seed", () => {
    expect(propertySeed("782087730")).toBe(782087730)
    expect(propertySeed("-5")).toBe(-5)
  })

  it('is left to fast-check for "random", to explore', () => {
    expect(propertySeed("random")).toBeUndefined()
  })

  it.each(["abc", "1.5", "Infinity", "9007199254740993"])("refuses %j, naming the variable and the value", (value) => {
    expect(() => propertySeed(value)).toThrow(
      new RangeError(`CTI_PROPERTY_SEED must be an integer or "random", got "${value}"`),
    )
  })
})

describe("the suite's setup", () => {
  it("gives every property the seed, so two runs draw the same values", () => {
    expect(fc.readConfigureGlobal().seed).toBe(propertySeed())
    const draw = () => fc.sample(fc.string(), { numRuns: 5 })
    expect(draw()).toEqual(draw())
  })
})
