import { describe, expect, it } from "vitest"
import { PositionIndex } from "../src/internal/PositionIndex.js"

/** A simple model: every entry kept, filtered and reversed for each read. */
const modelPage = (entries: ReadonlyArray<number>, before: number | undefined, limit: number) =>
  entries
    .filter((position) => before === undefined || position < before)
    .reverse()
    .slice(0, limit)

describe("the position index reads a page from the end of a list, whatever its length", () => {
  it("pages, across its chunks, after removals anywhere, agree with reading everything", () => {
    const index = new PositionIndex()
    let model: Array<number> = []
    for (let position = 1; position <= 3000; position++) {
      index.add("k", `id${position}`, position)
      model.push(position)
    }
    // Remove every third entry, then a whole chunk's worth in the middle, then the newest few.
    const removed = new Set([
      ...model.filter((position) => position % 3 === 0),
      ...model.filter((position) => position > 1000 && position <= 1600),
      2998,
      2999,
      3000,
    ])
    for (const position of removed) index.remove("k", `id${position}`, position)
    model = model.filter((position) => !removed.has(position))
    expect(index.size("k")).toBe(model.length)
    for (const before of [undefined, 3001, 3000, 2997, 1601, 1600, 1200, 1001, 513, 512, 2, 1, 0]) {
      for (const limit of [1, 100, 101, 5000]) {
        const page = index.newest("k", before, limit)
        expect(page.map((entry) => entry.position)).toEqual(modelPage(model, before, limit))
        expect(page.every((entry) => entry.value === `id${entry.position}`)).toBe(true)
      }
    }
    expect(index.newest("other", undefined, 10)).toEqual([])
  })

  it("removing an entry it does not hold changes nothing", () => {
    const index = new PositionIndex()
    index.add("k", "a", 1)
    index.add("k", "b", 2)
    index.remove("k", "x", 2)
    index.remove("k", "a", 7)
    index.remove("none", "a", 1)
    expect(index.newest("k", undefined, 10).map((entry) => entry.value)).toEqual(["b", "a"])
  })
})
