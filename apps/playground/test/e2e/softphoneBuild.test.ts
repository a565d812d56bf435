// The browser test builds the softphone only when its sources changed: the digest it compares.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { sourcesDigest } from "./softphoneBuild.js"

const base = mkdtempSync(join(tmpdir(), "softphone-sources-"))
afterAll(() => rmSync(base, { recursive: true, force: true }))

const write = (path: string, text: string) => {
  mkdirSync(join(base, path, ".."), { recursive: true })
  writeFileSync(join(base, path), text)
}

describe("sourcesDigest", () => {
  write("src/a.ts", "export const a = 1\n")
  write("src/ui/b.ts", "export const b = 2\n")
  write("vite.config.ts", "export default {}\n")
  const inputs = [join(base, "src"), join(base, "vite.config.ts"), join(base, "absent")]
  const before = sourcesDigest(inputs, base)

  it("is the same for the same sources", () => {
    expect(sourcesDigest(inputs, base)).toBe(before)
  })

  it("changes when a file's content changes, in a folder or given itself", () => {
    write("src/ui/b.ts", "export const b = 3\n")
    expect(sourcesDigest(inputs, base)).not.toBe(before)
    write("src/ui/b.ts", "export const b = 2\n")
    write("vite.config.ts", "export default { base: '/' }\n")
    expect(sourcesDigest(inputs, base)).not.toBe(before)
    write("vite.config.ts", "export default {}\n")
    expect(sourcesDigest(inputs, base)).toBe(before)
  })

  it("changes when a file is added or renamed", () => {
    write("src/c.ts", "")
    const added = sourcesDigest(inputs, base)
    expect(added).not.toBe(before)
    rmSync(join(base, "src/c.ts"))
    write("src/d.ts", "")
    expect(sourcesDigest(inputs, base)).not.toBe(added)
    rmSync(join(base, "src/d.ts"))
    expect(sourcesDigest(inputs, base)).toBe(before)
  })
})
