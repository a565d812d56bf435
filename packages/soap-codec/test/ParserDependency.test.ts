import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"

const manifest = (path: string): { readonly version: string; readonly dependencies?: Record<string, string> } =>
  JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"))

const versionOf = (text: string): ReadonlyArray<number> =>
  text
    .replace(/^[\^~>=\s]+/, "")
    .split(".")
    .map(Number)

const atLeast = (version: ReadonlyArray<number>, floor: ReadonlyArray<number>): boolean => {
  for (let part = 0; part < floor.length; part++) {
    if ((version[part] ?? 0) !== floor[part]) return (version[part] ?? 0) > (floor[part] ?? 0)
  }
  return true
}

// The strict entity decoder (`entityDecoder`) is an option from fast-xml-parser 5.7.0; an older parser ignores it and
// expands entities its own way, which the codec's entity rules (HostileInput, RequestDecoding) do not allow.
const firstWithEntityDecoder = [5, 7, 0]

describe("The parser: fast-xml-parser with the options the codec relies on", () => {
  it("declares no version older than the first with the `entityDecoder` option", () => {
    const range = manifest("../package.json").dependencies?.["fast-xml-parser"] ?? ""
    expect(range).toMatch(/^\^5\.\d+\.\d+$/)
    expect(atLeast(versionOf(range), firstWithEntityDecoder)).toBe(true)
  })
})
