import { mkdirSync, mkdtempSync } from "node:fs"
import { createRequire } from "node:module"
import { basename, extname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { build, type Plugin } from "esbuild"

const root = fileURLToPath(new URL("../../../../", import.meta.url))

/** Packages Node loads from where the importing package has them, not bundled: native addons and their kin. */
const LoadedAtRunTime = /^(better-sqlite3|pg|ioredis)$/

/**
 * Resolves `@crmod-cti/<name>` to `packages/<name>/src/index.ts` and a subpath export `@crmod-cti/<name>/<entry>` to
 * `packages/<name>/src/<entry>.ts`: a bundle of the packages' sources, as the tests import them.
 */
export const workspaceSources: Plugin = {
  name: "workspace-sources",
  setup: (builder) => {
    builder.onResolve({ filter: /^@crmod-cti\/[a-z-]+(\/[a-z-]+)?$/ }, (args) => {
      const [name, entry = "index"] = args.path.slice("@crmod-cti/".length).split("/")
      return { path: join(root, "packages", name!, `src/${entry}.ts`) }
    })
  },
}

/**
 * TypeScript scripts bundled into plain ES modules, one per entry, every `@crmod-cti/<name>` import resolved to the
 * package's sources (as in the tests), so that a real `node` process can run them: a child a test kills, a README's
 * example. One build for all the entries, which share the parsing of what they import. Returns the bundles' paths,
 * in the entries' order, in a fresh folder under the repository's `node_modules/.cache`.
 */
export const bundleScripts = async (entries: ReadonlyArray<string>): Promise<Array<string>> => {
  const cache = join(root, "node_modules/.cache/bundles")
  mkdirSync(cache, { recursive: true })
  const outdir = mkdtempSync(join(cache, "scripts-"))
  // Entries may share a file name (every package's `example-1.ts`): each gets its own output name.
  const names = entries.map((entry, index) => `${index}-${basename(entry, extname(entry))}`)
  await build({
    entryPoints: entries.map((entry, index) => ({ in: entry, out: names[index]! })),
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    plugins: [
      workspaceSources,
      {
        name: "loaded-at-run-time",
        setup: (builder) => {
          // By absolute URL, so that the bundle finds them wherever it lies, as the importing package does.
          builder.onResolve({ filter: LoadedAtRunTime }, (args) => ({
            path: pathToFileURL(createRequire(args.importer).resolve(args.path)).href,
            external: true,
          }))
        },
      },
    ],
    // Bundled CommonJS dependencies call `require`, which an ES module lacks.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: "silent",
  })
  return names.map((name) => join(outdir, `${name}.mjs`))
}

/** One script bundled as `bundleScripts` does. */
export const bundleScript = async (entry: string): Promise<string> => (await bundleScripts([entry]))[0]!
