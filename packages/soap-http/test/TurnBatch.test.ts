import { describe, expect, it } from "vitest"
import { makeTurnBatch } from "@crmod-cti/soap-http"

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

describe("makeTurnBatch: answers finished in one turn of the event loop are written together after it", () => {
  it("queues writes and runs them, in order, once the turn's callbacks are done", async () => {
    const batch = makeTurnBatch()
    const written: Array<string> = []
    batch(() => written.push("a"))
    batch(() => written.push("b"))
    // Still the same turn: nothing is written yet.
    await Promise.resolve()
    expect(written).toEqual([])
    batch(() => written.push("c"))
    await nextTurn()
    expect(written).toEqual(["a", "b", "c"])
  })

  it("a write queued while a batch is written goes out with the next turn", async () => {
    const batch = makeTurnBatch()
    const written: Array<string> = []
    batch(() => {
      written.push("first")
      batch(() => written.push("later"))
    })
    await nextTurn()
    expect(written).toEqual(["first"])
    await nextTurn()
    expect(written).toEqual(["first", "later"])
  })
})
