import { type ChildProcess, spawn } from "node:child_process"
import { mkdirSync, mkdtempSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"

const root = fileURLToPath(new URL("../../../../", import.meta.url))

export interface BundleOptions {
  /** The package whose `node_modules` the script finds its external packages in, as a user's process would. */
  readonly packageDir: string
  /** Packages left out of the bundle (native ones, and those the script must load from `packageDir`). */
  readonly external?: ReadonlyArray<string>
}

/**
 * A script bundled into plain JavaScript, the workspace packages resolved to their sources (as in the tests), so
 * that a real process can run it: the children the tests start, kill and count.
 */
export const bundleScript = async (entry: string, options: BundleOptions): Promise<string> => {
  const cache = join(options.packageDir, "node_modules/.cache")
  mkdirSync(cache, { recursive: true })
  const outfile = join(mkdtempSync(join(cache, "child-")), "child.mjs")
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: [...(options.external ?? [])],
    plugins: [
      {
        name: "workspace-sources",
        setup: (builder) => {
          builder.onResolve({ filter: /^@crmod-cti\/[a-z-]+$/ }, (args) => ({
            path: join(root, "packages", args.path.slice("@crmod-cti/".length), "src/index.ts"),
          }))
        },
      },
    ],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: "silent",
  })
  return outfile
}

/** A running child: its stdout lines as they come, and a way to wait for one. */
export interface Child {
  readonly process: ChildProcess
  readonly lines: Array<string>
  /** Resolves with the first line (from the start) that `match` accepts; rejects if the child exits first. */
  readonly waitFor: (match: (line: string) => boolean) => Promise<string>
  readonly exited: Promise<number | null>
}

/** Runs a bundled `script` with `config` as its one argument (JSON), in the package it was bundled for. */
export const startChild = (script: string, config: object): Child => {
  const child = spawn(process.execPath, [script, JSON.stringify(config)], {
    // The bundle is in `<package>/node_modules/.cache/child-…/`.
    cwd: join(dirname(script), "../../.."),
    stdio: ["ignore", "pipe", "inherit"],
  })
  const lines: Array<string> = []
  const waiters = new Set<() => void>()
  let buffered = ""
  child.stdout?.setEncoding("utf8")
  child.stdout?.on("data", (data: string) => {
    buffered += data
    const parts = buffered.split("\n")
    buffered = parts.pop() ?? ""
    lines.push(...parts)
    for (const waiter of waiters) waiter()
  })
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  const waitFor = (match: (line: string) => boolean) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = lines.find(match)
        if (found === undefined) return
        waiters.delete(check)
        resolve(found)
      }
      waiters.add(check)
      check()
      void exited.then((code) => {
        waiters.delete(check)
        const found = lines.find(match)
        found === undefined ? reject(new Error(`the child exited (${code}) first`)) : resolve(found)
      })
    })
  return { process: child, lines, waitFor, exited }
}
