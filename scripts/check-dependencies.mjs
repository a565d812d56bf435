// Declared = imported: every workspace package declares exactly what it imports. What `src/` imports is a runtime
// dependency (`dependencies` or `peerDependencies`); what its tests, benchmarks and config files import is a dev
// dependency (declared by the package, or shared tooling from the root's `devDependencies`). Fails, naming the package
// and the dependency, on an import not declared and on a declared dependency never imported.
// `node scripts/check-dependencies.mjs` (part of `pnpm lint`).
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { isBuiltin } from "node:module"
import { dirname, join, relative, resolve, sep } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import ts from "typescript"

const sourceFile = /\.(?:[cm]?[jt]sx?)$/
const workspaceDirs = ["packages", "apps"]
/** Folders whose files are the package itself; the rest of the package (tests, benchmarks, config) is development. */
const runtimeDirs = ["src"]
const devDirs = ["test", "bench"]

/** Every source file under `dir`, recursively (none when it does not exist). */
const filesUnder = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && sourceFile.test(entry.name))
        .map((entry) => join(entry.parentPath, entry.name))
    : []

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for relative, absolute and built-in imports. */
export const packageOf = (specifier) => {
  if (/^[./]/.test(specifier) || specifier.includes(":") || isBuiltin(specifier)) return undefined
  const parts = specifier.split("/")
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]
}

/**
 * What a file imports: its imports, re-exports, `import()`s and `require()`s (type-only imports too: the declarations
 * need them), and the environment a vitest file asks for (`// @vitest-environment happy-dom`).
 */
const specifiersIn = (text) => {
  const { importedFiles } = ts.preProcessFile(text, true, true)
  const environment = text.match(/@vitest-environment\s+([\w@/-]+)/)?.[1]
  return [...importedFiles.map((file) => file.fileName), ...(environment ? [environment] : [])]
}

/** The packages a file's text imports by name. */
export const packagesUsedBy = (text) =>
  specifiersIn(text)
    .map(packageOf)
    .filter((name) => name !== undefined)

/**
 * Package name → the files (relative to `dir`) that import it. A relative import into another workspace package
 * (`../../core/test/arbitraries/index.js`) is an import of that package: a dependency all the same.
 */
const importsOf = (dir, files, workspaceNames) => {
  const imports = new Map()
  const packageAt = (file, specifier) => {
    if (!specifier.startsWith(".")) return packageOf(specifier)
    const target = resolve(dirname(file), specifier)
    for (const [other, name] of workspaceNames) {
      if (other !== dir && target.startsWith(`${other}${sep}`)) return name
    }
    return undefined
  }
  for (const file of files) {
    for (const specifier of specifiersIn(readFileSync(file, "utf8"))) {
      const name = packageAt(file, specifier)
      if (name !== undefined) imports.set(name, [...(imports.get(name) ?? []), relative(dir, file)])
    }
  }
  return imports
}

/** The workspace packages' folders, relative to `root`. */
const workspaces = (root) =>
  workspaceDirs.flatMap((parent) =>
    existsSync(join(root, parent))
      ? readdirSync(join(root, parent))
          .map((name) => `${parent}/${name}`)
          .filter((dir) => existsSync(join(root, dir, "package.json")))
      : [],
  )

/** The problems of one package, each a sentence naming the package and the dependency. */
const checkPackage = (root, dir, shared, workspaceNames) => {
  const path = join(root, dir)
  const manifest = JSON.parse(readFileSync(join(path, "package.json"), "utf8"))
  const keys = (field) => new Set(Object.keys(manifest[field] ?? {}))
  const [dependencies, peers, devs] = [keys("dependencies"), keys("peerDependencies"), keys("devDependencies")]
  const runtime = importsOf(
    path,
    runtimeDirs.flatMap((sub) => filesUnder(join(path, sub))),
    workspaceNames,
  )
  const topLevelConfig = readdirSync(path).filter((name) => sourceFile.test(name))
  const dev = importsOf(
    path,
    [...devDirs.flatMap((sub) => filesUnder(join(path, sub))), ...topLevelConfig.map((name) => join(path, name))],
    workspaceNames,
  )
  // A command of the package's scripts (`vite build`) uses the package of that name without importing it.
  const commands = new Set(Object.values(manifest.scripts ?? {}).flatMap((script) => script.match(/[\w@/.-]+/g) ?? []))
  const self = manifest.name
  // A dev dependency may be there only to give another one its peer (`hono` for `@hono/node-server`).
  const peersOfDeclared = new Set(
    [...dependencies, ...devs].flatMap((name) => {
      const installed = join(path, "node_modules", name, "package.json")
      return existsSync(installed)
        ? Object.keys(JSON.parse(readFileSync(installed, "utf8")).peerDependencies ?? {})
        : []
    }),
  )
  const where = (files) => files.slice(0, 2).join(", ") + (files.length > 2 ? ", …" : "")

  const problems = []
  for (const [name, files] of runtime) {
    if (name === self || dependencies.has(name) || peers.has(name)) continue
    problems.push(
      devs.has(name)
        ? `${dir}: "${name}" is imported by ${where(files)} but declared only in devDependencies (move it to dependencies or peerDependencies)`
        : `${dir}: "${name}" is imported by ${where(files)} but not declared in package.json`,
    )
  }
  for (const [name, files] of dev) {
    if (name === self || dependencies.has(name) || peers.has(name) || devs.has(name) || shared.has(name)) continue
    problems.push(`${dir}: "${name}" is imported by ${where(files)} but not declared in devDependencies`)
  }
  for (const [field, declared] of [
    ["dependencies", dependencies],
    ["peerDependencies", peers],
  ]) {
    for (const name of declared) {
      if (!runtime.has(name)) problems.push(`${dir}: "${name}" is declared in ${field} but src/ never imports it`)
    }
  }
  for (const name of devs) {
    // The dev copy of a peer dependency (Effect's convention) is used wherever the peer is.
    const used =
      dev.has(name) || runtime.has(name) || peers.has(name) || commands.has(name) || peersOfDeclared.has(name)
    if (!used && !name.startsWith("@types/")) {
      problems.push(`${dir}: "${name}" is declared in devDependencies but never imported`)
    }
  }
  return problems
}

/** Every problem of every workspace package under `root`. */
export const checkDependencies = (root) => {
  const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"))
  const shared = new Set(Object.keys(rootManifest.devDependencies ?? {}))
  const dirs = workspaces(root)
  const workspaceNames = new Map(
    dirs.map((dir) => [join(root, dir), JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")).name]),
  )
  return dirs.flatMap((dir) => checkPackage(root, dir, shared, workspaceNames))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const problems = checkDependencies(fileURLToPath(new URL("..", import.meta.url)))
  for (const problem of problems) console.error(problem)
  if (problems.length > 0) {
    console.error(`\n${problems.length} dependency declaration(s) do not match the imports.`)
    process.exit(1)
  }
  console.log("Dependencies: every package declares exactly what it imports.")
}
