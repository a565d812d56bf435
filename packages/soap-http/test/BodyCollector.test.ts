import { makeBodyCollector } from "@crmod-cti/soap-http"
import fc from "fast-check"
import { describe, expect, it } from "vitest"

describe("A body is collected up to its limit", () => {
  it("chunks within the limit come back as one array, in order", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 50 }), { maxLength: 10 }), (chunks) => {
        const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0)
        const body = makeBodyCollector(total)
        expect(chunks.every((chunk) => body.add(chunk))).toBe(true)
        expect(Array.from(body.bytes())).toEqual(chunks.flatMap((chunk) => Array.from(chunk)))
      }),
    )
  })

  it("the chunk that passes the limit is refused, and so is everything after it", () => {
    const body = makeBodyCollector(5)
    expect(body.add(new Uint8Array([1, 2, 3]))).toBe(true)
    expect(body.add(new Uint8Array([4, 5, 6]))).toBe(false)
    expect(body.add(new Uint8Array([]))).toBe(false)
    expect(Array.from(body.bytes())).toEqual([1, 2, 3])
  })

  it("an empty body", () => {
    expect(makeBodyCollector(0).bytes()).toEqual(new Uint8Array(0))
  })
})
