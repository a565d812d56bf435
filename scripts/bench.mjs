// `pnpm bench`: every workspace's benchmarks, one after another (benchmarks side by side would disturb each other),
// each printing its own tables. Exits non-zero when any of them fails.
//
// Convention: a package or app under `packages/` or `apps/` defines a `bench` script in its package.json (for vitest,
// `vitest bench --root ../.. --project <dir> --run`); it is run with `pnpm --filter <package> bench`. One with
// `bench/*.bench.ts` files and no `bench` script is run as its vitest project. `node scripts/bench.mjs <dir>…`
// runs only the named workspaces.
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const only = process.argv.slice(2)

const hasBenchFiles = (dir) =>
  existsSync(`${dir}/bench`) && readdirSync(`${dir}/bench`).some((file) => file.endsWith(".bench.ts"))

/** Each workspace with benchmarks, and the command that runs them. */
const suites = ["packages", "apps"]
  .filter((parent) => existsSync(`${root}${parent}`))
  .flatMap((parent) =>
    readdirSync(`${root}${parent}`, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(`${root}${parent}/${entry.name}/package.json`))
      .map((entry) => {
        const dir = `${root}${parent}/${entry.name}`
        const manifest = JSON.parse(readFileSync(`${dir}/package.json`, "utf8"))
        const command =
          manifest.scripts?.bench !== undefined
            ? ["npx", "--yes", "pnpm@10", "--filter", manifest.name, "run", "bench"]
            : hasBenchFiles(dir)
              ? ["npx", "vitest", "bench", "--run", "--project", entry.name]
              : undefined
        return { name: entry.name, command }
      }),
  )
  .filter((suite) => suite.command !== undefined && (only.length === 0 || only.includes(suite.name)))

const unknown = only.filter((name) => !suites.some((suite) => suite.name === name))
if (unknown.length > 0) {
  console.error(`No benchmarks in: ${unknown.join(", ")}`)
  process.exit(1)
}

const results = []
for (const { name, command } of suites) {
  console.log(`\n━━ ${name}: ${command.join(" ")}\n`)
  const started = performance.now()
  const run = spawnSync(command[0], command.slice(1), {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(0)
  const failed = run.status !== 0
  results.push({
    name,
    failed,
    outcome: failed ? `FAILED (${run.error?.message ?? run.signal ?? `exit ${run.status}`})` : "ok",
  })
  console.log(`\n━━ ${name}: ${failed ? "FAILED" : "done"} in ${seconds} s`)
}

console.log("\nBenchmarks:")
for (const { name, outcome } of results) console.log(`  ${name.padEnd(20)} ${outcome}`)
if (results.length === 0) console.log("  none found")
process.exit(results.some((result) => result.failed) ? 1 : 0)
