// esbuild for the repository's scripts, and the aliases that make a bundle read each package's sources.
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"

/** The repository's root directory, with a trailing slash. */
export const root = fileURLToPath(new URL("../..", import.meta.url))

// esbuild is not a root dependency: it comes with tsup (every package builds with it), so it is loaded from there.
const fromTsup = createRequire(createRequire(import.meta.url).resolve("tsup/package.json"))

/** esbuild's JS API (`build`, `analyzeMetafile`, …). */
export const esbuild = fromTsup("esbuild")

/**
 * `@crmod-cti/<name>` → `packages/<name>/src/index.ts`, and each subpath export `@crmod-cti/<name>/<entry>` (a
 * `./<entry>` of its package.json's `exports`) → `packages/<name>/src/<entry>.ts`, as in the root vitest.config.ts.
 */
export const workspaceAlias = Object.fromEntries(
  readdirSync(`${root}packages`)
    .filter((name) => existsSync(`${root}packages/${name}/src/index.ts`))
    .flatMap((name) => {
      const exports = JSON.parse(readFileSync(`${root}packages/${name}/package.json`, "utf8")).exports ?? {}
      const entries = Object.keys(exports)
        .map((key) => key.match(/^\.\/([a-z-]+)$/)?.[1])
        .filter((entry) => entry !== undefined && existsSync(`${root}packages/${name}/src/${entry}.ts`))
      return [
        [`@crmod-cti/${name}`, `${root}packages/${name}/src/index.ts`],
        ...entries.map((entry) => [`@crmod-cti/${name}/${entry}`, `${root}packages/${name}/src/${entry}.ts`]),
      ]
    }),
)
