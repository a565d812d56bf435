import { Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { runFast } from "../src/internal/runFast.js"

describe("runFast runs an effect synchronously when it can, and as a fiber when it must wait", () => {
  it("a synchronous effect: its Exit at once, no promise", () => {
    let ran = false
    const exit = runFast(Effect.sync(() => (ran = true)))
    expect(ran).toBe(true)
    expect(exit).toEqual(Exit.succeed(true))
  })

  it("a synchronous failure or defect: its Exit at once", () => {
    expect(runFast(Effect.fail("no"))).toEqual(Exit.fail("no"))
    const died = runFast(Effect.die(new Error("at once")))
    expect(Exit.isExit(died) && Exit.isFailure(died)).toBe(true)
  })

  it("an effect that waits: a promise of its Exit", async () => {
    const later = runFast(Effect.as(Effect.sleep("10 millis"), "later"))
    expect(later).toBeInstanceOf(Promise)
    expect(await later).toEqual(Exit.succeed("later"))
    expect(await runFast(Effect.promise(() => Promise.resolve(42)))).toEqual(Exit.succeed(42))
    expect(await runFast(Effect.zipRight(Effect.sleep("1 millis"), Effect.fail("late")))).toEqual(Exit.fail("late"))
  })
})
