// `scripts/check-dependencies.mjs` on small workspaces written to a temporary folder: each rule once, failing and
// passing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { checkDependencies, packageOf, packagesUsedBy } from "../check-dependencies.mjs"

const roots = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

/** A workspace from `path → content` (objects are written as JSON); the root's package.json shares `vitest`. */
const workspace = (files) => {
  const root = mkdtempSync(join(tmpdir(), "check-dependencies-"))
  roots.push(root)
  const all = { "package.json": { private: true, devDependencies: { vitest: "^3.0.0" } }, ...files }
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), typeof content === "string" ? content : JSON.stringify(content))
  }
  return root
}

const lib = (manifest) => ({ name: "@x/lib", ...manifest })

describe("a package that declares exactly what it imports passes", () => {
  it("runtime imports in dependencies or peerDependencies, test imports in devDependencies or the root's", () => {
    const root = workspace({
      "packages/lib/package.json": lib({
        dependencies: { "fast-xml-parser": "^5.0.0" },
        peerDependencies: { effect: "^3.22.0" },
        devDependencies: { effect: "~3.22.4", soap: "^1.0.0" },
      }),
      "packages/lib/src/index.ts":
        'import * as Schema from "effect/Schema"\nexport { XMLParser } from "fast-xml-parser"\n',
      "packages/lib/src/internal/node.ts":
        'import { readFileSync } from "node:fs"\nimport path from "path"\nimport "./local.js"\n',
      "packages/lib/test/lib.test.ts":
        'import { it } from "vitest"\nimport { lib } from "@x/lib"\nconst soap = await import("soap")\n',
    })
    expect(checkDependencies(root)).toEqual([])
  })
})

describe("an import not declared fails, naming the package and the dependency", () => {
  it("in src/", () => {
    const root = workspace({
      "packages/lib/package.json": lib({}),
      "packages/lib/src/index.ts": 'export { Effect } from "effect"\n',
    })
    expect(checkDependencies(root)).toEqual([
      'packages/lib: "effect" is imported by src/index.ts but not declared in package.json',
    ])
  })

  it("in src/, declared only as a dev dependency", () => {
    const root = workspace({
      "packages/lib/package.json": lib({ devDependencies: { effect: "~3.22.4" } }),
      "packages/lib/src/index.ts": 'import type { Effect } from "effect/Effect"\n',
    })
    expect(checkDependencies(root)).toEqual([
      'packages/lib: "effect" is imported by src/index.ts but declared only in devDependencies (move it to dependencies or peerDependencies)',
    ])
  })

  it("in a test, a benchmark or a config file (the hidden cycle of a test importing a workspace package)", () => {
    const root = workspace({
      "apps/web/package.json": { name: "@x/web" },
      "apps/web/test/a.test.ts": 'import { arbitrary } from "@x/testing"\n',
      "apps/web/bench/b.bench.mjs": 'const autocannon = require("autocannon")\n',
      "apps/web/vite.config.ts": 'import { defineConfig } from "vite"\n',
    })
    expect(checkDependencies(root)).toEqual([
      'apps/web: "@x/testing" is imported by test/a.test.ts but not declared in devDependencies',
      'apps/web: "autocannon" is imported by bench/b.bench.mjs but not declared in devDependencies',
      'apps/web: "vite" is imported by vite.config.ts but not declared in devDependencies',
    ])
  })

  it("a relative import into another workspace package (not into the root's files) counts as an import of it", () => {
    const files = {
      "packages/core/package.json": { name: "@x/core" },
      "packages/core/test/arbitraries.ts": "export const arbitrary = 1\n",
      "packages/codec/test/roundTrip.test.ts": 'import { arbitrary } from "../../core/test/arbitraries.js"\n',
      "packages/codec/tsup.config.ts": 'export { default } from "../../tsup.package.js"\n',
      "tsup.package.ts": "export default {}\n",
    }
    expect(checkDependencies(workspace({ ...files, "packages/codec/package.json": { name: "@x/codec" } }))).toEqual([
      'packages/codec: "@x/core" is imported by test/roundTrip.test.ts but not declared in devDependencies',
    ])
    const declared = { name: "@x/codec", devDependencies: { "@x/core": "workspace:*" } }
    expect(checkDependencies(workspace({ ...files, "packages/codec/package.json": declared }))).toEqual([])
  })

  it("a test environment counts as an import", () => {
    const root = workspace({
      "packages/lib/package.json": lib({}),
      "packages/lib/test/dom.test.ts": '// @vitest-environment happy-dom\nimport { it } from "vitest"\n',
    })
    expect(checkDependencies(root)).toEqual([
      'packages/lib: "happy-dom" is imported by test/dom.test.ts but not declared in devDependencies',
    ])
  })
})

describe("a declared dependency never imported fails, naming the package and the dependency", () => {
  it("in dependencies or peerDependencies, when only tests import it", () => {
    const root = workspace({
      "packages/lib/package.json": lib({
        dependencies: { "@x/core": "workspace:*" },
        peerDependencies: { effect: "^3.22.0" },
        devDependencies: { effect: "~3.22.4" },
      }),
      "packages/lib/src/index.ts": "export const one = 1\n",
      "packages/lib/test/lib.test.ts": 'import { core } from "@x/core"\n',
    })
    expect(checkDependencies(root)).toEqual([
      'packages/lib: "@x/core" is declared in dependencies but src/ never imports it',
      'packages/lib: "effect" is declared in peerDependencies but src/ never imports it',
    ])
  })

  it("in devDependencies, unless a script runs it or a declared package needs it as its peer", () => {
    const root = workspace({
      "packages/lib/package.json": lib({
        scripts: { build: "vite build" },
        devDependencies: { vite: "^7.0.0", soap: "^1.0.0", "@hono/node-server": "^2.0.0", hono: "^4.0.0" },
      }),
      "packages/lib/test/serve.test.ts": 'import { serve } from "@hono/node-server"\n',
      "packages/lib/node_modules/@hono/node-server/package.json": { peerDependencies: { hono: "^4" } },
    })
    expect(checkDependencies(root)).toEqual(['packages/lib: "soap" is declared in devDependencies but never imported'])
  })
})

describe("reading imports", () => {
  it("names the package of a specifier, and nothing for relative paths and Node's modules", () => {
    expect(
      ["effect/Schema", "@effect/vitest", "@hono/node-server/serve-static", "./x.js", "/abs", "node:fs", "fs"].map(
        packageOf,
      ),
    ).toEqual(["effect", "@effect/vitest", "@hono/node-server", undefined, undefined, undefined, undefined])
  })

  it("finds imports, re-exports, type imports, dynamic imports and requires, not strings or comments", () => {
    const text = [
      'import a from "a"',
      'import type { B } from "b/sub"',
      'export * from "c"',
      'const d = await import("d")',
      'const e = require("e")',
      '// import x from "commented"',
      'const s = "import y from \\"in-a-string\\""',
    ].join("\n")
    expect(packagesUsedBy(text)).toEqual(["a", "b", "c", "d", "e"])
  })
})
