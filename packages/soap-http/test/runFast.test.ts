import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { runFast } from "../src/internal/runFast.js"

describe("runFast runs an effect synchronously when it can, and as a fiber when it must wait", () => {
  it("a synchronous effect", async () => {
    let ran = false
    const promise = runFast(Effect.sync(() => (ran = true)))
    expect(ran).toBe(true)
    expect(await promise).toBe(true)
  })

  it("an effect that waits", async () => {
    expect(await runFast(Effect.as(Effect.sleep("10 millis"), "later"))).toBe("later")
    expect(await runFast(Effect.promise(() => Promise.resolve(42)))).toBe(42)
  })

  it("a defect rejects, whether it comes at once or later", async () => {
    await expect(runFast(Effect.die(new Error("at once")))).rejects.toThrow("at once")
    await expect(runFast(Effect.zipRight(Effect.sleep("1 millis"), Effect.die(new Error("later"))))).rejects.toThrow(
      "later",
    )
  })
})
