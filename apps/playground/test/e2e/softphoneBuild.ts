import { createHash } from "node:crypto"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { setTimeout as sleep } from "node:timers/promises"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "vite"

const repository = fileURLToPath(new URL("../../../../", import.meta.url))
const appRoot = fileURLToPath(new URL("../../", import.meta.url))
const outDir = join(appRoot, "dist/softphone")
const stampFile = join(outDir, ".sources-sha256")
const lockDir = join(appRoot, "dist/.softphone-build-lock")
/** A lock older than this was left by a run that died while building. */
const staleLockMs = 120_000

/**
 * What the softphone's bundle can be made of: the app's sources (the softphone's, and whatever of the app it may come
 * to import), every workspace package's sources (Vite bundles them from `src`), Vite's configuration and the lockfile
 * (the third-party code).
 */
const softphoneInputs = [
  join(appRoot, "src"),
  ...readdirSync(join(repository, "packages")).map((name) => join(repository, "packages", name, "src")),
  join(appRoot, "vite.config.ts"),
  join(repository, "pnpm-lock.yaml"),
]

/** A digest of the names and contents of every file under `paths` (a path may be a file), in a fixed order. */
export const sourcesDigest = (paths: ReadonlyArray<string>, base: string): string => {
  const hash = createHash("sha256")
  const files = paths.flatMap((path) =>
    !existsSync(path)
      ? []
      : statSync(path).isFile()
        ? [path]
        : readdirSync(path, { withFileTypes: true, recursive: true })
            .filter((entry) => entry.isFile())
            .map((entry) => join(entry.parentPath, entry.name)),
  )
  for (const file of files.sort())
    hash
      .update(`${relative(base, file)}\0`)
      .update(readFileSync(file))
      .update("\0")
  return hash.digest("hex")
}

/**
 * The softphone's Vite build (`dist/softphone`), made from the current sources: built unless the one there was built
 * from exactly these sources, so a run of the suite builds it at most once and a run with unchanged sources not at
 * all. Answers which of the two it did.
 */
export const buildSoftphoneOnce = (): Promise<"built" | "reused"> =>
  exclusively(async () => {
    const digest = sourcesDigest(softphoneInputs, repository)
    if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === digest) return "reused"
    await build({ configFile: join(appRoot, "vite.config.ts"), logLevel: "warn" })
    writeFileSync(stampFile, digest)
    return "built"
  })

/**
 * One build at a time across the test files that run in parallel (each in a worker of its own): the others wait,
 * then find it built. `mkdir` is atomic: the directory is the lock.
 */
const exclusively = async <A>(body: () => Promise<A>): Promise<A> => {
  mkdirSync(join(lockDir, ".."), { recursive: true })
  for (;;) {
    try {
      mkdirSync(lockDir)
      break
    } catch (error) {
      if ((error as { code?: unknown }).code !== "EEXIST") throw error
      const lock = statSync(lockDir, { throwIfNoEntry: false })
      if (lock !== undefined && Date.now() - lock.mtimeMs > staleLockMs)
        rmSync(lockDir, { recursive: true, force: true })
      else await sleep(100)
    }
  }
  try {
    return await body()
  } finally {
    rmSync(lockDir, { recursive: true, force: true })
  }
}
