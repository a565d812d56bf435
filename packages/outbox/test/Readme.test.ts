import { execFile } from "node:child_process"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { expect, it } from "vitest"
import { bundleChild } from "./helpers/child.js"

it("runs the README's example as it stands, printing what its comments say", async () => {
  const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8")
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ""
  const dir = fileURLToPath(new URL("../node_modules/.cache/readme", import.meta.url))
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, "example.ts"), example)
  const script = await bundleChild(join(dir, "example.ts"))
  const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 30_000 })
  const lines = stdout.trim().split("\n")
  expect(lines.slice(0, 6)).toEqual([
    "Fred Hong",
    "OK",
    "dead letter: Access Denied",
    "AccessDenied",
    "{ AccessDenied: 1 }",
    expect.stringContaining('"fault":{"reason":"AccessDenied","faultCode":"Client","errorCode":"SBL-ODS-50091"'),
  ])
  expect(lines.slice(6)).toEqual(["1", "0 3 {}"])
}, 60_000)
