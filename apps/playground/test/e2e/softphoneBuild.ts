import { createHash } from "node:crypto"
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "vite"

const repository = fileURLToPath(new URL("../../../../", import.meta.url))
const appRoot = fileURLToPath(new URL("../../", import.meta.url))
const outDir = join(appRoot, "dist/softphone")
const stampFile = join(outDir, ".sources-sha256")

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
export const buildSoftphoneOnce = async (): Promise<"built" | "reused"> => {
  const digest = sourcesDigest(softphoneInputs, repository)
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === digest) return "reused"
  await build({ configFile: join(appRoot, "vite.config.ts"), logLevel: "warn" })
  writeFileSync(stampFile, digest)
  return "built"
}
