// Where a hot path spends its time: `node scripts/cpu-profile.mjs <entry.ts> [top]` bundles the entry (a loop over
// the path to profile) with the packages' sources, runs it under `node --cpu-prof`, and prints the functions with
// the most self time, each with the source file it comes from.
import { execFileSync } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { basename, dirname, join, relative, resolve } from "node:path"
import { esbuild, root, workspaceAlias } from "./lib/esbuild.mjs"

const [entryArgument, topArgument = "25"] = process.argv.slice(2)
if (entryArgument === undefined) {
  console.error("usage: node scripts/cpu-profile.mjs <entry.ts> [top]")
  process.exit(1)
}
const entry = resolve(entryArgument)
// Beside the entry, so that the packages it leaves external resolve from there, as its imports do.
const bundle = join(dirname(entry), `.${basename(entry, ".ts")}.cpu-profile.mjs`)
const profiles = mkdtempSync(join(tmpdir(), "cpu-profile-"))

try {
  await esbuild.build({
    entryPoints: [entry],
    outfile: bundle,
    alias: workspaceAlias,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    logLevel: "error",
  })
  execFileSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", profiles, bundle], { stdio: "inherit" })

  // Unminified, esbuild marks where each source file starts with a `// <path>` comment line.
  const sourceOfLine = []
  let source = relative(root, entry)
  for (const line of readFileSync(bundle, "utf8").split("\n")) {
    source = line.match(/^\/\/ (\S+\.[cm]?[jt]s)$/)?.[1] ?? source
    sourceOfLine.push(source)
  }
  const where = ({ url, lineNumber }) => {
    if (url === "") return ""
    const path = url.startsWith("file://") ? new URL(url).pathname : url
    if (path === bundle) return sourceOfLine[lineNumber] ?? ""
    return relative(root, path).replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, "")
  }

  const [profileFile] = readdirSync(profiles)
  const profile = JSON.parse(readFileSync(join(profiles, profileFile), "utf8"))
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfTime = new Map()
  profile.samples.forEach((id, index) => {
    const { callFrame } = nodes.get(id)
    const key = `${callFrame.functionName || "(anonymous)"}  ${where(callFrame)}`
    selfTime.set(key, (selfTime.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0))
  })
  const total = [...selfTime.values()].reduce((sum, time) => sum + time, 0)
  console.log(`Self time, top ${topArgument} of ${(total / 1e6).toFixed(1)} s sampled:`)
  for (const [key, time] of [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, Number(topArgument))) {
    console.log(`${((100 * time) / total).toFixed(1).padStart(5)}%  ${key}`)
  }
} finally {
  rmSync(bundle, { force: true })
  rmSync(profiles, { recursive: true, force: true })
}
